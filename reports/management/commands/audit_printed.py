"""List every figure of the printed report that the rules do not reproduce."""

from django.core.management.base import BaseCommand, CommandError

from accounts.selectors import administration_by_code
from core.numbers import format_decimal
from reports.printed import printed_differences


class Command(BaseCommand):
    help = "Basılı rapor değerleri ile kurallarla hesaplanan değerlerin farklarını listeler."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--administration", help="İdare kodu (tek idare varsa gerekmez)")

    def handle(self, *args, year, administration, **options):
        try:
            administration_obj = administration_by_code(administration)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        differences = printed_differences(administration=administration_obj, year=year)
        header = ("Tablo", "Satır", "Sütun", "Basılı", "Hesaplanan", "Kural", "Not")
        rows = [
            (
                d.table,
                d.row,
                d.column,
                d.printed,
                "Hesaplanamadı"
                if d.computed is None
                else d.computed
                if isinstance(d.computed, str)
                else format_decimal(d.computed, 2),
                d.rule,
                d.note,
            )
            for d in differences
        ]
        widths = [min(max(len(str(r[i])) for r in [header, *rows]), 48) for i in range(len(header))]
        for row in [header, *rows]:
            self.stdout.write("  ".join(str(cell)[:48].ljust(width) for cell, width in zip(row, widths, strict=True)))
        self.stdout.write(f"\n{len(differences)} fark.")
