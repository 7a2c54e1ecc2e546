"""List every figure of the printed report that the rules do not reproduce."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from accounts.selectors import administration_by_code
from core.exceptions import ApplicationError
from core.management.base import Command as BaseCommand
from core.numbers import format_decimal
from plans.selectors import programme_for_year
from reports.printed import has_printed_figures, printed_differences


class Command(BaseCommand):
    help = "Basılı rapor değerleri ile kurallarla hesaplanan değerlerin farklarını listeler."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--administration", help="İdare kodu (tek idare varsa gerekmez)")

    def handle(self, *args, year, administration, **options):
        try:
            administration_obj = administration_by_code(administration)
            programme_for_year(administration_id=administration_obj.pk, year=year)
        except (LookupError, ApplicationError) as exc:
            raise CommandError(str(exc)) from exc
        if not has_printed_figures(administration=administration_obj, year=year):
            raise CommandError(_("%(year)s yılının basılı rapor değerleri yüklenmemiş.") % {"year": year})
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
