"""Throughput on the production server: `commerce.catalogue.rps`, `commerce.product.rps`,
`commerce.home.rps`.

gunicorn (the documented production server) with one sync worker, pinned to CPU 0 with
`taskset -c 0` when there is one, DEBUG off, on the bench run's demo data (the full `hoaban
demo` unless `BENCH_SMALL_DEMO=1`); `wrk` (Debian's package, installed by the bench as root)
pinned to CPU 1 with 16 keep-alive connections (`BENCH_LOAD_CONNECTIONS`) for 10 s
(`BENCH_SECONDS`) per page, `BENCH_REPEAT` times (1; the median is printed, the spread goes to
stderr), after a 2 s warm-up, on 127.0.0.1 only. Anonymous readers, no cookies: what a visitor
from a shared link gets. Without `wrk` the figures are not measured
(a Python client on this machine would measure itself, not the server).
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench._catalogue import ensure_wrk
from bench._server import DemoServer, demo_data, free_port, note
from bench.page import published_product_code

PAGES = [("catalogue", "/products/"), ("product", None), ("home", "/")]


def connections() -> int:
    return int(os.environ.get("BENCH_LOAD_CONNECTIONS", "16"))


def repeats() -> int:
    """`BENCH_REPEAT` runs per page (1): the figure is their median, the spread goes to stderr."""
    return max(1, int(os.environ.get("BENCH_REPEAT", "1")))


def seconds() -> int:
    return int(os.environ.get("BENCH_SECONDS", "10"))


def pinned(cpu: int) -> list[str]:
    """`taskset -c <cpu>` when taskset exists and the machine has that CPU."""
    taskset = shutil.which("taskset")
    if taskset and cpu < (os.cpu_count() or 1):
        return [taskset, "-c", str(cpu)]
    return []


class Gunicorn:
    """One sync gunicorn worker on the prepared demo data, as production runs it."""

    def __init__(self, data: DemoServer) -> None:
        self.data = data
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            *pinned(0),
            str(gunicorn),
            "--workers",
            "1",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--log-level",
            "warning",
            "hoaban.wsgi:application",
        ]
        self.log = open(self.data.var_dir / "gunicorn.log", "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            command, env=self.data.env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log_tail()}")
            if self.status("/") == 200:
                note(f"gunicorn up at {self.base_url} (1 sync worker, {' '.join(pinned(0))})")
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within 60 s: {self.log_tail()}")

    def status(self, path: str) -> int | None:
        self.data.base_url, saved = self.base_url, self.data.base_url
        try:
            return self.data.status(path)
        finally:
            self.data.base_url = saved

    def log_tail(self) -> str:
        return (self.data.var_dir / "gunicorn.log").read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def wrk_rate(wrk: str, url: str, duration: int) -> tuple[float, int, str]:
    result = subprocess.run(
        [
            *pinned(1),
            wrk,
            "-t",
            "1",
            "-c",
            str(connections()),
            "-d",
            f"{duration}s",
            "--timeout",
            "10s",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=duration + 60,
        check=True,
    )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", result.stdout)
    errors = re.search(r"Socket errors:.*", result.stdout)
    return rate, int(bad.group(1)) if bad else 0, errors.group(0) if errors else ""


def run() -> list[tuple[str, float, str]]:
    wrk = ensure_wrk()
    if not wrk:
        note("load: wrk is missing (apt-get install wrk): throughput not measured")
        return []
    data = demo_data()
    code = published_product_code(data)
    server = Gunicorn(data)
    server.start()
    figures: list[tuple[str, float, str]] = []
    try:
        for name, path in PAGES:
            if path is None:
                if not code:
                    note("load: no published product: commerce.product.rps not measured")
                    continue
                path = f"/p/{code}/"
            if server.status(path) != 200:
                note(f"load: {path} answers {server.status(path)}: not measured")
                continue
            wrk_rate(wrk, server.base_url + path, 2)  # warm-up: caches, connections
            rates = []
            for _ in range(repeats()):
                rate, bad, errors = wrk_rate(wrk, server.base_url + path, seconds())
                rates.append(rate)
                note(
                    f"load: {name} GET {path}: {rate:.0f} req/s (wrk, {connections()} "
                    f"connections, {seconds()} s); non-2xx/3xx: {bad}"
                    f"{'; ' + errors if errors else ''}"
                )
            if len(rates) > 1:
                note(
                    f"load: {name}: median of {len(rates)} runs, spread "
                    f"{min(rates):.0f}–{max(rates):.0f} req/s"
                )
            figures.append((f"commerce.{name}.rps", statistics.median(rates), "rps"))
    finally:
        server.stop()
    return figures
