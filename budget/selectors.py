"""Reads of the budget app."""

from budget.models import BudgetLine


def budget_years(*, administration_id: int, year: int | None = None) -> list[int]:
    """Return the years with budget lines, oldest first; with `year`, only it and the next one.

    A year's aggregates hold the following year's change of KBÖ, so a change to a year's lines
    concerns the next year's aggregates too.
    """
    years = sorted(set(BudgetLine.objects.filter(administration_id=administration_id).values_list("year", flat=True)))
    return years if year is None else [y for y in years if y in (year, year + 1)]
