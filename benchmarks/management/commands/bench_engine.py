"""Benchmark the realization engine on the synthetic administration (make bench); prints figures.

In the same run: one SQL GROUP BY over the administration's quarterly values, the full recompute
(median of `--repeat` runs after a warm-up) and the incremental recompute of one unit's year; then
one full recompute in a fresh process on a fresh connection, whose peak resident memory and that of
its PostgreSQL backend are read from the kernel (VmHWM).
"""

import json
import statistics
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Administration
from benchmarks.goals import goal_record, load_average, machine
from benchmarks.loadtest import print_rows
from benchmarks.memory import backend_pid, peak_rss_mib
from benchmarks.synthetic import CODE
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


def _administration() -> Administration:
    if connection.vendor != "postgresql":
        raise CommandError("Kıyaslama PostgreSQL üzerinde çalışır (DATABASE_URL verin).")
    administration = Administration.objects.filter(code=CODE).first()
    if administration is None:
        raise CommandError("Önce: python manage.py generate_synthetic --units 100 --indicators 500 --years 5")
    return administration


class Command(BaseCommand):
    help = "Gerçekleşme motorunun kıyaslaması (önce generate_synthetic çalıştırın)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=3)
        parser.add_argument("--memory-child", action="store_true", help="(iç kullanım) tek tam hesap, bellek JSON")

    def handle(self, *args, repeat, memory_child, **options):
        administration = _administration()
        if memory_child:
            self._memory_child(administration.pk)
            return
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

        load = load_average()
        full()  # warm up: the first run inserts, later runs compare and rewrite only what changed
        group_by_s = _timed(group_by, repeat)
        full_s = _timed(full, repeat)
        incremental_s = _timed(incremental, repeat)
        with CaptureQueriesContext(connection) as captured:
            full()
        # The transaction's own BEGIN and COMMIT are not statements of the computation.
        statements = sum(1 for q in captured.captured_queries if q["sql"] not in ("BEGIN", "COMMIT"))
        memory = self._memory()
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = cursor.fetchone()[0]
        size = f"{values:,} values"
        rows = [
            ("machine", machine()),
            ("software", f"PostgreSQL {server}"),
            ("load average at start (1, 5, 15 min)", " ".join(f"{x:.2f}" for x in load)),
            ("data", f"{indicators.count():,} PP indicators, {values:,} quarterly values (median of {repeat} runs)"),
            ("full recompute", f"{full_s:.2f} s"),
            ("one SQL GROUP BY over the same quarterly values", f"{group_by_s:.2f} s"),
            ("ratio full / GROUP BY (goal ≤ 3)", f"{full_s / group_by_s:.1f}"),
            ("SQL statements of a full recompute, BEGIN/COMMIT aside", f"{statements}"),
            (f"incremental: one unit's {year} indicators", f"{incremental_s * 1000:.0f} ms"),
            ("incremental / full (goal ≤ 1/20 = 0.05)", f"{incremental_s / full_s:.4f}"),
            ("full recompute in a fresh process: peak RSS of the process", f"{memory['process']:,.0f} MiB"),
            ("full recompute in a fresh process: peak RSS of its PostgreSQL backend", f"{memory['backend']:,.0f} MiB"),
        ]
        print_rows(self.stdout.write, rows)
        _goals_record(size, full_s=full_s, group_by_s=group_by_s, incremental_s=incremental_s, memory=memory)

    def _memory_child(self, administration_id: int) -> None:
        """Run one full recompute and print this process's and its backend's peak RSS as JSON."""
        backend = backend_pid()
        started = time.perf_counter()
        results_recompute(administration_id=administration_id)
        seconds = time.perf_counter() - started
        self.stdout.write(json.dumps({"process": peak_rss_mib(), "backend": peak_rss_mib(backend), "s": seconds}))

    def _memory(self) -> dict[str, float]:
        """One full recompute in a fresh process (fresh connection): the kernel's peak RSS of both."""
        connection.close()
        done = subprocess.run(
            [sys.executable, "manage.py", "bench_engine", "--memory-child"],
            cwd=settings.BASE_DIR, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return json.loads(done.stdout.strip().splitlines()[-1])


def _goals_record(size: str, *, full_s: float, group_by_s: float, incremental_s: float, memory: dict) -> None:
    """Record the engine's goals and what was measured against them (bench_summary prints them)."""
    ratio = full_s / group_by_s
    goal_record(f"engine, {size}: full recompute ≤ 3 × one GROUP BY", f"{ratio:.1f} ×", ratio <= 3)
    goal_record(f"engine, {size}: incremental ≤ 1/20 of full", f"1/{full_s / incremental_s:.0f}",
                incremental_s / full_s <= 0.05)  # fmt: skip
    goal_record(f"engine, {size}: peak RSS, process / PostgreSQL backend",
                f"{memory['process']:,.0f} MiB / {memory['backend']:,.0f} MiB", None)  # fmt: skip
