"""Reads of performance-programme indicators and their quarterly values."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Max, Prefetch, QuerySet

from accounts.models import Administration, Unit
from indicators.checks import EntryHistory, entry_history
from indicators.models import PPIndicator, QuarterlyValue, RecomputeRun


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


@dataclass(frozen=True)
class Scope:
    """One administration's year, one unit's slice: what an on-change recompute covers."""

    administration_id: int
    year: int
    unit_id: int


def stale_scopes(*, margin: timedelta) -> list[Scope]:
    """Return every unit-year with an indicator or value changed after the last run that covered it.

    A run covers a unit-year if it recomputed that year for that unit or for every unit. A change
    less than `margin` before a run started counts as not covered, for a save whose transaction was
    still open when the run read (two queries).
    """
    changes = (
        PPIndicator.objects.values(
            "performance_program__administration_id", "performance_program__year", "responsible_unit_id"
        )
        .annotate(indicator_changed=Max("updated_at"), value_changed=Max("quarterly_values__updated_at"))
        .order_by()
    )
    last_change: dict[Scope, datetime] = {}
    for row in changes:
        scope = Scope(
            row["performance_program__administration_id"],
            row["performance_program__year"],
            row["responsible_unit_id"],
        )
        last_change[scope] = max(d for d in (row["indicator_changed"], row["value_changed"]) if d is not None)
    if not last_change:
        return []
    covered: dict[Scope, datetime] = {}
    runs = RecomputeRun.objects.filter(started_at__gte=min(last_change.values()) - margin).values(
        "administration_id", "unit_id", "years", "started_at"
    )
    for run in runs:
        for scope in last_change:
            if (
                scope.administration_id == run["administration_id"]
                and scope.year in run["years"]
                and run["unit_id"] in (None, scope.unit_id)
                and (scope not in covered or run["started_at"] > covered[scope])
            ):
                covered[scope] = run["started_at"]
    return sorted(
        (scope for scope, changed in last_change.items() if scope not in covered or changed > covered[scope] - margin),
        key=lambda s: (s.administration_id, s.year, s.unit_id),
    )


def last_year_quarters(*, administration_id: int, year: int, codes) -> dict[str, dict[int, Decimal | None]]:
    """Return {indicator code: {quarter: value}} of the previous year's indicators with these codes (one query).

    An indicator keeps its code from one year's programme to the next, so the code finds last year's.
    """
    found: dict[str, dict[int, Decimal | None]] = {}
    for code, quarter, value in QuarterlyValue.objects.filter(
        indicator__performance_program__administration_id=administration_id,
        indicator__performance_program__year=year - 1,
        indicator__code__in=list(codes),
    ).values_list("indicator__code", "quarter", "value"):
        found.setdefault(code, {})[quarter] = value
    return found


def entry_histories(*, indicators, quarter: int, administration_id: int, year: int) -> dict[int, EntryHistory]:
    """Return {indicator id: what its `quarter` is compared with}, for indicators with prefetched `quarters`.

    One query (last year's values) whatever the number of indicators.
    """
    indicators = list(indicators)
    last_year = last_year_quarters(administration_id=administration_id, year=year, codes={i.code for i in indicators})
    return {
        i.pk: entry_history(
            quarter=quarter,
            this_year={q.quarter: q.value for q in getattr(i, "quarters", [])},
            last_year=last_year.get(i.code, {}),
        )
        for i in indicators
    }
