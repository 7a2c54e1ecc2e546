"""The budget's report tables (Tablo 7–13) and the list of lines: sortable, downloadable with numbers."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from budget.models import BudgetAggregate, BudgetLine
from core.tables import MoneyColumn, PercentColumn

ATTRS = {"class": "table table-sm table-hover align-middle"}


class _AggregateTable(tables.Table):
    """Rows are stored aggregates; `names` maps a key (code) to the name printed beside it."""

    key = tables.Column(_("Kod / ad"))

    def __init__(self, *args, names: dict[str, str] | None = None, **kwargs) -> None:
        self.names = names or {}
        super().__init__(*args, **kwargs)

    def render_key(self, value: str) -> str:
        name = self.names.get(value)
        return f"{value} {name}" if name else value.split(" › ")[-1]

    def value_key(self, value: str) -> str:
        name = self.names.get(value)
        return f"{value} {name}" if name else value


class ComparisonTable(_AggregateTable):
    """Tablo 7/13: two years' KBÖ by economic code and the change."""

    previous_initial = MoneyColumn(_("Önceki yıl KBÖ"))
    initial_appropriation = MoneyColumn(_("KBÖ"))
    initial_change_pct = PercentColumn(_("Artış %"))

    class Meta:
        model = BudgetAggregate
        fields = ()
        sequence = ("key", "previous_initial", "initial_appropriation", "initial_change_pct")
        attrs = ATTRS
        order_by = ("key",)


class DistributionTable(_AggregateTable):
    """Tablo 8/12: each economic code's KBÖ and its share."""

    initial_appropriation = MoneyColumn(_("KBÖ"))
    share_of_initial_pct = PercentColumn(_("Pay %"))

    class Meta:
        model = BudgetAggregate
        fields = ()
        sequence = ("key", "initial_appropriation", "share_of_initial_pct")
        attrs = ATTRS
        order_by = ("key",)


class ExecutionTable(_AggregateTable):
    """Tablo 9 (and 10, 11 with the level's keys): KBÖ, transfers, total, spending, remaining, %."""

    initial_appropriation = MoneyColumn(_("KBÖ"))
    additions = MoneyColumn(_("Eklenen"))
    deductions = MoneyColumn(_("Düşülen"))
    total_appropriation = MoneyColumn(_("Toplam ödenek"))
    spending = MoneyColumn(_("Harcama"))
    remaining_amount = MoneyColumn(_("Kalan"))
    realization_pct = PercentColumn(_("Gerçekleşme % (harcama / toplam)"))
    spent_to_initial_pct = PercentColumn(_("Harcama / KBÖ %"))

    class Meta:
        model = BudgetAggregate
        fields = ()
        sequence: tuple[str, ...] = (
            "key", "initial_appropriation", "additions", "deductions", "total_appropriation", "spending",
            "remaining_amount", "realization_pct", "spent_to_initial_pct",
        )  # fmt: skip
        attrs = {**ATTRS, "id": "execution-table"}
        order_by = ("key",)


class UnitExecutionTable(ExecutionTable):
    """Tablo 11: the spending units, sorted by the administration's own order of its units, then the code."""

    key = tables.Column(_("Kod / ad"), order_by=("unit_seq", "key"))


class ProgramExecutionTable(ExecutionTable):
    """Tablo 10: programme, sub-programme and activity rows, indented by level."""

    level = tables.Column(_("Düzey"))

    class Meta(ExecutionTable.Meta):
        sequence: tuple[str, ...] = ("level", *ExecutionTable.Meta.sequence)
        order_by = ("key",)

    def render_level(self, record: BudgetAggregate) -> str:
        return str(record.get_level_display())

    def value_level(self, record: BudgetAggregate) -> str:
        return self.render_level(record)

    def render_key(self, value: str) -> str:
        # Activities are indented under their sub-programme, sub-programmes under their programme.
        depth = value.count(" › ")
        return "\u2003" * depth + value.split(" › ")[-1]


class BudgetLineTable(tables.Table):
    """A year's budget lines, for financial services to open and change."""

    economic_code = tables.Column(_("Ekonomik kod"), accessor="economic_code__code")
    activity = tables.Column(_("Faaliyet"), accessor="activity__name", default="—")
    unit = tables.Column(_("Harcama birimi"), accessor="unit__name", default="—")
    initial_appropriation = MoneyColumn(_("KBÖ"))
    additions = MoneyColumn(_("Eklenen"))
    deductions = MoneyColumn(_("Düşülen"))
    total_appropriation = MoneyColumn(_("Toplam ödenek"))
    spending = MoneyColumn(_("Harcama"))
    open = tables.LinkColumn(
        "budget:line", args=[tables.A("pk")], text=_("Aç"), verbose_name="", orderable=False, exclude_from_export=True
    )

    class Meta:
        model = BudgetLine
        fields = ()
        sequence = (
            "economic_code", "activity", "unit", "initial_appropriation", "additions", "deductions",
            "total_appropriation", "spending", "open",
        )  # fmt: skip
        attrs = ATTRS
        order_by = ("economic_code",)
