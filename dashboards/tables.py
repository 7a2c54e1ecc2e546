"""The dashboards' indicator table: sortable, paginated, downloadable with numeric cells."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.db import turkish_order
from core.tables import NumberColumn, PercentColumn
from indicators.models import PPIndicator


class PPIndicatorResultTable(tables.Table):
    code = tables.Column(_("Kod"))
    name = tables.LinkColumn("dashboards:indicator", args=[tables.A("pk")], verbose_name=_("Performans göstergesi"))
    sub_program = tables.Column(_("Alt program"), accessor="sub_program__name")
    responsible_unit = tables.Column(_("Sorumlu birim"), accessor="responsible_unit__name")
    target_value = NumberColumn(_("Hedeflenen değer"), places_from="decimals")
    year_end_value = NumberColumn(_("Yıl sonu değeri"), accessor="result__year_end_value", places_from="decimals")
    realization_rate = PercentColumn(_("Gerçekleşme oranı"), accessor="result__realization_rate")
    status = tables.Column(_("Gerçekleşme durumu"), accessor="result__status")
    projected_status = tables.Column(_("Öngörülen (tahmin)"), accessor="result__projected_status")

    class Meta:
        model = PPIndicator
        fields = ()
        sequence = (
            "code", "name", "sub_program", "responsible_unit", "target_value", "year_end_value",
            "realization_rate", "status", "projected_status",
        )  # fmt: skip
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = ("code",)

    # Names sort in Turkish alphabetical order (Ç after C, I before İ), not by code point.
    def order_name(self, queryset, is_descending: bool):
        return queryset.order_by(turkish_order("name", descending=is_descending)), True

    def order_sub_program(self, queryset, is_descending: bool):
        return queryset.order_by(turkish_order("sub_program__name", descending=is_descending)), True

    def order_responsible_unit(self, queryset, is_descending: bool):
        return queryset.order_by(turkish_order("responsible_unit__name", descending=is_descending)), True

    def render_status(self, record: PPIndicator) -> str:
        return str(record.result.get_status_display()) if hasattr(record, "result") else ""

    def value_status(self, record: PPIndicator) -> str:
        return self.render_status(record)

    def render_projected_status(self, record: PPIndicator) -> str:
        return str(record.result.get_projected_status_display()) if hasattr(record, "result") else ""

    def value_projected_status(self, record: PPIndicator) -> str:
        return self.render_projected_status(record)
