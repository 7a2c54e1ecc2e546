"""Page loads on loopback: 50 users on the dashboard overview and a drill-down (make bench); prints figures.

Runs against the synthetic administration (generate_synthetic, then bench_engine computes its
results): a strategy-directorate user for it is created, gunicorn serves on a free loopback port,
and 50 concurrent users load the overview and an indicator drill-down; the trivial in-app view
(/saglik/, one SQL query) is loaded the same way in the same run for comparison.
"""

import statistics

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from accounts.choices import Role
from accounts.models import Administration, RoleAssignment, Unit, User
from benchmarks.goals import goal_record, load_average
from benchmarks.loadtest import Session, gunicorn, parallel, percentile, print_rows
from benchmarks.synthetic import CODE
from indicators.models import PPIndicator

USERNAME, PASSWORD = "panel.kiyas", "Kiyaslama-panel-2026"


class Command(BaseCommand):
    help = "Gösterge paneli yük testi: 50 eşzamanlı kullanıcı (önce generate_synthetic ve bench_engine)."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=50)
        parser.add_argument("--requests", type=int, default=3, help="kullanıcı başına sayfa yüklemesi")
        parser.add_argument("--workers", type=int, default=4)

    def handle(self, *args, users, requests, workers, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Kıyaslama PostgreSQL üzerinde çalışır (DATABASE_URL verin).")
        administration = Administration.objects.filter(code=CODE).first()
        if administration is None:
            raise CommandError("Önce: generate_synthetic ve bench_engine (make bench).")
        user, _ = User.objects.get_or_create(username=USERNAME)
        user.set_password(PASSWORD)
        user.save()
        RoleAssignment.objects.get_or_create(
            user=user, role=Role.STRATEGY, unit=Unit.objects.filter(administration=administration).first(),
            defaults={"administration": administration},
        )  # fmt: skip
        indicator = (
            PPIndicator.objects.filter(performance_program__administration=administration)
            .order_by("-performance_program__year", "code")
            .values_list("pk", "performance_program__year")
            .first()
        )
        pages = {"overview": f"/panel/?year={indicator[1]}", "drill-down": f"/panel/gosterge/{indicator[0]}/"}
        load = load_average()
        with gunicorn(workers=workers) as base:
            sessions = [Session(base, USERNAME, PASSWORD) for _ in range(users)]
            parallel([s.log_in for s in sessions], width=8)
            figures = {}
            for name, path in [("trivial view", "/saglik/"), *pages.items()]:
                samples = parallel([lambda s=s, p=path: [s.get(p) for _ in range(requests)] for s in sessions])
                times = [seconds for batch in samples for seconds, _, _ in batch]
                errors = sum(1 for batch in samples for _, status, _ in batch if status != 200)
                figures[name] = (statistics.median(times), percentile(times, 0.95), errors, len(times))
        trivial_p95 = figures["trivial view"][1]
        rows = [("setup", f"{users} concurrent users × {requests} loads each, gunicorn {workers} sync workers, "
                          f"{PPIndicator.objects.filter(performance_program__administration=administration).count():,} PP indicators")]  # fmt: skip
        for name, (p50, p95, errors, count) in figures.items():
            rows.append(
                (f"{name}: p50 / p95", f"{p50 * 1000:.0f} ms / {p95 * 1000:.0f} ms ({count} loads, {errors} errors)")
            )
        rows.append(("load average at start (1, 5, 15 min)", " ".join(f"{x:.2f}" for x in load)))
        for name in pages:
            ratio = figures[name][1] / trivial_p95
            rows.append((f"{name}: p95 / trivial p95 (goal ≤ 3)", f"{ratio:.1f}"))
            errors = figures[name][2]
            goal_record(f"{name} p95 ≤ 3 × trivial view's p95, {users} users, 0 errors",
                        f"{ratio:.1f} × ({figures[name][1] * 1000:.0f} ms / {trivial_p95 * 1000:.0f} ms), {errors} errors",
                        ratio <= 3 and errors == 0)  # fmt: skip
        print_rows(self.stdout.write, rows)
