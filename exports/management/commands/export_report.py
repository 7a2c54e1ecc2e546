"""Write one year-end report to a file.

python manage.py export_report --year 2024 --report form4 --format xlsx --out form4.xlsx
"""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils import translation

from accounts.selectors import administration_by_code
from core.exceptions import ApplicationError
from core.management.base import Command as BaseCommand
from exports.choices import Format, Report
from exports.services import export_render


class Command(BaseCommand):
    help = "Yıl sonu tablolarından birini dosyaya yazar (CSV, XLSX, PDF, DOCX)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--report", required=True, choices=Report.values)
        parser.add_argument("--format", required=True, choices=Format.values)
        parser.add_argument("--out", required=True, help="yazılacak dosyanın yolu")
        parser.add_argument("--administration", help="idare kodu (tek idare varsa gerekmez)")
        parser.add_argument("--language", default="tr", choices=["tr", "en"])

    def handle(self, *args, year, report, format, out, administration, language, **options):
        try:
            chosen = administration_by_code(administration)
        except LookupError as error:
            raise CommandError(str(error)) from error
        try:
            with translation.override(language):
                content = export_render(administration=chosen, year=year, report=report, fmt=format)
        except ApplicationError as error:
            raise CommandError(str(error)) from error
        path = Path(out)
        path.write_bytes(content)
        self.stdout.write(f"{path} ({len(content):,} bayt)".replace(",", "."))
