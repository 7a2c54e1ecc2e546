"""Print the goal | measured | met table of this `make bench` run (the goals each benchmark recorded)."""

import os

from django.core.management.base import BaseCommand
from django.utils import timezone

from benchmarks.goals import RESULTS_ENV, goals_missing, goals_read, goals_table, load_average, machine


class Command(BaseCommand):
    help = "Kıyaslama hedefleri tablosu: hedef | ölçülen | karşılandı (make bench sonunda)."

    def add_arguments(self, parser):
        parser.add_argument("--results", default=os.environ.get(RESULTS_ENV, "bench-results.jsonl"))

    def handle(self, *args, results, **options):
        records = goals_read(results)
        records += goals_missing(records)
        self.stdout.write(f"\n{timezone.now():%Y-%m-%d %H:%M} UTC, {machine()}")
        self.stdout.write("load average now (1, 5, 15 min): " + " ".join(f"{x:.2f}" for x in load_average()))
        if not records:
            self.stdout.write(f"{results}: no goal recorded.")
            return
        for line in goals_table(records):
            self.stdout.write(line)
        missed = sum(1 for r in records if r.get("met") is False)
        unmeasured = sum(1 for r in records if r.get("measured") == "not measured")
        self.stdout.write(f"{len(records)} figures, {missed} goal(s) not met ({unmeasured} not measured).")
