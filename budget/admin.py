from django.contrib import admin

from budget.models import BudgetAggregate, BudgetLine, EconomicCode


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


@admin.register(BudgetAggregate)
class BudgetAggregateAdmin(admin.ModelAdmin):
    list_display = ("year", "level", "key", "initial_appropriation", "spending", "realization_pct", "computed_at")
    list_filter = ("year", "level")
    search_fields = ("key",)
