"""Update the Vietnamese catalogues: one per app (hoaban/<app>/locale) plus the project's own
(hoaban/locale: shared templates, core, settings). Usage: python scripts/makemessages.py [app …]

Message ids are English; Vietnamese is the default language, so every entry needs its msgstr.
Needs GNU gettext (xgettext); `make messages` runs it. Compiling needs only polib.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "hoaban"
DJANGO_ADMIN = Path(sys.executable).with_name("django-admin")
APPS = sorted(
    p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists() and p.name not in {"core"}
)
COMMON = ["-l", "vi", "--no-obsolete", "--ignore=tests/*", "--ignore=migrations/*"]


def run(cwd: Path, extra: list[str]) -> None:
    (cwd / "locale").mkdir(exist_ok=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hoaban.settings", "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [str(DJANGO_ADMIN), "makemessages", *COMMON, *extra], cwd=cwd, env=env, check=True
    )


def main(names: list[str]) -> None:
    for name in names or [*APPS, "project"]:
        if name == "project":
            run(PACKAGE, [f"--ignore={app}/*" for app in APPS])
        else:
            run(PACKAGE / name, [])


if __name__ == "__main__":
    main(sys.argv[1:])
