"""Every page's SQL statements at the demo size and at the benchmark size, side by side (make bench).

Visits each page of benchmarks.pages.PAGES as an appropriate user (in process, django.test.Client)
on the demo administration (loaded first when missing) and on the synthetic one, and prints
page | queries at demo | queries at bench | equal. A count that differs means the page reads
something per row. Records one goal: every page's count the same at both sizes.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client

from accounts.choices import Role
from accounts.models import Administration, User
from benchmarks.goals import goal_record, load_average
from benchmarks.pages import PAGES, World, page_url, queries_count, world_build
from benchmarks.synthetic import CODE
from imports.demo import DEMO_ADMINISTRATION, DEMO_USERS, demo_load
from indicators.models import PPIndicator


class Command(BaseCommand):
    help = "Her sayfanın SQL sorgu sayısı: demo ve kıyaslama boyutunda (önce generate_synthetic ve bench_engine)."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Kıyaslama PostgreSQL üzerinde çalışır (DATABASE_URL verin).")
        synthetic = Administration.objects.filter(code=CODE).first()
        if synthetic is None:
            raise CommandError("Önce: generate_synthetic ve bench_engine (make bench).")
        if not Administration.objects.filter(code=DEMO_ADMINISTRATION).exists():
            demo_load()
        demo = Administration.objects.get(code=DEMO_ADMINISTRATION)
        demo_users = {d.role: User.objects.get(username=d.username) for d in DEMO_USERS}
        # The demo's unit pages are those of its unit user's unit.
        demo_unit = demo_users[Role.UNIT_ENTRY].roles.get().unit
        worlds = {"demo": world_build(demo, users=demo_users, unit=demo_unit), "bench": world_build(synthetic)}
        sizes = {name: self._size(world) for name, world in worlds.items()}
        counts = {name: self._visit(world) for name, world in worlds.items()}
        rows = [("page", "role", f"queries at demo ({sizes['demo']})", f"queries at bench ({sizes['bench']})", "equal")]
        unequal = []
        for page, (demo_status, demo_n), (bench_status, bench_n) in zip(
            PAGES, counts["demo"], counts["bench"], strict=True
        ):
            equal = demo_n == bench_n and demo_status == bench_status == 200
            if not equal:
                unequal.append(page.title)
            rows.append(
                (
                    page.title,
                    page.role,
                    _cell(demo_status, demo_n),
                    _cell(bench_status, bench_n),
                    "yes" if equal else "NO",
                )
            )
        for line in _markdown(rows):
            self.stdout.write(line)
        self.stdout.write("load average (1, 5, 15 min): " + " ".join(f"{x:.2f}" for x in load_average()))
        goal_record(
            "every page's SQL query count the same at the demo and the benchmark size",
            f"{len(PAGES) - len(unequal)} of {len(PAGES)} pages equal"
            + (f" (differ: {', '.join(unequal)})" if unequal else ""),
            not unequal,
        )

    @staticmethod
    def _size(world: World) -> str:
        count = PPIndicator.objects.filter(performance_program__administration=world.administration).count()
        return f"{count:,} PP indicators".replace(",", ".")

    @staticmethod
    def _visit(world: World) -> list[tuple[int, int]]:
        clients = {}
        for role, user in world.users.items():
            clients[role] = Client(HTTP_HOST="127.0.0.1")
            clients[role].force_login(user)
        return [queries_count(clients[page.role], page_url(page, world)) for page in PAGES]


def _cell(status: int, count: int) -> str:
    return str(count) if status == 200 else f"{count} (HTTP {status})"


def _markdown(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |" for row in rows]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return lines
