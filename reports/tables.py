"""Tables of the reports app."""

from decimal import Decimal, InvalidOperation

import django_tables2 as tables
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.numbers import format_decimal
from reports.builders.printed_audit import column_label, table_label


class PrintedDifferenceTable(tables.Table):
    """Printed figures beside the computed ones, with the rule that computes them."""

    table = tables.Column(_("Tablo"))
    row = tables.Column(_("Satır"))
    column = tables.Column(_("Sütun"))
    printed = tables.Column(_("Basılı"), attrs={"td": {"class": "text-end text-nowrap"}})
    computed = tables.Column(
        _("Hesaplanan"), empty_values=(), attrs={"td": {"class": "text-end text-nowrap fw-semibold"}}
    )
    rule = tables.Column(_("Kural"))
    note = tables.Column(_("Not"), default="")

    class Meta:
        orderable = False
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_table(self, value: str) -> str:
        return table_label(value)

    def render_column(self, value: str) -> str:
        return column_label(value)

    def render_printed(self, value: str) -> str:
        try:
            return format_decimal(Decimal(value), language=translation.get_language() or "tr")
        except InvalidOperation:  # a status label, not a number
            return value

    def render_computed(self, value) -> str:
        if value is None:
            return str(_("Hesaplanamadı"))
        if isinstance(value, str):
            return value
        return format_decimal(value, 2, language=translation.get_language() or "tr")
