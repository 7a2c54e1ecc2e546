"""Reads of the strategic plan and the performance-programme structure."""

from django.db.models import Count, Prefetch, QuerySet

from accounts.models import Administration
from plans.models import PerformanceProgram, SPIndicator, SPIndicatorYear, StrategicPlan


def plan_years(*, administration: Administration) -> list[int]:
    """Return every year with a performance programme or inside a strategic plan, newest first."""
    years = set(PerformanceProgram.objects.filter(administration=administration).values_list("year", flat=True))
    for start, end in StrategicPlan.objects.filter(administration=administration).values_list("start_year", "end_year"):
        years.update(range(start, end + 1))
    return sorted(years, reverse=True)


def latest_programme_year(*, administration: Administration) -> int | None:
    """Return the newest year that has a performance programme."""
    return (
        PerformanceProgram.objects.filter(administration=administration)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )


def strategic_plan_for_year(*, administration: Administration, year: int) -> StrategicPlan | None:
    """Return the strategic plan whose period covers the year, if any."""
    return (
        StrategicPlan.objects.filter(administration=administration, start_year__lte=year, end_year__gte=year)
        .order_by("-start_year")
        .first()
    )


def sp_indicators_for_year(*, plan: StrategicPlan, year: int) -> QuerySet[SPIndicator]:
    """Return the plan's SP indicators in aim/target order, each with `year_rows` for the year.

    `pp_link_count` tells whether C is derived from linked PP indicators rather than entered.
    """
    return (
        SPIndicator.objects.filter(target__aim__plan=plan)
        .annotate(pp_link_count=Count("pp_indicators"))
        .select_related("target__aim", "target__responsible_unit", "responsible_unit")
        .prefetch_related(Prefetch("years", queryset=SPIndicatorYear.objects.filter(year=year), to_attr="year_rows"))
        .order_by("target__aim__code", "target__code", "code")
    )
