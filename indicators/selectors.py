"""Reads of performance-programme indicators and their quarterly values."""

from django.db.models import Prefetch, QuerySet

from accounts.models import Administration, Unit
from indicators.models import PPIndicator, QuarterlyValue


def pp_indicators_for_year(
    *, administration: Administration, year: int, units: QuerySet[Unit] | None = None
) -> QuerySet[PPIndicator]:
    """Return the year's indicators in Form-3 order with their stored result and `quarters`.

    With `units`, only the indicators those units are responsible for (what a unit user may see).
    """
    indicators = PPIndicator.objects.filter(
        performance_program__administration=administration, performance_program__year=year
    )
    if units is not None:
        indicators = indicators.filter(responsible_unit__in=units)
    return (
        indicators.select_related("sub_program__program", "goal", "responsible_unit", "result")
        .prefetch_related(
            Prefetch("quarterly_values", queryset=QuarterlyValue.objects.order_by("quarter"), to_attr="quarters")
        )
        .order_by("sub_program__program__seq", "sub_program__seq", "seq", "code")
    )
