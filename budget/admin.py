from django.contrib import admin

from budget.models import BudgetAggregate, BudgetLine, BudgetSpending, BudgetTransfer, EconomicCode


@admin.register(EconomicCode)
class EconomicCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "parent")
    search_fields = ("code", "name")


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
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
    # Eklenen, düşülen and harcama are derived from the transfers and monthly spending; the KBÖ is
    # changed on the budget pages so that the rules, the version lock and the audit apply.
    readonly_fields = ("initial_appropriation", "additions", "deductions", "spending", "version")


@admin.register(BudgetAggregate)
class BudgetAggregateAdmin(admin.ModelAdmin):
    list_display = ("year", "level", "key", "initial_appropriation", "spending", "realization_pct", "computed_at")
    list_filter = ("year", "level")
    search_fields = ("key",)


class _ReadOnly(admin.ModelAdmin):
    """Transfers and spending are entered on the budget pages (services check the rules and audit)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BudgetTransfer)
class BudgetTransferAdmin(_ReadOnly):
    list_display = ("date", "kind", "amount", "from_line", "to_line", "entered_by", "imported")
    list_filter = ("year", "kind", "imported")
    list_select_related = (
        "from_line__economic_code", "from_line__activity", "from_line__unit",
        "to_line__economic_code", "to_line__activity", "to_line__unit", "entered_by",
    )  # fmt: skip


@admin.register(BudgetSpending)
class BudgetSpendingAdmin(_ReadOnly):
    list_display = ("line", "month", "amount", "entered_by", "imported")
    list_filter = ("month", "imported")
    list_select_related = ("line__economic_code", "line__activity", "line__unit", "entered_by")
