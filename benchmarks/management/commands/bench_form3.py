"""The Form-3 save and page (make bench); prints figures and records the goals.

Builds a benchmark administration (code BURST: 100 units, one data-entry user and 10 indicators
each, the quarter reopened for every unit; three more units of 10, 100 and 500 indicators). In
process: the save's CPU beside the plain transaction that locks, updates and audits the same rows,
its statements at 10 and 100 rows, and the page of the 500-indicator unit. Then it serves the
administration with gunicorn on a free loopback port and measures the save latency of one user
alone and of all users at once, and the throughput at saturation (every user saving again and
again) beside a trivial authenticated POST under the same load, counting what was stored after.
"""

import os
import re
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.choices import Role, UnitKind
from accounts.models import Administration, RoleAssignment, Unit, User
from benchmarks.form3 import save_beside_plain, save_statements
from benchmarks.goals import goal_record, load_average
from benchmarks.loadtest import Session, gunicorn, parallel, percentile, print_rows
from benchmarks.urls import TRIVIAL_POST_PATH
from core import clock
from core.models import AuditEntry
from indicators.models import PPIndicator, QuarterlyValue
from plans.choices import AggregationMethod
from plans.models import PerformanceProgram, Program, SubProgram
from submissions.models import QuarterException

CODE = "BURST"
PASSWORD = "Kiyaslama-parola-2026"
# In-process units: the save's CPU and statements at 10 and 100 rows, the page at 500 indicators.
SIZED_UNITS = {"BC010": 10, "BC100": 100, "BP500": 500}
SAVE_CPU_GOAL, SAVE_STATEMENTS_GOAL, PAGE_MS_GOAL, THROUGHPUT_GOAL = 3, 12, 150, 0.5


def _next_version(text: str) -> str:
    return str(int(text) + 1) if text else "1"


class FormUser(Session):
    """A unit's data-entry user with its quarter form."""

    def __init__(self, base: str, username: str, form_path: str) -> None:
        super().__init__(base, username, PASSWORD)
        self.form_path = form_path
        self.saved: dict[str, str] = {}  # the values of the last save answered as saved

    def load(self) -> dict[str, str]:
        _, _, html = self.get(self.form_path)
        data = {"csrfmiddlewaretoken": self.token(html)}
        data.update(dict(re.findall(r'name="(form_version|i\d+-version)" value="(\d*)"', html)))
        for name in re.findall(r'name="(i\d+-value)"', html):
            data.setdefault(name.replace("-value", "-version"), "")  # a quarter never saved has no version yet
            data[name] = f"{time.time_ns() % 90_000 + 1000:,}".replace(",", ".")
            data[name.replace("-value", "-narrative")] = "Kıyaslama değerlendirmesi."
        return data

    def save(self, data: dict[str, str]) -> tuple[float, bool]:
        seconds, status, location = self.post(self.form_path, data)
        ok = status == 302 and location.endswith(self.form_path)
        if ok:
            self.saved = {name: value for name, value in data.items() if name.endswith("-value")}
            # The next save names the versions this one made: no page load between saves.
            for name in [n for n in data if n == "form_version" or n.endswith("-version")]:
                data[name] = _next_version(data[name])
        return seconds, ok

    def save_again(self, data: dict[str, str], round_: int) -> bool:
        for name in [n for n in data if n.endswith("-value")]:
            data[name] = f"{1000 + round_ * 7 + int(name[1:].split('-')[0]) % 5:,}".replace(",", ".")
        return self.save(data)[1]

    def trivial(self, token: str) -> bool:
        _, status, _ = self.post(TRIVIAL_POST_PATH, {"csrfmiddlewaretoken": token})
        return status == 200


def _saturated(calls: list, rounds: int) -> tuple[float, int]:
    """Run every call `rounds` times, all users at once; return (answers per second, failures)."""
    barrier = threading.Barrier(len(calls))
    spans: list[tuple[float, float]] = [(0.0, 0.0)] * len(calls)

    def run(i: int) -> int:
        barrier.wait()
        started = time.perf_counter()
        failed = sum(1 for r in range(rounds) if not calls[i](r))
        spans[i] = (started, time.perf_counter())
        return failed

    failures = sum(parallel([partial(run, i) for i in range(len(calls))]))
    elapsed = max(end for _, end in spans) - min(start for start, _ in spans)
    return len(calls) * rounds / elapsed, failures


class Command(BaseCommand):
    help = "Form-3 kaydı ve sayfası: CPU, SQL sayısı, 500 göstergeli sayfa, 100 kullanıcılık yük testi."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=100)
        parser.add_argument("--indicators", type=int, default=10)
        parser.add_argument("--workers", type=int, default=4)
        parser.add_argument("--single", type=int, default=30, help="tek kullanıcının ardışık kayıt sayısı")
        parser.add_argument("--repeat", type=int, default=30, help="süreç içi ölçümlerin tekrar sayısı")
        parser.add_argument("--rounds", type=int, default=5, help="doygunlukta her kullanıcının kayıt sayısı")

    def handle(self, *args, users, indicators, workers, single, repeat, rounds, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Kıyaslama PostgreSQL üzerinde çalışır (DATABASE_URL verin).")
        year, quarter = self._build(users, indicators, sized=True)
        queue = f"bench-{uuid.uuid4().hex[:8]}"  # recomputes are queued, as in production, but not run here
        broker = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/14")
        env = {"CELERY_TASK_DEFAULT_QUEUE": queue, "CELERY_BROKER_URL": broker}
        try:
            self._in_process(year, quarter, repeat)
            self._load(year, quarter, users, indicators, workers, single, rounds, env)
        finally:
            subprocess.run([sys.executable, "-m", "celery", "-A", "goc_perf", "purge", "-f", "-Q", queue],
                           cwd=settings.BASE_DIR, env={**os.environ, **env}, capture_output=True)  # fmt: skip

    def _in_process(self, year: int, quarter: int, repeat: int) -> None:
        """The save's CPU beside the plain transaction, its statements, and the 500-indicator page."""
        actor = User.objects.get(username="burst.sized")
        units = {code: Unit.objects.get(administration__code=CODE, code=code) for code in SIZED_UNITS}
        rows, load = [], " ".join(f"{x:.1f}" for x in load_average())
        statements = {}
        for code in ("BC010", "BC100"):
            size = SIZED_UNITS[code]
            figures = save_beside_plain(unit=units[code], year=year, quarter=quarter, actor=actor, repeat=repeat)
            statements[size] = save_statements(unit=units[code], year=year, quarter=quarter, actor=actor)
            ratio = figures["save_cpu"] / figures["plain_cpu"]
            rows += [
                (f"save of {size} rows: CPU (median of {repeat})", f"{figures['save_cpu'] * 1000:.2f} ms (wall {figures['save_wall'] * 1000:.1f} ms)"),
                (f"plain lock-update-audit of {size} rows: CPU", f"{figures['plain_cpu'] * 1000:.2f} ms (wall {figures['plain_wall'] * 1000:.1f} ms)"),
                (f"save / plain CPU, {size} rows (goal ≤ {SAVE_CPU_GOAL})", f"{ratio:.1f} ×"),
                (f"save of {size} rows: SQL statements (goal ≤ {SAVE_STATEMENTS_GOAL})", f"{statements[size]}"),
            ]  # fmt: skip
            goal_record(f"Form-3 save CPU ≤ {SAVE_CPU_GOAL} × the plain lock-update-audit transaction, {size} rows",
                        f"{ratio:.1f} × ({figures['save_cpu'] * 1000:.2f} ms / {figures['plain_cpu'] * 1000:.2f} ms)",
                        ratio <= SAVE_CPU_GOAL)  # fmt: skip
        constant = statements[10] == statements[100] <= SAVE_STATEMENTS_GOAL
        goal_record(f"Form-3 save ≤ {SAVE_STATEMENTS_GOAL} SQL statements, the same at 10 and 100 rows",
                    f"{statements[10]} at 10 rows, {statements[100]} at 100", constant)  # fmt: skip
        page = self._page(units["BP500"], year, quarter, actor, max(5, repeat // 3))
        rows += [
            ("Form-3 page, 500 indicators: wall (median)", f"{page['wall'] * 1000:.0f} ms (CPU {page['cpu'] * 1000:.0f} ms, {page['queries']} queries), load {load}"),
            (f"page wall / {PAGE_MS_GOAL} ms goal", f"{page['wall'] * 1000 / PAGE_MS_GOAL:.2f}"),
        ]  # fmt: skip
        goal_record(f"Form-3 page of 500 indicators < {PAGE_MS_GOAL} ms",
                    f"{page['wall'] * 1000:.0f} ms (CPU {page['cpu'] * 1000:.0f} ms, {page['queries']} queries)",
                    page["wall"] * 1000 < PAGE_MS_GOAL)  # fmt: skip
        print_rows(self.stdout.write, rows)

    def _page(self, unit: Unit, year: int, quarter: int, actor: User, repeat: int) -> dict[str, float]:
        client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
        client.force_login(actor)
        path = f"/izleme/{unit.code}/{year}/{quarter}/"
        walls, cpus = [], []
        for n in range(repeat + 1):
            started_cpu, started = time.process_time(), time.perf_counter()
            response = client.get(path)
            if response.status_code != 200:
                raise CommandError(f"{path}: {response.status_code}")
            if n:
                walls.append(time.perf_counter() - started)
                cpus.append(time.process_time() - started_cpu)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "queries": len(captured)}

    def _load(self, year, quarter, users, indicators, workers, single, rounds, env) -> None:
        env = {**env, "DJANGO_SETTINGS_MODULE": "benchmarks.settings"}
        with gunicorn(workers=workers, env=env) as base:
            clients = [FormUser(base, f"burst{u:03d}", f"/izleme/B{u:03d}/{year}/{quarter}/") for u in range(users)]
            parallel([c.log_in for c in clients], width=8)  # password hashing is slow on purpose
            alone = clients[0]
            single_times = []
            for _ in range(single):
                seconds, ok = alone.save(alone.load())
                if not ok:
                    raise CommandError("Tek kullanıcı kaydı başarısız oldu.")
                single_times.append(seconds)
            forms = parallel([c.load for c in clients])
            barrier = threading.Barrier(len(clients))

            def burst(i: int) -> tuple[float, bool]:
                barrier.wait()
                return clients[i].save(forms[i])

            results = parallel([partial(burst, i) for i in range(len(clients))])
            audits_before = AuditEntry.objects.count()
            saves_rate, save_failures = _saturated(
                [lambda r, i=i: clients[i].save_again(forms[i], r) for i in range(users)], rounds
            )
            audits = AuditEntry.objects.count() - audits_before
            trivial_rate, trivial_failures = _saturated(
                [lambda r, i=i: clients[i].trivial(forms[i]["csrfmiddlewaretoken"]) for i in range(users)], rounds
            )
        lost = self._lost(clients)
        self._report(users, indicators, workers, single, single_times, results, rounds,
                     (saves_rate, save_failures, trivial_rate, trivial_failures, audits, lost))  # fmt: skip

    def _lost(self, clients: list[FormUser]) -> int:
        """Return how many values answered as saved are not what the database holds now."""
        stored = {
            (code, f"i{pk}-value"): value
            for code, pk, value in QuarterlyValue.objects.filter(
                indicator__performance_program__administration__code=CODE, quarter=4
            ).values_list("indicator__responsible_unit__code", "indicator_id", "value")
        }
        lost = 0
        for client in clients:
            code = client.form_path.split("/")[2]
            for name, text in client.saved.items():
                if stored.get((code, name)) != Decimal(text.replace(".", "")):
                    lost += 1
        return lost

    def _report(self, users, indicators, workers, single, single_times, results, rounds, saturation) -> None:
        saves_rate, save_failures, trivial_rate, trivial_failures, audits, lost = saturation
        times = [seconds for seconds, _ in results]
        errors = sum(1 for _, ok in results if not ok)
        single_p95 = percentile(single_times, 0.95)
        ratio = saves_rate / trivial_rate
        expected_audits = (users * rounds - save_failures) * indicators
        print_rows(self.stdout.write, [
            ("setup", f"{users} users × {indicators} indicators, gunicorn {workers} sync workers, PostgreSQL, loopback"),
            ("single user, p95 of one save", f"{single_p95 * 1000:.0f} ms (p50 {statistics.median(single_times) * 1000:.0f} ms, {single} saves)"),
            (f"burst of {users} simultaneous saves, p50", f"{statistics.median(times) * 1000:.0f} ms"),
            (f"burst of {users} simultaneous saves, p95", f"{percentile(times, 0.95) * 1000:.0f} ms"),
            ("burst p95 / single p95 (goal ≤ 3)", f"{percentile(times, 0.95) / single_p95:.1f}"),
            ("errors (goal 0)", f"{errors}"),
            (f"saturation: {users} users × {rounds} saves, saves/s", f"{saves_rate:.1f} ({save_failures} failed)"),
            (f"saturation: {users} users × {rounds} trivial POSTs, answers/s", f"{trivial_rate:.1f} ({trivial_failures} failed)"),
            (f"saves/s / trivial POSTs/s (goal ≥ {THROUGHPUT_GOAL})", f"{ratio:.2f}"),
            ("audit entries written / expected", f"{audits} / {expected_audits}"),
            ("values answered as saved but not stored (goal 0)", f"{lost}"),
            ("load average", " ".join(f"{x:.1f}" for x in load_average())),
        ])  # fmt: skip
        goal_record(f"Form-3 burst: {users} simultaneous saves, 0 errors", f"{errors} errors", errors == 0)
        goal_record(f"Form-3 saves/s at saturation ≥ {THROUGHPUT_GOAL} × a trivial authenticated POST, {users} users, 0 errors, nothing lost",
                    f"{ratio:.2f} × ({saves_rate:.1f} / {trivial_rate:.1f} per s), {save_failures + trivial_failures} errors, {lost} lost",
                    ratio >= THROUGHPUT_GOAL and not save_failures and not trivial_failures and not lost
                    and audits == expected_audits)  # fmt: skip

    @transaction.atomic
    def _build(self, users: int, indicators: int, *, sized: bool = False) -> tuple[int, int]:
        """Create the BURST administration once; reopen its quarter for every unit for 30 days.

        `sized` adds the units of 10, 100 and 500 indicators measured in process.
        """
        today = clock.today()
        year, quarter = today.year - 1, 4
        administration, _ = Administration.objects.get_or_create(code=CODE, defaults={"name": "Yük testi idaresi"})
        programme, _ = PerformanceProgram.objects.get_or_create(administration=administration, year=year)
        program, _ = Program.objects.get_or_create(performance_program=programme, name="Yük Programı")
        sub_program, _ = SubProgram.objects.get_or_create(program=program, name="Yük Alt Programı")
        existing = set(Unit.objects.filter(administration=administration).values_list("code", flat=True))
        wanted = {f"B{u:03d}": indicators for u in range(users)}
        for code, count in [*wanted.items(), *(SIZED_UNITS.items() if sized else ())]:
            if code not in existing:
                self._unit(administration, programme, sub_program, code, count, year, quarter)
        for unit in Unit.objects.filter(administration=administration):
            QuarterException.objects.update_or_create(
                unit=unit, year=year, quarter=quarter,
                defaults={"expires_on": today + timedelta(days=30), "reason": "Yük testi"},
            )  # fmt: skip
        return year, quarter

    def _unit(self, administration, programme, sub_program, code: str, count: int, year: int, quarter: int) -> None:
        """One unit with its indicators and its data-entry user; the sized units with quarters 1–4 stored."""
        unit = Unit.objects.create(
            administration=administration, code=code, name=f"Yük Birimi {code}", kind=UnitKind.PROVINCIAL
        )
        sized = code in SIZED_UNITS
        user, _ = User.objects.get_or_create(username="burst.sized" if sized else f"burst{int(code[1:]):03d}")
        user.set_password(PASSWORD)
        user.save()
        RoleAssignment.objects.create(user=user, unit=unit, role=Role.UNIT_ENTRY, administration=administration)
        created = PPIndicator.objects.bulk_create(
            [
                PPIndicator(performance_program=programme, sub_program=sub_program, code=f"{code}.{n:03d}", seq=n,
                            name=f"Yük göstergesi {n}", unit_of_measure="Sayı", aggregation=AggregationMethod.SUM,
                            target_value=Decimal(100_000), responsible_unit=unit)
                for n in range(count)
            ]
        )  # fmt: skip
        if sized:
            QuarterlyValue.objects.bulk_create(
                [QuarterlyValue(indicator=i, quarter=q, value=Decimal(1000), narrative="Kıyas.") for i in created for q in range(1, quarter + 1)]
            )  # fmt: skip
