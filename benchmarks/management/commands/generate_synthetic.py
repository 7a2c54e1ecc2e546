"""Build a large synthetic administration (code SYN) for benchmarks."""

import time

from django.core.management.base import BaseCommand

from benchmarks.synthetic import SyntheticSize, synthetic_generate


class Command(BaseCommand):
    help = "Kıyaslama için büyük bir sentetik idare (SYN) oluşturur; varsa yeniden oluşturur."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=100)
        parser.add_argument("--indicators", type=int, default=500, help="birim başına PP göstergesi (yıllık)")
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--seed", type=int, default=2024)

    def handle(self, *args, units, indicators, years, seed, **options):
        size = SyntheticSize(units=units, indicators_per_unit=indicators, years=years)
        started = time.perf_counter()
        synthetic_generate(size=size, seed=seed)
        self.stdout.write(
            f"SYN: {units} birim, {units * indicators * years:,} PP göstergesi, "
            f"~{size.quarterly_values:,} üç aylık değer; {time.perf_counter() - started:.1f} sn."
        )
