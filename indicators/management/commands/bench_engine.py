"""Benchmark the realization engine on the synthetic administration (make bench); prints figures."""

import os
import platform
import statistics
import time
import tracemalloc

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Administration
from imports.synthetic import CODE
from indicators.models import PPIndicator, QuarterlyValue
from indicators.services import results_recompute

GROUP_BY_SQL = """
SELECT q.indicator_id, SUM(q.value), COUNT(q.value), MAX(q.quarter)
FROM indicators_quarterlyvalue q
JOIN indicators_ppindicator i ON i.id = q.indicator_id
JOIN plans_performanceprogram p ON p.id = i.performance_program_id
WHERE p.administration_id = %s
GROUP BY q.indicator_id
"""


def _timed(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


class Command(BaseCommand):
    help = "Gerçekleşme motorunun kıyaslaması (önce generate_synthetic çalıştırın)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=3)

    def handle(self, *args, repeat, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Kıyaslama PostgreSQL üzerinde çalışır (DATABASE_URL verin).")
        administration = Administration.objects.filter(code=CODE).first()
        if administration is None:
            raise CommandError("Önce: python manage.py generate_synthetic --units 100 --indicators 500 --years 5")
        admin_id = administration.pk
        indicators = PPIndicator.objects.filter(performance_program__administration=administration)
        values = QuarterlyValue.objects.filter(indicator__performance_program__administration=administration).count()
        unit_id, year = indicators.order_by("-performance_program__year").values_list(
            "responsible_unit_id", "performance_program__year"
        )[0]

        def group_by():
            with connection.cursor() as cursor:
                cursor.execute(GROUP_BY_SQL, [admin_id])
                cursor.fetchall()

        def full():
            results_recompute(administration_id=admin_id)

        def incremental():
            results_recompute(administration_id=admin_id, years=[year], unit_id=unit_id)

        full()  # warm up: the first run inserts, later runs compare and rewrite only what changed
        group_by_s = _timed(group_by, repeat)
        full_s = _timed(full, repeat)
        incremental_s = _timed(incremental, repeat)
        with CaptureQueriesContext(connection) as captured:
            full()
        # The transaction's own BEGIN and COMMIT are not statements of the computation.
        statements = sum(1 for q in captured.captured_queries if q["sql"] not in ("BEGIN", "COMMIT"))
        tracemalloc.start()
        full()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = cursor.fetchone()[0]
        cpu = next(
            (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),  # noqa: SIM115
            platform.processor(),
        )
        memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
        rows = [
            ("machine", f"{cpu}, {os.cpu_count()} cores, {memory_gib:.0f} GiB"),
            ("software", f"PostgreSQL {server}; Python {platform.python_version()}"),
            ("data", f"{indicators.count():,} PP indicators, {values:,} quarterly values (median of {repeat} runs)"),
            ("full recompute", f"{full_s:.2f} s"),
            ("one SQL GROUP BY over the same quarterly values", f"{group_by_s:.2f} s"),
            ("ratio full / GROUP BY (goal ≤ 3)", f"{full_s / group_by_s:.1f}"),
            ("SQL statements of a full recompute, BEGIN/COMMIT aside (goal ≤ 10)", f"{statements}"),
            ("peak Python memory of a full recompute (tracemalloc)", f"{peak / 2**20:.0f} MiB"),
            (f"incremental: one unit's {year} indicators", f"{incremental_s * 1000:.0f} ms"),
            ("incremental / full (goal ≤ 1/20 = 0.05)", f"{incremental_s / full_s:.4f}"),
        ]
        width = max(len(label) for label, _ in rows)
        for label, value in rows:
            self.stdout.write(f"{label.ljust(width)}  {value}")
