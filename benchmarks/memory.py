"""Memory as the operating system sees it: the peak resident set (VmHWM) of a process and of its backend.

tracemalloc counts only Python's own allocations; the kernel's high-water mark counts everything the
process touched (C libraries, the interpreter, freed-but-kept arenas). A figure is taken in a fresh
process, so the peak is that of the work measured, and on a fresh database connection, so the
PostgreSQL backend's peak is that of the same work (a backend starts from the postmaster's few MiB).
"""

from pathlib import Path

from django.db import connection


def peak_rss_mib(pid: int | str = "self") -> float:
    """Return the peak resident memory of a process (its VmHWM) in MiB; 0 when it cannot be read."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def backend_pid() -> int:
    """The process id of this connection's PostgreSQL backend (on this machine for the benchmarks)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return int(cursor.fetchone()[0])
