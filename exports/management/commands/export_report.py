"""Write one year-end report to a file.

python manage.py export_report --year 2024 --report form4 --format xlsx --out form4.xlsx
python manage.py export_report --year 2024 --report annual_report --format docx --out faaliyet-raporu.docx
"""

import time
from decimal import Decimal
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import translation

from accounts.selectors import administration_by_code
from core.exceptions import ApplicationError
from core.management.base import Command as BaseCommand
from core.numbers import format_decimal
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
        parser.add_argument("--template", help="faaliyet raporunun Word şablonu (.docx; verilmezse varsayılan)")

    def handle(self, *args, year, report, format, out, administration, language, template, **options):
        try:
            chosen = administration_by_code(administration)
        except LookupError as error:
            raise CommandError(str(error)) from error
        try:
            template_content = Path(template).read_bytes() if template else None
        except OSError as error:
            raise CommandError(str(error)) from error
        started = time.perf_counter()
        try:
            with translation.override(language):
                content = export_render(
                    administration=chosen, year=year, report=report, fmt=format, template=template_content
                )
        except ApplicationError as error:
            raise CommandError(str(error)) from error
        seconds = time.perf_counter() - started
        path = Path(out)
        path.write_bytes(content)
        size = f"{len(content):,}".replace(",", ".")
        seconds_text = format_decimal(Decimal(seconds).quantize(Decimal("0.1")), 1)
        self.stdout.write(f"{path} ({size} bayt, {seconds_text} s)")
