"""Benchmark the Form-3 and Form-4 exports of the synthetic administration (make bench); prints figures.

Each export is built in a fresh forked process on a fresh database connection, so the peak resident
memory the kernel reports (VmHWM) is that of the export, and the PostgreSQL backend's peak that of
its reads. With `--units 10,100` the synthetic administration is generated again (one year, 500
indicators a unit) for each size, in its own process, and the memory at the sizes is compared.
"""

import multiprocessing
import queue
import subprocess
import sys
import time
from pathlib import Path

import weasyprint  # noqa: F401 - loaded at start, as a worker has it loaded, so never timed
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.utils import translation

from accounts.models import Administration
from benchmarks.goals import goal_record, load_average, machine
from benchmarks.memory import backend_pid, peak_rss_mib
from benchmarks.synthetic import CODE
from exports.services import export_render
from indicators.models import PPIndicator, PPIndicatorResult
from indicators.services import results_recompute

PEAK_GOAL_MIB = 1024
FLAT_GOAL = 1.5  # the largest size's peak within 1,5 × the smallest's


def _measure(administration_id: int, year: int, report: str, fmt: str, results) -> None:
    """Render one export in this (forked) process; put wall and CPU time, peak RSS, backend peak, size."""
    administration = Administration.objects.get(pk=administration_id)
    wall, cpu = time.perf_counter(), time.process_time()
    with translation.override("tr"):
        content = export_render(administration=administration, year=year, report=report, fmt=fmt)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    backend = peak_rss_mib(backend_pid())
    connections.close_all()
    results.put((wall, cpu, peak_rss_mib(), backend, len(content) / 2**20))


def _in_child(target, *args):
    """Run `target(*args, queue)` in a forked process on its own connection; return what it put."""
    connections.close_all()
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=target, args=(*args, results))
    child.start()
    while True:
        try:
            value = results.get(timeout=5)
            break
        except queue.Empty:
            if not child.is_alive():  # it failed: its traceback is above, do not wait for it forever
                raise CommandError(f"Ölçüm süreci {child.exitcode} koduyla bitti.") from None
    child.join()
    return value


def _recompute(administration_id: int, year: int, results) -> None:
    results_recompute(administration_id=administration_id, years=[year])
    connections.close_all()
    results.put(None)


class Command(BaseCommand):
    help = "Form-3 ve Form-4 dışa aktarmalarının kıyaslaması (önce generate_synthetic çalıştırın)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="varsayılan: sentetik idarenin ilk yılı")
        parser.add_argument("--reports", default="form3,form4")
        parser.add_argument("--formats", default="xlsx,pdf")
        parser.add_argument(
            "--units",
            default="",
            help="ör. 10,100: her boyut için SYN'i 1 yıl, birim başına 500 gösterge ile yeniden üretir",
        )

    def handle(self, *args, year, reports, formats, units, **options):
        self.stdout.write(f"{'machine':<40}{machine()}")
        version = connection.pg_version or 0
        self.stdout.write(f"{'software':<40}PostgreSQL {version // 10000}.{version % 100}")
        peaks: dict[tuple[str, str], list[tuple[int, float]]] = {}
        for size in [int(u) for u in units.split(",") if u] or [0]:
            if size:
                manage = str(Path(settings.BASE_DIR) / "manage.py")
                command = [sys.executable, manage, "generate_synthetic", "--units", str(size), "--years", "1"]
                subprocess.run(command, check=True, capture_output=True)
            count, year_measured = self._size(year)
            for report in reports.split(","):
                for fmt in formats.split(","):
                    peak = self._one(count, year_measured, report, fmt)
                    peaks.setdefault((report, fmt), []).append((count, peak))
        for (report, fmt), figures in peaks.items():
            if len(figures) > 1:
                self._flat(report, fmt, figures)

    def _size(self, year: int | None) -> tuple[int, int]:
        """Return the number of PP indicators of the year measured, and the year; results computed if missing."""
        administration = Administration.objects.filter(code=CODE).first()
        if administration is None:
            raise CommandError("Önce: python manage.py generate_synthetic --units 100 --indicators 500 --years 5")
        self.administration = administration
        indicators = PPIndicator.objects.filter(performance_program__administration=administration)
        if year is None:
            year = indicators.order_by("performance_program__year").values_list("performance_program__year", flat=True)[
                0
            ]
        of_year = indicators.filter(performance_program__year=year)
        if not PPIndicatorResult.objects.filter(indicator__in=of_year).exists():
            # Freshly generated data has no stored results yet (make bench runs bench_engine first).
            _in_child(_recompute, administration.pk, year)
        count = of_year.count()
        self.stdout.write(f"{'data':<40}{count:,} PP indicators of {year} (synthetic administration {CODE})")
        return count, year

    def _one(self, count: int, year: int, report: str, fmt: str) -> float:
        wall, cpu, peak, backend, size = _in_child(_measure, self.administration.pk, year, report, fmt)
        self.stdout.write(
            f"{report + ' ' + fmt:<40}{cpu:8.1f} s CPU ({wall:.1f} s wall)   peak RSS {peak:,.0f} MiB   "
            f"backend {backend:,.0f} MiB   file {size:,.1f} MiB   load {load_average()[0]:.1f}"
        )
        goal_record(
            f"{report} {fmt} of {count:,} indicators: peak RSS < 1 GiB",
            f"{peak:,.0f} MiB (backend {backend:,.0f} MiB) in {wall:.0f} s ({cpu:.0f} s CPU)",
            peak < PEAK_GOAL_MIB,
        )
        return peak

    def _flat(self, report: str, fmt: str, figures: list[tuple[int, float]]) -> None:
        (small, low), (large, high) = min(figures), max(figures)
        ratio = high / low
        self.stdout.write(f"{report + ' ' + fmt + ' peak RSS largest/smallest':<40}{ratio:8.2f}")
        goal_record(
            f"{report} {fmt} peak RSS flat in size (≤ {FLAT_GOAL} × from {small:,} to {large:,} indicators)",
            f"{low:,.0f} → {high:,.0f} MiB: {ratio:.2f} ×",
            ratio <= FLAT_GOAL,
        )
