"""Benchmark the Form-3 and Form-4 exports of the synthetic administration (make bench); prints figures."""

import multiprocessing
import os
import platform
import threading
import time

import weasyprint  # noqa: F401 - loaded at start, as a worker has it loaded, so never timed
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.utils import translation

from accounts.models import Administration
from benchmarks.goals import goal_record, load_average
from benchmarks.synthetic import CODE
from exports.services import export_render
from indicators.models import PPIndicator, PPIndicatorResult
from indicators.services import results_recompute

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def _rss() -> int:
    """Return the process's resident memory in bytes (Python and C allocations alike, e.g. pango's)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_SIZE


def _measure(administration_id: int, year: int, report: str, fmt: str, results) -> None:
    """Render one export in this (forked) process; put wall time, CPU time, memory growth and size."""
    peak = start = _rss()
    running = True

    def sample() -> None:
        nonlocal peak
        while running:
            peak = max(peak, _rss())
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    administration = Administration.objects.get(pk=administration_id)
    wall, cpu = time.perf_counter(), time.process_time()
    with translation.override("tr"):
        content = export_render(administration=administration, year=year, report=report, fmt=fmt)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    running = False
    sampler.join()
    peak = max(peak, _rss())
    connections.close_all()
    results.put((wall, cpu, (peak - start) / 2**20, len(content) / 2**20))


class Command(BaseCommand):
    help = "Form-3 ve Form-4 dışa aktarmalarının kıyaslaması (önce generate_synthetic çalıştırın)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="varsayılan: sentetik idarenin ilk yılı")
        parser.add_argument("--reports", default="form3,form4")
        parser.add_argument("--formats", default="xlsx,pdf")

    def handle(self, *args, year, reports, formats, **options):
        administration = Administration.objects.filter(code=CODE).first()
        if administration is None:
            raise CommandError("Önce: python manage.py generate_synthetic --units 100 --indicators 500 --years 5")
        indicators = PPIndicator.objects.filter(performance_program__administration=administration)
        if year is None:
            year = indicators.order_by("performance_program__year").values_list("performance_program__year", flat=True)[
                0
            ]
        count = indicators.filter(performance_program__year=year).count()
        if not PPIndicatorResult.objects.filter(
            indicator__in=indicators.filter(performance_program__year=year)
        ).exists():
            # Freshly generated data has no stored results yet (make bench runs bench_engine first).
            results_recompute(administration_id=administration.pk, years=[year])
        lines = [
            ("machine", f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores"),
            (
                "software",
                f"{connection.vendor} {connection.pg_version if connection.vendor == 'postgresql' else ''}; Python {platform.python_version()}",
            ),
            ("data", f"{count:,} PP indicators of {year} (synthetic administration {CODE})"),
        ]
        self.stdout.write("\n".join(f"{label:<34}{value}" for label, value in lines))
        # Each export runs in a fresh forked process, so one's memory does not hide the next one's peak.
        context = multiprocessing.get_context("fork")
        for report in reports.split(","):
            for fmt in formats.split(","):
                connections.close_all()
                results = context.Queue()
                child = context.Process(target=_measure, args=(administration.pk, year, report, fmt, results))
                child.start()
                wall, cpu, memory, size = results.get()
                child.join()
                self.stdout.write(
                    f"{report + ' ' + fmt:<34}{cpu:8.1f} s CPU ({wall:.1f} s wall)   "
                    f"peak memory +{memory:,.0f} MiB   file {size:,.1f} MiB   load {load_average()[0]:.1f}"
                )
                goal = f"{report} {fmt} of {count:,} indicators: peak memory < 1 GiB"
                goal_record(goal, f"+{memory:,.0f} MiB in {wall:.0f} s ({cpu:.0f} s CPU)", memory < 1024)
