"""Restore a backup written by `backup` into a new, named database (never over the running one)."""

from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection

from core.backup import BackupError, create_database_command, restore_command, run
from core.management.base import Command as BaseCommand


class Command(BaseCommand):
    help = "Bir yedeği (pg_dump özel biçimi) yeni ve adı verilen bir veritabanına geri yükler."

    def add_arguments(self, parser):
        parser.add_argument("--input", dest="source", type=Path, required=True, help="Yedek dosyası (.dump)")
        parser.add_argument("--database", required=True, help="Oluşturulacak veritabanının adı")

    def handle(self, *args, source: Path, database: str, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Geri yükleme PostgreSQL içindir; DATABASE_URL bir PostgreSQL veritabanını göstermeli.")
        if not source.is_file():
            raise CommandError(f"Yedek dosyası yok: {source}")
        if database == connection.settings_dict["NAME"]:
            raise CommandError("Çalışan veritabanının üzerine geri yüklenmez; yeni bir ad verin.")
        settings_dict = connection.settings_dict
        try:
            run(create_database_command(settings_dict, database), settings_dict)
            run(restore_command(settings_dict, source, database), settings_dict)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Yedek {database} veritabanına geri yüklendi.")
