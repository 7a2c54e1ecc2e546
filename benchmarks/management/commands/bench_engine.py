"""Benchmark the realization engine on the synthetic administration (make bench); prints figures.

For the data set in the database, or for each size of `--sizes` (the synthetic administration
regenerated at that many quarterly values), in the same run: one SQL GROUP BY over the
administration's quarterly values; the full recompute when nothing changed, after 1 % of the
quarterly values changed, and with every indicator evaluated again (as after a change of the rules);
the incremental recompute of one unit's year; then one full recompute evaluating every indicator in a
fresh process on a fresh connection, whose peak resident memory and that of its PostgreSQL backend
are read from the kernel (VmHWM). With several sizes, whether those peaks stay flat.
"""

import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Administration
from benchmarks.goals import goal_record, load_average, machine
from benchmarks.loadtest import print_rows
from benchmarks.memory import backend_pid, peak_rss_mib
from benchmarks.synthetic import CODE, SyntheticSize, synthetic_generate
from indicators.models import PPIndicator, PPIndicatorResult, QuarterlyValue
from indicators.services import results_recompute

GROUP_BY_SQL = """
SELECT q.indicator_id, SUM(q.value), COUNT(q.value), MAX(q.quarter)
FROM indicators_quarterlyvalue q
JOIN indicators_ppindicator i ON i.id = q.indicator_id
JOIN plans_performanceprogram p ON p.id = i.performance_program_id
WHERE p.administration_id = %s
GROUP BY q.indicator_id
"""

# One value in a hundred of the administration changes (a different hundredth each time).
CHANGE_SQL = """
UPDATE indicators_quarterlyvalue q SET value = q.value + 1
FROM indicators_ppindicator i JOIN plans_performanceprogram p ON p.id = i.performance_program_id
WHERE q.indicator_id = i.id AND p.administration_id = %s AND q.value IS NOT NULL AND q.id %% 100 = %s
"""

# The synthetic administration of each size: units, PP indicators per unit and year, years.
SIZES = {
    20_000: (10, 500, 1),
    200_000: (100, 500, 1),
    1_000_000: (100, 500, 5),
    10_000_000: (500, 1000, 5),
}
FLAT = 1.5  # the largest peak within 1,5 × the smallest


@dataclass
class _Measured:
    values: int
    rows: list[tuple[str, str]] = field(default_factory=list)
    memory: dict[str, float] = field(default_factory=dict)


def _timed(function, repeat: int, before=None) -> float:
    times = []
    for i in range(repeat):
        if before is not None:
            before(i)
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


def _every_indicator_due(administration_id: int) -> None:
    """Forget the stored inputs' digests: the next recompute evaluates (and rewrites) every indicator."""
    PPIndicatorResult.objects.filter(indicator__performance_program__administration_id=administration_id).update(
        inputs_digest=""
    )


def _analyze() -> None:
    """Give the planner the new tables' statistics, as autovacuum soon would after a bulk load."""
    with connection.cursor() as cursor:
        for model in (PPIndicator, QuarterlyValue, PPIndicatorResult):
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _server_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return str(cursor.fetchone()[0])


def _statements(function) -> int:
    with CaptureQueriesContext(connection) as captured:
        function()
    # The transaction's own BEGIN and COMMIT are not statements of the computation.
    return sum(1 for q in captured.captured_queries if q["sql"] not in ("BEGIN", "COMMIT"))


class Command(BaseCommand):
    help = "Gerçekleşme motorunun kıyaslaması (önce generate_synthetic çalıştırın ya da --sizes verin)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=3)
        parser.add_argument(
            "--sizes",
            default="",
            help=f"virgülle üç aylık değer sayıları ({', '.join(str(s) for s in SIZES)}): her biri için yeniden üretir",
        )
        parser.add_argument("--memory-child", action="store_true", help="(iç kullanım) tek tam hesap, bellek JSON")

    def handle(self, *args, repeat, sizes, memory_child, **options):
        if memory_child:
            self._memory_child(_administration().pk)
            return
        chosen = [int(s) for s in sizes.split(",") if s.strip()]
        if unknown := [s for s in chosen if s not in SIZES]:
            raise CommandError(f"Bilinmeyen boyut: {unknown}; seçenekler: {list(SIZES)}")
        measured = []
        for size in chosen or [None]:
            if size is not None:
                units, indicators, years = SIZES[size]
                started = time.perf_counter()
                synthetic_generate(size=SyntheticSize(units=units, indicators_per_unit=indicators, years=years))
                _analyze()
                self.stdout.write(
                    f"generate_synthetic {units}×{indicators}×{years}: {time.perf_counter() - started:.1f} s"
                )
            measured.append(self._measure(_administration().pk, repeat))
            print_rows(self.stdout.write, measured[-1].rows)
            self.stdout.write("")
        if len(measured) > 1:
            self._flatness(measured)

    def _measure(self, admin_id: int, repeat: int) -> _Measured:
        """Every figure of one data size, measured in the same run."""
        indicators = PPIndicator.objects.filter(performance_program__administration_id=admin_id)
        values = QuarterlyValue.objects.filter(indicator__performance_program__administration_id=admin_id).count()
        unit_id, year = indicators.order_by("-performance_program__year").values_list(
            "responsible_unit_id", "performance_program__year"
        )[0]

        def group_by():
            with connection.cursor() as cursor:
                cursor.execute(GROUP_BY_SQL, [admin_id])
                cursor.fetchall()

        def full():
            results_recompute(administration_id=admin_id)

        def change(i):
            with connection.cursor() as cursor:
                cursor.execute(CHANGE_SQL, [admin_id, i + 1])

        load = load_average()
        full()  # warm up (and, on a fresh data set, the first computation)
        s = {"group_by": _timed(group_by, repeat), "unchanged": _timed(full, repeat)}
        s["changed"] = _timed(full, repeat, before=change)
        s["every"] = _timed(full, 1, before=lambda i: _every_indicator_due(admin_id))
        s["incremental"] = _timed(
            lambda: results_recompute(administration_id=admin_id, years=[year], unit_id=unit_id), repeat
        )
        statements = [_statements(full)]
        _every_indicator_due(admin_id)
        statements.append(_statements(full))
        _every_indicator_due(admin_id)
        out = _Measured(values=values, memory=self._memory())
        out.rows = [
            ("machine", machine()),
            ("software", f"PostgreSQL {_server_version()}"),
            ("load average at start (1, 5, 15 min)", " ".join(f"{x:.2f}" for x in load)),
            ("data", f"{indicators.count():,} PP indicators, {values:,} quarterly values (median of {repeat} runs)"),
            *_figure_rows(s, statements, out.memory, year),
            ("load average at end (1, 5, 15 min)", " ".join(f"{x:.2f}" for x in load_average())),
        ]
        _goals_record(f"{values:,} values".replace(",", "."), s, out.memory)
        return out

    def _flatness(self, measured: list[_Measured]) -> None:
        """Whether the peak memory of each side stays within FLAT × from the smallest data size to the largest."""
        smallest, largest = measured[0], measured[-1]
        span = f"{smallest.values:,} → {largest.values:,} values".replace(",", ".")
        for side, name in (("process", "Python process"), ("backend", "PostgreSQL backend")):
            ratio = largest.memory[side] / smallest.memory[side]
            figures = " / ".join(f"{m.memory[side]:.0f}" for m in measured)
            self.stdout.write(f"peak RSS of the {name}: {figures} MiB; largest / smallest {ratio:.2f} (goal ≤ {FLAT})")
            goal_record(f"engine, {span}: peak RSS of the {name} flat (largest ≤ {FLAT} × smallest)",
                        f"{figures} MiB ({ratio:.2f} ×)", ratio <= FLAT)  # fmt: skip

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


def _figure_rows(
    s: dict[str, float], statements: list[int], memory: dict[str, float], year: int
) -> list[tuple[str, str]]:
    def times(name: str) -> str:
        return f"{s[name]:.2f} s = {s[name] / s['group_by']:.1f} × GROUP BY"

    return [
        ("one SQL GROUP BY over the same quarterly values", f"{s['group_by']:.2f} s"),
        ("full recompute, nothing changed (goal ≤ 3 × GROUP BY)", times("unchanged")),
        ("full recompute after 1 % of the values changed (goal ≤ 3 ×)", times("changed")),
        ("full recompute evaluating every indicator (a change of the rules)", times("every")),
        ("SQL statements: nothing changed / every indicator", f"{statements[0]} / {statements[1]}"),
        (f"incremental: one unit's {year} indicators", f"{s['incremental'] * 1000:.0f} ms"),
        ("every indicator, fresh process: peak RSS of the process", f"{memory['process']:,.0f} MiB"),
        ("every indicator, fresh process: peak RSS of its PostgreSQL backend", f"{memory['backend']:,.0f} MiB"),
        ("every indicator, fresh process: time", f"{memory['s']:.1f} s"),
    ]


def _goals_record(size: str, s: dict[str, float], memory: dict[str, float]) -> None:
    """Record the engine's goals at one data size and what was measured against them (bench_summary prints them)."""
    for name, what in (("unchanged", "nothing changed"), ("changed", "1 % of the values changed")):
        ratio = s[name] / s["group_by"]
        goal_record(f"engine, {size}: full recompute ({what}) ≤ 3 × one GROUP BY", f"{ratio:.1f} ×", ratio <= 3)
    goal_record(f"engine, {size}: every indicator evaluated (a change of the rules), × GROUP BY",
                f"{s['every'] / s['group_by']:.1f} ×", None)  # fmt: skip
    goal_record(f"engine, {size}: incremental ≤ 1/20 of full (every indicator)",
                f"1/{s['every'] / s['incremental']:.0f}", s["incremental"] / s["every"] <= 0.05)  # fmt: skip
    goal_record(f"engine, {size}: peak RSS, process / PostgreSQL backend",
                f"{memory['process']:,.0f} MiB / {memory['backend']:,.0f} MiB", None)  # fmt: skip
