"""Quarter-end burst on loopback: 100 unit users save a full Form-3 at once (make bench); prints figures.

Builds a benchmark administration (code BURST: 100 units, one data-entry user and 10 indicators
each, the quarter reopened for every unit), serves it with gunicorn on a free loopback port, and
measures the save latency of one user alone and of all users at once.
"""

import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from accounts.choices import Role, UnitKind
from accounts.models import Administration, RoleAssignment, Unit, User
from core import clock
from indicators.models import PPIndicator
from plans.choices import AggregationMethod
from plans.models import PerformanceProgram, Program, SubProgram
from submissions.models import QuarterException

CODE = "BURST"
PASSWORD = "Kiyaslama-parola-2026"
ROOT = Path(settings.BASE_DIR)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Client:
    """One person in a browser: a session, the form page, the save."""

    def __init__(self, base: str, username: str, form_path: str) -> None:
        self.base, self.username, self.form_path = base, username, form_path
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        # The save is timed up to its own answer (a redirect), not the page loaded after it.
        self.saver = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)

    def _token(self, html: str) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if found is None:
            raise CommandError(f"{self.username}: sayfada CSRF anahtarı yok.")
        return found.group(1)

    def log_in(self) -> None:
        page = self.opener.open(f"{self.base}/login/", timeout=300).read().decode()
        data = {"csrfmiddlewaretoken": self._token(page), "username": self.username, "password": PASSWORD, "next": "/"}
        self.opener.open(
            urllib.request.Request(f"{self.base}/login/", urllib.parse.urlencode(data).encode()), timeout=300
        )

    def load(self) -> dict[str, str]:
        html = self.opener.open(f"{self.base}{self.form_path}", timeout=300).read().decode()
        data = {"csrfmiddlewaretoken": self._token(html)}
        data.update(dict(re.findall(r'name="(form_version|i\d+-version)" value="(\d*)"', html)))
        for name in re.findall(r'name="(i\d+-value)"', html):
            data[name] = f"{time.time_ns() % 90_000 + 1000:,}".replace(",", ".")
            data[name.replace("-value", "-narrative")] = "Kıyaslama değerlendirmesi."
        return data

    def save(self, data: dict[str, str]) -> tuple[float, bool]:
        request = urllib.request.Request(
            f"{self.base}{self.form_path}", urllib.parse.urlencode(data).encode(), headers={"Referer": self.base}
        )
        started = time.perf_counter()
        try:
            self.saver.open(request, timeout=300)
            ok = False  # a 200 here is the form shown again with an error
        except urllib.error.HTTPError as answer:
            ok = answer.code == 302 and answer.headers.get("Location", "").endswith(self.form_path)
        except OSError:
            ok = False
        return time.perf_counter() - started, ok


class Command(BaseCommand):
    help = "Çeyrek sonu yük testi: 100 birim kullanıcısı aynı anda tam formu kaydeder."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=100)
        parser.add_argument("--indicators", type=int, default=10)
        parser.add_argument("--workers", type=int, default=4)
        parser.add_argument("--single", type=int, default=30, help="tek kullanıcının ardışık kayıt sayısı")

    def handle(self, *args, users, indicators, workers, single, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Kıyaslama PostgreSQL üzerinde çalışır (DATABASE_URL verin).")
        year, quarter = self._build(users, indicators)
        port = _free_port()
        queue = f"bench-{uuid.uuid4().hex[:8]}"  # recomputes are queued, as in production, but not run here
        env = {**os.environ, "CELERY_TASK_DEFAULT_QUEUE": queue, "ALLOWED_HOSTS": "127.0.0.1", "DEBUG": "false"}
        env.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/14")
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "goc_perf.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(workers), "--timeout", "120", "--log-level", "warning"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            self._wait(base)
            clients = [Client(base, f"burst{u:03d}", f"/izleme/B{u:03d}/{year}/{quarter}/") for u in range(users)]
            self._parallel([c.log_in for c in clients], width=8)  # password hashing is slow on purpose
            alone = clients[0]
            single_times = []
            for _ in range(single):
                seconds, ok = alone.save(alone.load())
                if not ok:
                    raise CommandError("Tek kullanıcı kaydı başarısız oldu.")
                single_times.append(seconds)
            forms = self._parallel([c.load for c in clients])
            barrier = threading.Barrier(len(clients))
            results: list[tuple[float, bool]] = [(0.0, False)] * len(clients)

            def burst(i: int) -> None:
                barrier.wait()
                results[i] = clients[i].save(forms[i])

            self._parallel([lambda i=i: burst(i) for i in range(len(clients))])
        finally:
            server.terminate()
            server.wait(timeout=30)
            subprocess.run(
                [sys.executable, "-m", "celery", "-A", "goc_perf", "purge", "-f", "-Q", queue],
                cwd=ROOT,
                env=env,
                capture_output=True,
            )
        times = [seconds for seconds, ok in results]
        errors = sum(1 for _, ok in results if not ok)
        single_p95 = _percentile(single_times, 0.95)
        rows = [
            ("setup", f"{users} users × {indicators} indicators, gunicorn {workers} sync workers, PostgreSQL, loopback"),
            ("single user, p95 of one save", f"{single_p95 * 1000:.0f} ms (p50 {statistics.median(single_times) * 1000:.0f} ms, {single} saves)"),
            (f"burst of {users} simultaneous saves, p50", f"{statistics.median(times) * 1000:.0f} ms"),
            (f"burst of {users} simultaneous saves, p95", f"{_percentile(times, 0.95) * 1000:.0f} ms"),
            ("burst p95 / single p95 (goal ≤ 3)", f"{_percentile(times, 0.95) / single_p95:.1f}"),
            ("errors (goal 0)", f"{errors}"),
        ]  # fmt: skip
        width = max(len(label) for label, _ in rows)
        for label, value in rows:
            self.stdout.write(f"{label.ljust(width)}  {value}")

    def _wait(self, base: str) -> None:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/login/", timeout=2)
                return
            except OSError:
                time.sleep(0.1)
        raise CommandError("gunicorn yanıt vermedi.")

    def _parallel(self, calls, width: int | None = None):
        """Run the calls in threads, `width` at a time (all at once by default); return their results."""
        results = [None] * len(calls)
        width = width or len(calls)

        def run(i):
            results[i] = calls[i]()

        for start in range(0, len(calls), width):
            threads = [threading.Thread(target=run, args=(i,)) for i in range(start, min(start + width, len(calls)))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        return results

    @transaction.atomic
    def _build(self, users: int, indicators: int) -> tuple[int, int]:
        """Create the BURST administration once; reopen its quarter for every unit for 30 days."""
        today = clock.today()
        year, quarter = today.year - 1, 4
        administration, created = Administration.objects.get_or_create(
            code=CODE, defaults={"name": "Yük testi idaresi"}
        )
        if created or Unit.objects.filter(administration=administration).count() < users:
            programme, _ = PerformanceProgram.objects.get_or_create(administration=administration, year=year)
            program, _ = Program.objects.get_or_create(performance_program=programme, name="Yük Programı")
            sub_program, _ = SubProgram.objects.get_or_create(program=program, name="Yük Alt Programı")
            units = Unit.objects.bulk_create(
                [Unit(administration=administration, code=f"B{u:03d}", name=f"Yük Birimi {u}", kind=UnitKind.PROVINCIAL) for u in range(users)],
                ignore_conflicts=True,
            )  # fmt: skip
            units = list(Unit.objects.filter(administration=administration).order_by("code"))
            for u, unit in enumerate(units):
                user, _ = User.objects.get_or_create(username=f"burst{u:03d}")
                user.set_password(PASSWORD)
                user.save()
                RoleAssignment.objects.get_or_create(
                    user=user, unit=unit, role=Role.UNIT_ENTRY, defaults={"administration": administration}
                )
                PPIndicator.objects.bulk_create(
                    [
                        PPIndicator(performance_program=programme, sub_program=sub_program, code=f"B{u:03d}.{n:02d}", seq=n,
                                    name=f"Yük göstergesi {n}", unit_of_measure="Sayı", aggregation=AggregationMethod.SUM,
                                    target_value=Decimal(100_000), responsible_unit=unit)
                        for n in range(indicators)
                    ],
                    ignore_conflicts=True,
                )  # fmt: skip
        for unit in Unit.objects.filter(administration=administration):
            QuarterException.objects.update_or_create(
                unit=unit, year=year, quarter=quarter,
                defaults={"expires_on": today + timedelta(days=30), "reason": "Yük testi"},
            )  # fmt: skip
        return year, quarter
