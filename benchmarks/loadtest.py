"""Loopback load tests for the benchmarks: a gunicorn to talk to, browser-like sessions, percentiles.

Only 127.0.0.1 is ever contacted: the server is started here, on a free port of this machine.
"""

import contextlib
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@contextlib.contextmanager
def gunicorn(*, workers: int, env: dict[str, str] | None = None) -> Iterator[str]:
    """Serve the project with gunicorn on a free loopback port; yield its base URL."""
    port = free_port()
    environment = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1", "DEBUG": "false", **(env or {})}
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [str(Path(sys.executable).parent / "gunicorn"), "goc_perf.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--timeout", "120", "--log-level", "warning"],
        cwd=settings.BASE_DIR, env=environment,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                # Our own server on loopback, an http:// URL built above (hence S310 / B310 answered).
                urllib.request.urlopen(f"{base}/saglik/", timeout=2)  # noqa: S310 # nosec B310
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not answer")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Session:
    """One person in a browser: cookies, CSRF token, timed requests."""

    def __init__(self, base: str, username: str, password: str) -> None:
        self.base, self.username, self.password = base, username, password
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        # A POST is timed up to its own answer (a redirect), not the page loaded after it.
        self.no_redirect = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)

    @staticmethod
    def token(html: str) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if found is None:
            raise RuntimeError("no CSRF token on the page")
        return found.group(1)

    def log_in(self) -> None:
        page = self.opener.open(f"{self.base}/login/", timeout=300).read().decode()
        data = {"csrfmiddlewaretoken": self.token(page), "username": self.username, "password": self.password}
        request = urllib.request.Request(f"{self.base}/login/", urllib.parse.urlencode(data).encode())  # noqa: S310
        self.opener.open(request, timeout=300)

    def get(self, path: str) -> tuple[float, int, str]:
        """Return (seconds, status, body) of a GET."""
        started = time.perf_counter()
        try:
            response = self.opener.open(f"{self.base}{path}", timeout=300)
            body = response.read().decode()
            return time.perf_counter() - started, response.status, body
        except urllib.error.HTTPError as error:
            return time.perf_counter() - started, error.code, ""
        except OSError:
            return time.perf_counter() - started, 0, ""

    def post(self, path: str, data: dict[str, str]) -> tuple[float, int, str]:
        """Return (seconds, status, Location) of a POST, without following its redirect."""
        request = urllib.request.Request(  # noqa: S310
            f"{self.base}{path}", urllib.parse.urlencode(data).encode(), headers={"Referer": self.base}
        )
        started = time.perf_counter()
        try:
            response = self.no_redirect.open(request, timeout=300)
            return time.perf_counter() - started, response.status, ""
        except urllib.error.HTTPError as answer:
            return time.perf_counter() - started, answer.code, answer.headers.get("Location", "")
        except OSError:
            return time.perf_counter() - started, 0, ""


def parallel(calls: list[Callable[[], object]], width: int | None = None) -> list:
    """Run the calls in threads, `width` at a time (all at once by default); return their results."""
    results: list = [None] * len(calls)
    width = width or len(calls)

    def run(i: int) -> None:
        results[i] = calls[i]()

    for start in range(0, len(calls), width):
        threads = [threading.Thread(target=run, args=(i,)) for i in range(start, min(start + width, len(calls)))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return results


def print_rows(write: Callable[[str], None], rows: list[tuple[str, str]]) -> None:
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        write(f"{label.ljust(width)}  {value}")
