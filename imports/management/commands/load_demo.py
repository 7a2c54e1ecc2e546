"""Load the 2024 demo data set of Göç İdaresi Başkanlığı and one demo user per role."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from core.management.base import Command as BaseCommand
from imports.dataset import DatasetError
from imports.demo import DEMO_DATA_DIR, DEMO_USERS, demo_load


class Command(BaseCommand):
    help = "2024 demo verisini ve her rol için bir demo kullanıcısını yükler (tekrar çalıştırmak bir şey değiştirmez)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DEMO_DATA_DIR, help="CSV sayfalarının klasörü")

    def handle(self, *args, data_dir: Path, **options):
        try:
            summary, created = demo_load(data_dir=data_dir)
        except DatasetError as exc:
            lines = "\n".join(f"  - {e}" for e in exc.errors)
            raise CommandError(f"Demo verisi yüklenmedi, hiçbir şey yazılmadı:\n{lines}") from exc
        for label, counts in summary.counts.items():
            self.stdout.write(
                f"{label}: {counts.created} yeni, {counts.updated} güncellendi, {counts.unchanged} değişmedi"
            )
        for warning in summary.warnings:
            self.stdout.write(self.style.WARNING(f"Uyarı: {warning}"))
        if summary.changed == 0 and not created:
            self.stdout.write(self.style.SUCCESS("Demo verisi zaten yüklü; hiçbir şey değişmedi."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo verisi yüklendi."))
        self.stdout.write("Demo kullanıcıları (yalnızca demo içindir):")
        passwords = {demo.username: demo.password for demo in created}
        for demo in DEMO_USERS:
            password = passwords.get(demo.username) or (
                demo.password if settings.DEMO_PUBLISHED_PASSWORDS else "(parolası daha önce verildi)"
            )
            self.stdout.write(f"  {demo.username:<14} {password:<20} {demo.role.label}")
