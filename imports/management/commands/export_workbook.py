"""Write an administration's current data as the import workbook, or the blank template."""

from pathlib import Path

from django.core.management.base import CommandError

from accounts.selectors import administration_by_code
from core.management.base import Command as BaseCommand
from imports.selectors import administration_sheets
from imports.workbook import template_build, workbook_build


class Command(BaseCommand):
    help = "İdarenin güncel verisini içe aktarma çalışma kitabı olarak yazar (ya da --template ile boş şablonu)."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, required=True, help="yazılacak .xlsx dosyası")
        parser.add_argument("--administration", default=None, help="idare kodu (tek idare varsa gerekmez)")
        parser.add_argument("--template", action="store_true", help="verisiz boş şablonu yaz")

    def handle(self, *args, out: Path, administration: str | None, template: bool, **options):
        if template:
            content = template_build()
        else:
            try:
                found = administration_by_code(administration)
            except LookupError as exc:
                raise CommandError(str(exc)) from exc
            content = workbook_build(administration_sheets(administration=found))
        out.write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"Yazıldı: {out}"))
