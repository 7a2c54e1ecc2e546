"""Budget figures for `make bench`: the aggregate recompute, the entry services and the pages; prints figures.

(The constant number of queries per page is shown by tests/budget/test_views.py at two data sizes.)

Runs against the synthetic administration (generate_synthetic). The pages are rendered in process
(django.test.Client, no network) by a financial-services user created here; the writes run inside a
transaction that is rolled back, so the data set is left as it was.
"""

import statistics
import time
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from accounts.choices import Role
from accounts.models import Administration, RoleAssignment, Unit, User
from benchmarks.loadtest import print_rows
from benchmarks.synthetic import CODE
from budget.models import BudgetLine
from budget.services import budget_aggregates_recompute, budget_spending_set

USERNAME = "butce.kiyas"


def _timed(call, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


class Command(BaseCommand):
    help = "Bütçe kıyaslaması: toplamların yeniden hesabı, giriş servisleri ve sayfalar (önce generate_synthetic)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=10)

    def handle(self, *args, repeat, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Kıyaslama PostgreSQL üzerinde çalışır (DATABASE_URL verin).")
        administration = Administration.objects.filter(code=CODE).first()
        if administration is None:
            raise CommandError("Önce: generate_synthetic (make bench).")
        year = BudgetLine.objects.filter(administration=administration).order_by("-year").values_list("year", flat=True)
        year = year.first()
        lines = BudgetLine.objects.filter(administration=administration, year=year)
        line_count = lines.count()
        budget_aggregates_recompute(administration_id=administration.pk, year=year)
        recompute = _timed(lambda: budget_aggregates_recompute(administration_id=administration.pk, year=year), repeat)

        with transaction.atomic():
            targets = list(lines.order_by("pk")[:repeat])

            def spend():
                line = targets.pop()
                budget_spending_set(line=line, month=1, amount=Decimal(1), expected_version=line.version, actor=None)

            service = _timed(spend, len(targets))
            transaction.set_rollback(True)

        user, _ = User.objects.get_or_create(username=USERNAME)
        RoleAssignment.objects.get_or_create(
            user=user, role=Role.FINANCE, unit=Unit.objects.filter(administration=administration).first(),
            defaults={"administration": administration},
        )  # fmt: skip
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        pages = {
            "Tablo 9 (execution)": reverse("budget:execution"),
            "Tablo 10 (programme)": reverse("budget:report", args=["program"]),
            "Tablo 11 (unit)": reverse("budget:report", args=["birim"]),
            "budget lines": reverse("budget:lines"),
            "money beside performance": reverse("budget:money_performance"),
            "Tablo 9 Excel": reverse("budget:execution") + "?_export=xlsx&year=" + str(year),
        }
        rows = [
            ("setup", f"{line_count:,} budget lines in {year}, {repeat} repetitions, in-process client"),
            ("budget_aggregates_recompute: median / max", f"{recompute[0] * 1000:.0f} ms / {recompute[1] * 1000:.0f} ms"),
            ("budget_spending_set (lock, check, write, derive, audit): median / max",
             f"{service[0] * 1000:.1f} ms / {service[1] * 1000:.1f} ms"),
        ]  # fmt: skip
        for name, url in pages.items():
            url = url if "?" in url else f"{url}?year={year}"
            response = client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{url}: {response.status_code}")
            median, worst = _timed(lambda url=url: client.get(url), repeat)
            rows.append((f"{name}: median / max", f"{median * 1000:.0f} ms / {worst * 1000:.0f} ms"))
        print_rows(self.stdout.write, rows)
