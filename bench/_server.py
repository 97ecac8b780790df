"""A real server process on 127.0.0.1 with demo data, shared by every group of one bench run.

A temporary `HOABAN_VAR_DIR` holds its SQLite database, collected static files (compressed by
whitenoise, as in production) and media. The full `hoaban demo` loads the data (140 products,
48 organisations: pages as people will see them; ~40 s); `BENCH_SMALL_DEMO=1` loads
`demo --small` instead for a quicker run. The server is Django's runserver with DEBUG off
(whitenoise serves static files), which is what `make run` uses.
"""

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def note(message: str) -> None:
    print(f"# {message}", file=sys.stderr, flush=True)


class DemoServer:
    def __init__(self) -> None:
        self.var_dir = Path(tempfile.mkdtemp(prefix="hoaban-bench-"))
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "HOABAN_VAR_DIR": str(self.var_dir),
            "DEBUG": "false",
            "HOABAN_DEMO": os.environ.get("HOABAN_DEMO", "1"),  # the embedded demo key
            "PYTHONUNBUFFERED": "1",
            "LOG_LEVEL": "ERROR",
        }
        # Embedded mode whatever the shell says: our own SQLite file, tasks run eagerly.
        self.env.pop("DATABASE_URL", None)
        self.env.pop("REDIS_URL", None)
        self.process: subprocess.Popen | None = None
        self.demo = "small" if os.environ.get("BENCH_SMALL_DEMO") == "1" else "full"
        self.prepared = False

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "hoaban", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"`hoaban {' '.join(args)}` failed ({result.returncode}):\n"
                f"{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
            )
        return result.stdout

    def prepare(self) -> None:
        if self.prepared:
            return
        started = time.monotonic()
        self.manage("compiletranslations")
        self.manage("migrate", "--noinput", "-v0")
        self.manage("loadreference")
        self.manage("demo", *(["--small"] if self.demo == "small" else []))
        self.manage("collectstatic", "--noinput", "-v0")
        note(
            f"server data: migrate + demo ({self.demo}) + collectstatic in "
            f"{time.monotonic() - started:.0f} s, in {self.var_dir}"
        )
        self.prepared = True

    def start(self) -> None:
        self.prepare()
        self.log = open(self.var_dir / "server.log", "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hoaban", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited:\n{self.log_tail()}")
            if self.status("/") == 200:
                note(f"server up at {self.base_url} (runserver, DEBUG off, pid {self.process.pid})")
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server did not answer within 60 s:\n{self.log_tail()}")

    def log_tail(self) -> str:
        path = self.var_dir / "server.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def status(self, path: str) -> int | None:
        """HTTP status of a GET, without following redirects (None when nothing answers)."""

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(self.base_url + path, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return None

    def shell(self, code: str) -> str:
        """Run Python in the server's environment; returns what it printed after `RESULT:`."""
        output = self.manage("shell", "-v0", "-c", code)
        results = [line[7:] for line in output.splitlines() if line.startswith("RESULT:")]
        return results[-1].strip() if results else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        shutil.rmtree(self.var_dir, ignore_errors=True)


_server: DemoServer | None = None
_data: DemoServer | None = None


def demo_data() -> DemoServer:
    """The bench run's demo data (database, static files, media), prepared once and shared by
    every server of the run (runserver here, gunicorn in `bench.load`)."""
    global _data
    if _data is None:
        data = DemoServer()
        atexit.register(data.stop)
        data.prepare()
        _data = data
    return _data


def demo_server() -> DemoServer:
    """The bench run's one server, started on first use and stopped when Python exits."""
    global _server
    if _server is None:
        server = demo_data()
        server.start()
        _server = server
    return _server
