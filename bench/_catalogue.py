"""`commerce.catalogue.rps`: requests per second on the product list with concurrent clients.

Against the bench run's real server process on 127.0.0.1, for a bounded time (10 s by default,
`BENCH_SECONDS`), with `BENCH_CLIENTS` (8) concurrent keep-alive connections. Uses `wrk` when it is
installed (and installs Debian's package when running as root); otherwise a small thread pool of
`http.client` connections, which is itself slower, so the figure says which tool measured it.
"""

import http.client
import os
import re
import shutil
import subprocess
import threading
import time

from bench._server import demo_server, note

PATH = "/products/"


def clients() -> int:
    return int(os.environ.get("BENCH_CLIENTS", "8"))


def seconds() -> int:
    return int(os.environ.get("BENCH_SECONDS", "10"))


def ensure_wrk() -> str | None:
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() == 0 and shutil.which("apt-get"):
        note("installing wrk (apt-get) for the throughput figure…")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (["apt-get", "install", "-y", "-qq", "wrk"], ["apt-get", "update", "-qq"]):
            try:
                subprocess.run(command, env=env, capture_output=True, timeout=300, check=False)
            except subprocess.TimeoutExpired:
                return None
            if shutil.which("wrk"):
                break
        if not shutil.which("wrk"):
            subprocess.run(
                ["apt-get", "install", "-y", "-qq", "wrk"],
                env=env,
                capture_output=True,
                timeout=300,
                check=False,
            )
    return shutil.which("wrk")


def rps_wrk(wrk: str, host: str, port: int) -> tuple[float, int]:
    result = subprocess.run(
        [
            wrk,
            "-t",
            str(min(clients(), 2)),
            "-c",
            str(clients()),
            "-d",
            f"{seconds()}s",
            "--timeout",
            "10s",
            f"http://{host}:{port}{PATH}",
        ],
        capture_output=True,
        text=True,
        timeout=seconds() + 60,
        check=True,
    )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", result.stdout)
    errors = re.search(r"Socket errors:.*", result.stdout)
    if errors:
        note(f"wrk: {errors.group(0)}")
    return rate, int(bad.group(1)) if bad else 0


def rps_threads(host: str, port: int) -> tuple[float, int]:
    deadline = time.monotonic() + seconds()
    counts = [0] * clients()
    failures = [0] * clients()

    def worker(index: int) -> None:
        connection = http.client.HTTPConnection(host, port, timeout=10)
        while time.monotonic() < deadline:
            try:
                connection.request("GET", PATH, headers={"Accept-Encoding": "gzip"})
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    counts[index] += 1
                else:
                    failures[index] += 1
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = http.client.HTTPConnection(host, port, timeout=10)
            except (OSError, http.client.HTTPException):
                failures[index] += 1
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=10)
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients())]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started), sum(failures)


def run() -> list[tuple[str, float, str]]:
    server = demo_server()
    if server.status(PATH) != 200:
        note(f"catalogue: {PATH} answers {server.status(PATH)}, throughput not measured")
        return []
    wrk = ensure_wrk()
    tool = "wrk" if wrk else "python threads"
    if wrk:
        rate, bad = rps_wrk(wrk, "127.0.0.1", server.port)
    else:
        rate, bad = rps_threads("127.0.0.1", server.port)
    note(
        f"catalogue: {tool}, {clients()} clients, {seconds()} s on GET {PATH} "
        f"(runserver, demo {server.demo}); non-200 answers: {bad}"
    )
    return [("commerce.catalogue.rps", rate, "rps")]
