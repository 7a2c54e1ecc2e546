"""Reads for the printed-versus-computed audit: stored results laid out like the official tables."""

from decimal import Decimal

from django.utils import translation

from accounts.models import Administration
from budget.choices import PATH_SEPARATOR
from budget.models import BudgetAggregate
from indicators.models import PPIndicatorResult
from plans.choices import Status
from plans.models import SPIndicatorResult, TargetResult
from reports.builders.printed_audit import Difference, Key, compare, table_number
from reports.models import PrintedFigure

GRAND_TOTAL = "GENEL TOPLAM"
Figure = Decimal | str | None


def _status_label(value: str) -> str:
    with translation.override("tr"):
        return str(Status(value).label)


def computed_figures(*, administration: Administration, year: int) -> dict[Key, Figure]:
    """Return the stored results keyed like the printed tables (Tablo 7–13, 15, 16, 17)."""
    figures: dict[Key, Figure] = {}
    for result in PPIndicatorResult.objects.filter(
        indicator__performance_program__administration=administration, indicator__performance_program__year=year
    ).select_related("indicator"):
        code = result.indicator.code
        figures[("tablo15", code, "year_end_value")] = result.year_end_value
        figures[("tablo15", code, "realization_rate")] = result.realization_rate
        figures[("tablo15", code, "status")] = _status_label(result.status)
        figures[("tablo16", code, "target")] = result.indicator.target_value
        figures[("tablo16", code, "year_end_value")] = result.year_end_value
        figures[("tablo16", code, "status")] = _status_label(result.status)
    for sp in SPIndicatorResult.objects.filter(
        indicator__target__aim__plan__administration=administration, year=year
    ).select_related("indicator"):
        figures[("tablo17", sp.indicator.code, "actual")] = sp.actual_value
        figures[("tablo17", sp.indicator.code, "performance")] = sp.performance
    for target in TargetResult.objects.filter(
        target__aim__plan__administration=administration, year=year
    ).select_related("target"):
        figures[("tablo17", target.target.code, "target_performance")] = target.performance

    aggregates = {
        (a.year, a.level, a.key): a
        for a in BudgetAggregate.objects.filter(administration=administration, year__in=[year, year + 1])
    }
    for (agg_year, level, key), a in aggregates.items():
        if level not in (BudgetAggregate.Level.ECONOMIC, BudgetAggregate.Level.TOTAL):
            continue
        row = key if level == BudgetAggregate.Level.ECONOMIC else "TOTAL"
        if agg_year == year:
            figures[("tablo7", row, f"kbo_{year - 1}")] = a.previous_initial
            figures[("tablo7", row, f"kbo_{year}")] = a.initial_appropriation
            figures[("tablo7", row, "increase_pct")] = a.initial_change_pct
            figures[("tablo8", row, f"kbo_{year}")] = a.initial_appropriation
            figures[("tablo9", row, "kbo")] = a.initial_appropriation
            figures[("tablo9", row, "added")] = a.additions
            figures[("tablo9", row, "deducted")] = a.deductions
            figures[("tablo9", row, "total")] = a.total
            figures[("tablo9", row, "spent")] = a.spending
            figures[("tablo9", row, "remaining")] = a.remaining
            figures[("tablo9", row, "realization_pct")] = a.realization_pct
        else:
            figures[("tablo12", row, f"kbo_{year + 1}")] = a.initial_appropriation
            figures[("tablo13", row, f"kbo_{year}")] = a.previous_initial
            figures[("tablo13", row, f"kbo_{year + 1}")] = a.initial_appropriation
            figures[("tablo13", row, "increase_pct")] = a.initial_change_pct
    for (agg_year, level, key), a in aggregates.items():
        if agg_year != year:
            continue
        if level in (BudgetAggregate.Level.PROGRAM, BudgetAggregate.Level.SUB_PROGRAM, BudgetAggregate.Level.ACTIVITY):
            rows = [("tablo10", key.split(PATH_SEPARATOR)[-1])]
        elif level == BudgetAggregate.Level.UNIT:
            rows = [("tablo11", key)]
        elif level == BudgetAggregate.Level.TOTAL:
            rows = [("tablo10", GRAND_TOTAL), ("tablo11", GRAND_TOTAL)]
        else:
            continue
        for table, row in rows:
            figures[(table, row, "kbo")] = a.initial_appropriation
            figures[(table, row, "total")] = a.total
            figures[(table, row, "spent")] = a.spending
            figures[(table, row, "pct_of_kbo")] = a.spent_to_initial_pct
            figures[(table, row, "pct_of_total")] = a.realization_pct
    return figures


def has_printed_figures(*, administration: Administration, year: int) -> bool:
    """Return whether the figures of the year's printed report were loaded."""
    return PrintedFigure.objects.filter(administration=administration, year=year).exists()


def printed_differences(*, administration: Administration, year: int) -> list[Difference]:
    """Return every figure of the year's printed report that the rules do not reproduce."""
    printed = sorted(
        PrintedFigure.objects.filter(administration=administration, year=year),
        key=lambda p: (table_number(p.table), p.pk),
    )
    cells = [((p.table, p.row_key, p.column), p.value) for p in printed]
    return compare(cells, computed_figures(administration=administration, year=year))
