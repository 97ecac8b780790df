"""`python -m bench [group …]`: run the named groups (all of them without arguments).

Prints one line per figure, `name: value unit` (e.g. `page.home.kb: 31.2 KB`), on stdout;
notes and progress go to stderr so the figures stay easy to parse.
"""

import importlib
import pkgutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Figures a group gets from helper modules besides its own `bench/<group>.py` (which may not
# exist yet): the catalogue throughput belongs to the commerce group.
EXTRAS: dict[str, list[str]] = {"commerce": ["bench._catalogue"]}


def available_groups() -> list[str]:
    names = {m.name for m in pkgutil.iter_modules([str(HERE)]) if not m.name.startswith("_")}
    return sorted(names | set(EXTRAS))


def format_value(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.2f}"
    if unit in {"rps", "count", "B"}:
        return f"{value:.0f}"
    return f"{value:.1f}"


def run_group(group: str) -> list[tuple[str, float, str]]:
    modules = []
    if (HERE / f"{group}.py").exists():
        modules.append(f"bench.{group}")
    modules += EXTRAS.get(group, [])
    figures: list[tuple[str, float, str]] = []
    for module_name in modules:
        module = importlib.import_module(module_name)
        figures += module.run()
    return figures


def main(argv: list[str]) -> int:
    groups = available_groups()
    wanted = argv or groups
    unknown = [name for name in wanted if name not in groups]
    if unknown:
        print(
            f"bench: unknown group(s): {', '.join(unknown)}. Known groups: {', '.join(groups)}",
            file=sys.stderr,
        )
        return 2
    for group in wanted:
        started = time.monotonic()
        print(f"# group {group}…", file=sys.stderr, flush=True)
        for name, value, unit in run_group(group):
            print(f"{name}: {format_value(value, unit)} {unit}", flush=True)
        print(f"# group {group} took {time.monotonic() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
