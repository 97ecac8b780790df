"""`scale`: the lists at catalogue scale, on PostgreSQL (`make bench ONLY=scale`).

Builds, in its own database next to `DATABASE_URL`'s (`<name>_scale`, dropped and made again),
the small demo and then, in bulk on the server (`INSERT … SELECT generate_series`), 100,000
products from 2,000 cooperatives and 1,000,000 orders (`BENCH_SCALE=0.01` for a hundredth: what
CI runs). Then it times, through Django's test client in that process (server time: middleware,
queries, templates), the first page of `/products/` and its last (as "Next" reaches it), a
search, the home page and the API's deepest page, and prints the median of
`BENCH_SCALE_REPEAT` (7) requests per round for three rounds (the rounds' medians go to
stderr: the spread):

    scale.products_100k.ms, scale.products_last_page_100k.ms, scale.search_100k.ms,
    scale.home_100k.ms, scale.api_last_page_100k.ms

Without a PostgreSQL `DATABASE_URL` it prints a note and no figure (SQLite has no trigram
index, and a 100,000-product SQLite file says little about production).
"""

import os
import subprocess
import sys
import tempfile

from bench._server import note


def bench_database_url(url: str) -> str:
    """The same server and user as `url`, database `<name>_scale`."""
    base, _, name = url.rpartition("/")
    name = name.split("?")[0] or "hoaban"
    return f"{base}/{name}_scale"


def run() -> list[tuple[str, float, str]]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        note(
            "scale: SKIPPED — no PostgreSQL configured. Set DATABASE_URL=postgres://… "
            "(e.g. postgres://postgres@127.0.0.1:5432/hb_dev): the bench builds its own "
            "database <name>_scale there."
        )
        return []
    env = {
        **os.environ,
        "DATABASE_URL": bench_database_url(url),
        "HOABAN_VAR_DIR": tempfile.mkdtemp(prefix="hoaban-scale-"),
        "HOABAN_DEMO": os.environ.get("HOABAN_DEMO", "1"),
        "DEBUG": "false",
        "LOG_LEVEL": "ERROR",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "bench._scale"],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        timeout=3600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"bench._scale failed ({result.returncode}):\n{result.stdout[-3000:]}")
    figures = []
    for line in result.stdout.splitlines():
        if line.startswith("FIGURE "):
            _, name, value, unit = line.split()
            figures.append((name, float(value), unit))
    return figures
