"""Tables of the strategic plan."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.tables import NumberColumn
from plans.models import SPIndicator


def _year_row(record: SPIndicator):
    rows = getattr(record, "year_rows", [])
    return rows[0] if rows else None


class SPIndicatorTable(tables.Table):
    """One aim's SP indicators, grouped by target, with A and the year's B and entered C."""

    target = tables.Column(_("Hedef"), accessor="target__code", attrs={"td": {"class": "text-nowrap"}})
    code = tables.Column(_("Kod"), attrs={"td": {"class": "text-nowrap"}})
    name = tables.Column(_("Performans göstergesi"))
    unit_of_measure = tables.Column(_("Ölçü birimi"), default="—")
    weight = NumberColumn(_("Hedefe etkisi (%)"))
    baseline = NumberColumn(_("Başlangıç (A)"))
    target_value = NumberColumn(_("Yıl hedefi (B)"), accessor="code", empty_values=())
    actual_value = NumberColumn(_("Gerçekleşme (C)"), accessor="code", empty_values=())

    class Meta:
        orderable = False
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_target_value(self, record: SPIndicator) -> str:
        row = _year_row(record)
        return self.columns["target_value"].column.render(row.target_value) if row else "—"

    def render_actual_value(self, record: SPIndicator) -> str:
        row = _year_row(record)
        if row is None:
            return "—"
        if row.actual_value is None:
            return str(_("PP göstergesinden")) if getattr(record, "pp_link_count", 0) else "—"
        return self.columns["actual_value"].column.render(row.actual_value)
