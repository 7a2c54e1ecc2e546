"""Write a backup of the database (pg_dump, custom format) to a file."""

from datetime import datetime
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection

from core.backup import BackupError, dump_command, run
from core.management.base import Command as BaseCommand


class Command(BaseCommand):
    help = "Veritabanının yedeğini pg_dump özel biçiminde (.dump) bir dosyaya yazar."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Yedek dosyası (verilmezse backups/goc_perf-<zaman>.dump)")

    def handle(self, *args, output: Path | None, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Yedekleme PostgreSQL içindir; DATABASE_URL bir PostgreSQL veritabanını göstermeli.")
        if output is None:
            output = Path("backups") / f"goc_perf-{datetime.now():%Y%m%d-%H%M%S}.dump"
        output.parent.mkdir(parents=True, exist_ok=True)
        try:
            run(dump_command(connection.settings_dict, output), connection.settings_dict)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Yedek yazıldı: {output} ({output.stat().st_size} bayt)")
