"""Throwaway servers for the drills: a PostgreSQL cluster and a Redis under /tmp, on their own ports.

They never touch the machine's shared PostgreSQL (5432) or Redis (6379): the drills restart these.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings

PG_BIN = (
    Path("/usr/lib/postgresql")
    / (sorted(os.listdir("/usr/lib/postgresql"))[-1] if os.path.isdir("/usr/lib/postgresql") else "15")
    / "bin"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the postgres user when root."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class ThrowawayPostgres:
    """An initdb'ed cluster in a /tmp folder, trust authentication on 127.0.0.1 only."""

    def __init__(self, name: str) -> None:
        self.root = Path(tempfile.mkdtemp(prefix=f"goc-drill-{name}-"))
        self.data = self.root / "data"
        self.port = free_port()

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/goc_perf_drill"

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"), *args]),
            check=True, capture_output=True,
        )  # fmt: skip

    def start(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        subprocess.run(
            _as_postgres([str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]),
            check=True, capture_output=True,
        )  # fmt: skip
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=on"
        self.pg_ctl("-o", options, "-w", "start")
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "goc_perf_drill"], check=True
        )

    def restart(self) -> float:
        """Restart the cluster (fast shutdown: open transactions are rolled back); return the seconds it took."""
        started = time.monotonic()
        self.pg_ctl("-m", "fast", "-w", "restart")
        return time.monotonic() - started

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run(
                _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"]),
                capture_output=True,
            )  # fmt: skip
        shutil.rmtree(self.root, ignore_errors=True)


class ThrowawayRedis:
    """A redis-server on a free port, no persistence: a restart loses everything, as a crash would."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            done = subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True)
            if done.stdout.strip() == "PONG":
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def restart(self, down_seconds: float) -> None:
        self.stop()
        time.sleep(down_seconds)
        self.start()


def manage(*args: str, env: dict[str, str]) -> str:
    """Run a manage.py command with the drill's environment; return its output."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env={**os.environ, **env},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout
