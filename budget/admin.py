"""The budget in the Django admin: read-only, the national economic classification included (issue 14).

Lines, transfers and spending change on the budget pages (services check the rules, the version,
the closed year and audit); aggregates are computed.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from budget.models import BudgetAggregate, BudgetLine, BudgetSpending, BudgetTransfer, EconomicCode
from core.admin_policy import NOTE_COMPUTED, ReadOnlyAdmin


@admin.register(EconomicCode)
class EconomicCodeAdmin(ReadOnlyAdmin):
    """The national classification is read-only: it ships with the application (budget.catalogue)."""

    read_only_note = gettext_lazy(
        "Ulusal ekonomik sınıflandırma: uygulamayla birlikte gelir, hiçbir idare ekleyemez ya da değiştiremez."
    )
    list_display = ("code", "name", "parent")
    search_fields = ("code", "name")


@admin.register(BudgetLine)
class BudgetLineAdmin(ReadOnlyAdmin):
    list_display = (
        "year",
        "economic_code",
        "activity",
        "unit",
        "initial_appropriation",
        "additions",
        "deductions",
        "spending",
    )
    list_filter = ("year", "economic_code")
    search_fields = ("activity__name", "unit__name", "unit__code")
    list_select_related = ("economic_code", "activity", "unit")


@admin.register(BudgetAggregate)
class BudgetAggregateAdmin(ReadOnlyAdmin):
    read_only_note = NOTE_COMPUTED
    list_display = ("year", "level", "key", "initial_appropriation", "spending", "realization_pct", "computed_at")
    list_filter = ("year", "level")
    search_fields = ("key",)


@admin.register(BudgetTransfer)
class BudgetTransferAdmin(ReadOnlyAdmin):
    list_display = ("date", "kind", "amount", "from_line", "to_line", "entered_by", "imported")
    list_filter = ("year", "kind", "imported")
    list_select_related = (
        "from_line__economic_code", "from_line__activity", "from_line__unit",
        "to_line__economic_code", "to_line__activity", "to_line__unit", "entered_by",
    )  # fmt: skip


@admin.register(BudgetSpending)
class BudgetSpendingAdmin(ReadOnlyAdmin):
    list_display = ("line", "month", "amount", "entered_by", "imported")
    list_filter = ("month", "imported")
    list_select_related = ("line__economic_code", "line__activity", "line__unit", "entered_by")
