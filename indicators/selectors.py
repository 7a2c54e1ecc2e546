"""Reads of performance-programme indicators and their quarterly values."""

from django.db.models import Prefetch, QuerySet

from accounts.models import Administration
from indicators.models import PPIndicator, QuarterlyValue


def pp_indicators_for_year(*, administration: Administration, year: int) -> QuerySet[PPIndicator]:
    """Return the year's indicators in Form-3 order with their stored result and `quarters`."""
    return (
        PPIndicator.objects.filter(performance_program__administration=administration, performance_program__year=year)
        .select_related("sub_program__program", "goal", "responsible_unit", "result")
        .prefetch_related(
            Prefetch("quarterly_values", queryset=QuarterlyValue.objects.order_by("quarter"), to_attr="quarters")
        )
        .order_by("sub_program__program__seq", "sub_program__seq", "seq", "code")
    )
