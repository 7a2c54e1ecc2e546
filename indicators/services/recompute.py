"""The realization engine's writes: compute and store results in a bounded number of statements.

Reads are grouped in SQL (one row per indicator, its four quarters pivoted into columns), the rules
are applied by the pure functions of indicators.calculations, and each kind of result is written
with one set-based upsert. The number of statements does not depend on the number of indicators
or values.
"""

import functools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils import timezone

from core.db import bulk_upsert
from indicators.calculations import (
    IndicatorOutcome,
    QuarterFigures,
    outcomes_by_quarter,
    sp_actual,
    sp_performance,
    target_performance,
)
from indicators.models import QUARTER_ESTIMATE, QUARTER_TREND_VALUE, PPIndicator, PPIndicatorResult, RecomputeRun
from plans.models import SPIndicator, SPIndicatorResult, SPIndicatorYear, TargetResult

QUARTER_FIELDS = ("value", "numerator", "denominator", "year_end_estimate")
VALUE_PLACES = Decimal("0.0001")
PERCENT_PLACES = Decimal("0.000001")
PP_FIELDS = (
    "year_end_value",
    "realization_rate",
    "status",
    "year_end_estimate",
    "projected_status",
    "trend_projection",
    "projected_status_trend",
    "quarters",
)
SP_FIELDS = ("actual_value", "performance_raw", "performance")
TARGET_FIELDS = ("performance", "weight_total", "weight_used")


def _q(value: Decimal | None, places: Decimal) -> Decimal | None:
    """Round a computed figure to what its column keeps, so stored and fresh results compare equal."""
    return None if value is None else value.quantize(places)


@dataclass
class _Scope:
    administration_id: int
    years: list[int] | None
    unit_id: int | None


@dataclass
class _Results:
    pp: list[dict[str, Any]] = field(default_factory=list)
    sp: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    labels: dict[tuple[str, int], str] = field(default_factory=dict)


@transaction.atomic
def results_recompute(
    *,
    administration_id: int,
    years: Sequence[int] | None = None,
    unit_id: int | None = None,
    kind: str = RecomputeRun.Kind.MANUAL,
    check: bool = False,
) -> RecomputeRun:
    """Recompute and store every result of the administration's years (all when None).

    With `unit_id`, only that unit's PP indicators and the SP indicators and targets they feed.
    With `check`, first compare the stored results with the fresh ones and record every difference
    in the run (the nightly consistency check). Idempotent: running it twice writes the same rows.
    """
    started = timezone.now()
    _lock(administration_id)
    scope = _Scope(administration_id, list(years) if years is not None else None, unit_id)
    results = _Results()

    pp_rows = _pp_rows(scope)
    differences = _pp_results_store(pp_rows, started, results, check=check)

    monitored_years = scope.years or sorted({row["performance_program__year"] for row in pp_rows})
    affected_sp = None if unit_id is None else {row["sp_indicator_id"] for row in pp_rows if row["sp_indicator_id"]}
    _sp_and_target_results(scope, monitored_years, affected_sp, started, results)
    if check:
        differences += _sp_and_target_differences(results, monitored_years)
    bulk_upsert(
        SPIndicatorResult,
        results.sp,
        unique_fields=["indicator", "year"],
        update_fields=SP_FIELDS,
        touch_fields=["computed_at"],
    )
    bulk_upsert(
        TargetResult,
        results.targets,
        unique_fields=["target", "year"],
        update_fields=TARGET_FIELDS,
        touch_fields=["computed_at"],
    )

    return RecomputeRun.objects.create(
        administration_id=administration_id,
        kind=kind,
        years=list(monitored_years),
        unit_id=unit_id,
        started_at=started,
        finished_at=timezone.now(),
        indicators=len(results.pp),
        sp_indicators=len(results.sp),
        targets=len(results.targets),
        differences=differences,
    )


def _pp_results_store(
    pp_rows: list[dict[str, Any]], now: datetime, results: _Results, *, check: bool
) -> list[dict[str, Any]]:
    """Compute and store the PP indicators' results; with `check`, first return how the stored ones differ."""
    results.pp = [_pp_result(row, now) for row in pp_rows]
    results.labels.update({("pp", row["id"]): f"{row['performance_program__year']} {row['code']}" for row in pp_rows})
    differences: list[dict[str, Any]] = []
    if check:
        stored = PPIndicatorResult.objects.filter(indicator_id__in=[r["indicator_id"] for r in results.pp])
        differences = _differences("pp", "indicator_id", stored.values("indicator_id", *PP_FIELDS), results.pp, results)
    bulk_upsert(
        PPIndicatorResult,
        results.pp,
        unique_fields=["indicator"],
        update_fields=PP_FIELDS,
        touch_fields=["computed_at"],
    )
    return differences


def _sp_and_target_differences(results: _Results, years: Sequence[int]) -> list[dict[str, Any]]:
    """Return how the stored SP indicator and target results of the years differ from the fresh ones."""
    stored_sp = SPIndicatorResult.objects.filter(
        indicator_id__in={r["indicator_id"] for r in results.sp}, year__in=years
    )
    stored_targets = TargetResult.objects.filter(
        target_id__in={r["target_id"] for r in results.targets}, year__in=years
    )
    return _differences(
        "sp", ("indicator_id", "year"), stored_sp.values("indicator_id", "year", *SP_FIELDS), results.sp, results
    ) + _differences(
        "target",
        ("target_id", "year"),
        stored_targets.values("target_id", "year", *TARGET_FIELDS),
        results.targets,
        results,
    )


def _lock(administration_id: int) -> None:
    """Serialise recomputes of one administration: concurrent runs wait rather than interleave."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [731_000, administration_id])


def _pp_rows(scope: _Scope) -> list[Any]:
    """Return one row per PP indicator in scope with its four quarters pivoted into columns."""
    indicators = PPIndicator.objects.filter(performance_program__administration_id=scope.administration_id)
    if scope.years is not None:
        indicators = indicators.filter(performance_program__year__in=scope.years)
    if scope.unit_id is not None:
        indicators = indicators.filter(responsible_unit_id=scope.unit_id)
    pivot = {
        f"{name}_{quarter}": Max(f"quarterly_values__{name}", filter=Q(quarterly_values__quarter=quarter))
        for quarter in (1, 2, 3, 4)
        for name in QUARTER_FIELDS
    }
    return list(
        indicators.values(
            "id", "code", "aggregation", "direction", "target_value", "sp_indicator_id", "performance_program__year"
        )
        .annotate(**pivot)
        .order_by()
    )


# The pivoted column names of each quarter, in QuarterFigures' order.
QUARTER_COLUMNS = [(quarter, [f"{name}_{quarter}" for name in QUARTER_FIELDS]) for quarter in (1, 2, 3, 4)]


def _pp_result(row: dict[str, Any], now: datetime) -> dict[str, Any]:
    quarters = [QuarterFigures(quarter, *[row[column] for column in columns]) for quarter, columns in QUARTER_COLUMNS]
    by_quarter = outcomes_by_quarter(
        method=row["aggregation"], direction=row["direction"], target=row["target_value"], quarters=quarters
    )
    outcome = by_quarter[4]
    return {
        "indicator_id": row["id"],
        "year_end_value": _q(outcome.year_end_value, VALUE_PLACES),
        "realization_rate": _q(outcome.realization.rate, PERCENT_PLACES),
        "status": outcome.realization.status.value,
        "year_end_estimate": _q(outcome.year_end_estimate, VALUE_PLACES),
        "projected_status": outcome.projected_status.value,
        "trend_projection": _q(outcome.trend_projection, VALUE_PLACES),
        "projected_status_trend": outcome.projected_status_trend.value,
        "quarters": {f"q{quarter}": _as_of(then) for quarter, then in by_quarter.items()},
        "computed_at": now,
    }


def _as_of(then: IndicatorOutcome) -> Mapping[str, str | None]:
    """What stood at the end of one quarter: the statuses, and the estimate and trend projection behind them.

    The figures are kept as text (JSON has no decimal); a quarter with neither shares one dict.
    """
    view = _quarter_view(then.realization.status.value, then.projected_status.value, then.projected_status_trend.value)
    estimate, trend = _q(then.year_end_estimate, VALUE_PLACES), _q(then.trend_projection, VALUE_PLACES)
    if estimate is None and trend is None:
        return view
    return {
        **view,
        QUARTER_ESTIMATE: str(estimate) if estimate is not None else None,
        QUARTER_TREND_VALUE: str(trend) if trend is not None else None,
    }


@functools.cache
def _quarter_view(status: str, projected: str, trend: str) -> dict[str, str]:
    """One shared (never mutated) dict per combination: a full recompute holds 250.000 rows of them."""
    return {"status": status, "projected": projected, "trend": trend}


def _sp_and_target_results(
    scope: _Scope, years: Sequence[int], affected_sp: set[int] | None, now: datetime, results: _Results
) -> None:
    """Compute C and P of the SP indicators in scope, and their targets' weighted performance."""
    sp_rows = _sp_rows(scope, affected_sp)
    if not sp_rows:
        return
    ids = [row["id"] for row in sp_rows]
    yearly: dict[tuple[int, int], Any] = {
        (row["indicator_id"], row["year"]): row
        for row in SPIndicatorYear.objects.filter(indicator_id__in=ids, year__in=years).values(
            "indicator_id", "year", "target_value", "actual_value"
        )
    }
    linked = _linked_year_end_values(ids)

    by_target: dict[tuple[int, int], list[tuple[Decimal, Decimal | None]]] = defaultdict(list)
    for row in sp_rows:
        plan_start, plan_end = row["target__aim__plan__start_year"], row["target__aim__plan__end_year"]
        results.labels[("target", row["target_id"])] = row["target__code"]
        results.labels[("sp", row["id"])] = row["code"]
        for year in years:
            if not plan_start <= year <= plan_end:
                continue
            if row["retired_from_year"] is not None and year >= row["retired_from_year"]:
                continue  # retired from this year on (plans.services.strategic.sp_indicator_retire)
            entered: dict[str, Any] = yearly.get((row["id"], year)) or {}
            actual = entered.get("actual_value")
            if actual is None and row["id"] in linked:
                actual = sp_actual(
                    baseline=row["baseline"],
                    cumulative=row["is_cumulative"],
                    yearly_values=[(y, v) for y, v in linked[row["id"]].items() if y >= plan_start],
                    year=year,
                )
            performance = sp_performance(baseline=row["baseline"], target=entered.get("target_value"), actual=actual)
            results.sp.append(
                {
                    "indicator_id": row["id"],
                    "year": year,
                    "actual_value": _q(actual, VALUE_PLACES),
                    "performance_raw": _q(performance.raw, PERCENT_PLACES),
                    "performance": _q(performance.clamped, PERCENT_PLACES),
                    "computed_at": now,
                }
            )
            by_target[(row["target_id"], year)].append((row["weight"], performance.clamped))
    results.targets.extend(_target_rows(by_target, now))


def _sp_rows(scope: _Scope, affected_sp: set[int] | None) -> list[Any]:
    """Return the SP indicators in scope (every indicator of an affected target) as rows, one query."""
    indicators = SPIndicator.objects.filter(target__aim__plan__administration_id=scope.administration_id)
    if affected_sp is not None:
        # Every indicator of an affected target: the target's performance needs all of them.
        indicators = indicators.filter(target__indicators__id__in=affected_sp).distinct()
    return list(
        indicators.values(
            "id",
            "code",
            "target_id",
            "target__code",
            "weight",
            "baseline",
            "is_cumulative",
            "target__aim__plan__start_year",
            "target__aim__plan__end_year",
            "retired_from_year",
        ).order_by()
    )


def _linked_year_end_values(sp_ids: list[int]) -> dict[int, dict[int, Decimal | None]]:
    """Return {SP indicator id: {year: the year-end value of the PP indicators feeding it}} (one query)."""
    linked: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
    for link in PPIndicatorResult.objects.filter(indicator__sp_indicator_id__in=sp_ids).values(
        "indicator__sp_indicator_id", "indicator__performance_program__year", "year_end_value"
    ):
        per_year = linked[link["indicator__sp_indicator_id"]]
        year, value = link["indicator__performance_program__year"], link["year_end_value"]
        # Two PP indicators feeding one SP indicator in the same year add up.
        previous = per_year.get(year)
        per_year[year] = value if previous is None else previous + (value or Decimal(0))
    return linked


def _target_rows(
    by_target: dict[tuple[int, int], list[tuple[Decimal, Decimal | None]]], now: datetime
) -> list[dict[str, Any]]:
    """Return each target-year's weighted performance over its indicators' (weight, P) pairs."""
    rows = []
    for (target_id, year), weighted in by_target.items():
        outcome = target_performance(weighted)
        rows.append(
            {
                "target_id": target_id,
                "year": year,
                "performance": _q(outcome.performance, PERCENT_PLACES),
                "weight_total": outcome.weight_total,
                "weight_used": outcome.weight_used,
                "computed_at": now,
            }
        )
    return rows


def _differences(
    kind: str, key: str | tuple[str, ...], stored_rows, fresh_rows: list[dict[str, Any]], results: _Results
) -> list[dict[str, Any]]:
    """Return the stored results that differ from the fresh ones (missing ones included)."""
    keys = (key,) if isinstance(key, str) else key
    stored = {tuple(row[k] for k in keys): row for row in stored_rows}
    found = []
    for fresh in fresh_rows:
        row_key = tuple(fresh[k] for k in keys)
        old = stored.get(row_key)
        label = results.labels.get((kind, row_key[0]), str(row_key[0]))
        if len(row_key) > 1:
            label = f"{row_key[1]} {label}"
        for name, value in fresh.items():
            if name in keys or name == "computed_at":
                continue
            previous = None if old is None else old[name]
            if old is None or previous != value:
                found.append(
                    {
                        "kind": kind,
                        "row": label,
                        "field": name,
                        "stored": None if previous is None else str(previous),
                        "fresh": None if value is None else str(value),
                    }
                )
    return found
