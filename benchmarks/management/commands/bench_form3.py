"""Quarter-end burst on loopback: 100 unit users save a full Form-3 at once (make bench); prints figures.

Builds a benchmark administration (code BURST: 100 units, one data-entry user and 10 indicators
each, the quarter reopened for every unit), serves it with gunicorn on a free loopback port, and
measures the save latency of one user alone and of all users at once.
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

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from accounts.choices import Role, UnitKind
from accounts.models import Administration, RoleAssignment, Unit, User
from benchmarks.goals import goal_record
from benchmarks.loadtest import Session, gunicorn, parallel, percentile, print_rows
from core import clock
from indicators.models import PPIndicator
from plans.choices import AggregationMethod
from plans.models import PerformanceProgram, Program, SubProgram
from submissions.models import QuarterException

CODE = "BURST"
PASSWORD = "Kiyaslama-parola-2026"


class FormUser(Session):
    """A unit's data-entry user with its quarter form."""

    def __init__(self, base: str, username: str, form_path: str) -> None:
        super().__init__(base, username, PASSWORD)
        self.form_path = form_path

    def load(self) -> dict[str, str]:
        _, _, html = self.get(self.form_path)
        data = {"csrfmiddlewaretoken": self.token(html)}
        data.update(dict(re.findall(r'name="(form_version|i\d+-version)" value="(\d*)"', html)))
        for name in re.findall(r'name="(i\d+-value)"', html):
            data[name] = f"{time.time_ns() % 90_000 + 1000:,}".replace(",", ".")
            data[name.replace("-value", "-narrative")] = "Kıyaslama değerlendirmesi."
        return data

    def save(self, data: dict[str, str]) -> tuple[float, bool]:
        seconds, status, location = self.post(self.form_path, data)
        return seconds, status == 302 and location.endswith(self.form_path)


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
        queue = f"bench-{uuid.uuid4().hex[:8]}"  # recomputes are queued, as in production, but not run here
        broker = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/14")
        env = {"CELERY_TASK_DEFAULT_QUEUE": queue, "CELERY_BROKER_URL": broker}
        try:
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

                results = parallel([lambda i=i: burst(i) for i in range(len(clients))])
        finally:
            subprocess.run([sys.executable, "-m", "celery", "-A", "goc_perf", "purge", "-f", "-Q", queue],
                           cwd=settings.BASE_DIR, env={**os.environ, **env}, capture_output=True)  # fmt: skip
        times = [seconds for seconds, _ in results]
        errors = sum(1 for _, ok in results if not ok)
        single_p95 = percentile(single_times, 0.95)
        print_rows(self.stdout.write, [
            ("setup", f"{users} users × {indicators} indicators, gunicorn {workers} sync workers, PostgreSQL, loopback"),
            ("single user, p95 of one save", f"{single_p95 * 1000:.0f} ms (p50 {statistics.median(single_times) * 1000:.0f} ms, {single} saves)"),
            (f"burst of {users} simultaneous saves, p50", f"{statistics.median(times) * 1000:.0f} ms"),
            (f"burst of {users} simultaneous saves, p95", f"{percentile(times, 0.95) * 1000:.0f} ms"),
            ("burst p95 / single p95 (goal ≤ 3)", f"{percentile(times, 0.95) / single_p95:.1f}"),
            ("errors (goal 0)", f"{errors}"),
        ])  # fmt: skip
        goal_record(f"Form-3 burst: {users} simultaneous saves, 0 errors", f"{errors} errors", errors == 0)

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
