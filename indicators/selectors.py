"""Reads of performance-programme indicators and their quarterly values."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import CharField, F, Max, Prefetch, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast

from accounts.models import Administration, Unit
from indicators.checks import EntryHistory, entry_history
from indicators.models import PPIndicator, QuarterlyValue, RecomputeRun
from plans.choices import Status

# The quarter view's rule, in one place. At the end of Q4 the year's actual status counts; before
# it, per the in-year rule, the status projected from the unit's latest year-end estimate (and, as a
# second opinion, from the trend), as they stood at the end of the chosen quarter.
ACTUAL, PROJECTED, TREND = "status", "projected", "trend"


def headline_opinion(quarter: int) -> str:
    return ACTUAL if quarter == 4 else PROJECTED


def stored_status(quarter: int, opinion: str):
    """Return the expression of the stored status a quarter view reads (for filters and counts).

    The key's text is cast to a plain string: compared as a JSON key, SQLite would read the status
    itself as JSON ("malformed JSON") where PostgreSQL compares text; cast, both compare text.
    """
    if quarter == 4 and opinion == ACTUAL:
        return F("result__status")
    return Cast(KeyTextTransform(opinion, KeyTransform(f"q{quarter}", "result__quarters")), CharField())


def at_risk_condition(quarter: int) -> Q:
    """Projected below 80 at the end of the quarter, by the unit's estimate or by the trend."""
    if quarter == 4:
        return Q(result__projected_status=Status.NOT_REACHED) | Q(result__projected_status_trend=Status.NOT_REACHED)
    return Q(**{f"result__quarters__q{quarter}__{PROJECTED}": Status.NOT_REACHED.value}) | Q(
        **{f"result__quarters__q{quarter}__{TREND}": Status.NOT_REACHED.value}
    )


def default_quarter(*, year: int, today: date) -> int:
    """The quarter a year's overview opens on: Q4 for a past year, else the latest quarter that has ended."""
    if year < today.year:
        return 4
    if year > today.year:
        return 1
    return max(1, (today.month - 1) // 3)


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
