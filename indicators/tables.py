"""Tables of performance-programme indicators."""

import django_tables2 as tables
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.tables import NumberColumn, PercentColumn
from indicators.models import PPIndicator


def _quarter_label(quarter: int) -> str:
    return gettext("%(q)d. Dönem") % {"q": quarter}


quarter_label = lazy(_quarter_label, str)


def _quarter_value(record: PPIndicator, quarter: int):
    for row in getattr(record, "quarters", []):
        if row.quarter == quarter:
            return row
    return None


class QuarterColumn(NumberColumn):
    """The value an indicator has for one quarter, from the prefetched `quarters`."""

    def __init__(self, quarter: int, **kwargs) -> None:
        self.quarter = quarter
        super().__init__(quarter_label(quarter), accessor="code", empty_values=(), places_from="decimals", **kwargs)

    def render(self, record: PPIndicator) -> str:  # type: ignore[override]
        row = _quarter_value(record, self.quarter)
        return super().render(row.value, record) if row and row.value is not None else "—"


class YearEndEstimateColumn(NumberColumn):
    """The latest year-end estimate the unit gave."""

    def render(self, record: PPIndicator) -> str:  # type: ignore[override]
        estimates = [q.year_end_estimate for q in getattr(record, "quarters", []) if q.year_end_estimate is not None]
        return super().render(estimates[-1], record) if estimates else "—"


class PPIndicatorTable(tables.Table):
    """One sub-programme's indicators in the Form-3 layout, with the engine's stored results."""

    seq = tables.Column(_("Sıra"))
    name = tables.Column(_("Performans göstergesi"))
    unit_of_measure = tables.Column(_("Ölçü birimi"))
    prev_value = NumberColumn(_("Önceki dönem"), places_from="decimals")
    target_value = NumberColumn(_("Hedeflenen değer"), places_from="decimals")
    year_end_estimate = YearEndEstimateColumn(
        _("Yıl sonu tahmini"), accessor="code", empty_values=(), places_from="decimals"
    )
    q1 = QuarterColumn(1)
    q2 = QuarterColumn(2)
    q3 = QuarterColumn(3)
    q4 = QuarterColumn(4)
    year_end_value = NumberColumn(_("Yıl sonu değeri"), accessor="result__year_end_value", places_from="decimals")
    realization_rate = PercentColumn(_("Gerçekleşme oranı"), accessor="result__realization_rate")
    status = tables.TemplateColumn(
        template_name="indicators/status_badge.html", verbose_name=_("Gerçekleşme durumu"), accessor="result__status"
    )
    responsible_unit = tables.Column(_("Sorumlu birim"), accessor="responsible_unit__name")

    class Meta:
        orderable = False
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_prev_value(self, value, record: PPIndicator) -> str:
        text = self.columns["prev_value"].column.render(value)
        return f"{text} ({record.prev_year})" if record.prev_year else text
