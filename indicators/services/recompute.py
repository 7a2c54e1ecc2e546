"""The realization engine's writes: compute and store only the results whose inputs changed, in flat memory.

A recompute streams the PP indicators in scope through one cursor (server-side on PostgreSQL): one
row per indicator with the MD5 of everything its result is computed from (the rules' version, its
method, direction and target, its quarters' figures), compared in the same query with the digest
stored beside its result. Only the indicators whose digest differs are read in full (their four
quarters pivoted into columns, in chunks of CHUNK indicators), evaluated by the pure rules of
indicators.calculations and written with one bounded upsert per chunk; an unchanged indicator costs
its share of one grouped read and nothing else. The nightly check (`check=True`) evaluates every
indicator, compares it with the stored result while reading and writes only what differs. Memory
does not grow with the data: at most one chunk is held, in the process and in its PostgreSQL backend.
"""

import functools
import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from core.db import bulk_upsert
from indicators import calculations
from indicators.calculations import (
    IndicatorOutcome,
    QuarterFigures,
    outcomes_by_quarter,
    sp_actual,
    sp_performance,
    target_performance,
)
from indicators.models import (
    QUARTER_ESTIMATE,
    QUARTER_TREND_VALUE,
    PPIndicator,
    PPIndicatorResult,
    QuarterlyValue,
    RecomputeRun,
)
from plans.models import PerformanceProgram, SPIndicator, SPIndicatorResult, SPIndicatorYear, TargetResult

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
DIGEST_FIELD = "inputs_digest"
SP_FIELDS = ("actual_value", "performance_raw", "performance")
TARGET_FIELDS = ("performance", "weight_total", "weight_used")
# Indicators read, evaluated and written together: bounds the memory of the process and of its backend.
CHUNK = 5_000
# The version of the rules and of this engine: a change to either module's text changes every digest,
# so the next recompute evaluates every indicator again instead of reusing a result the old rules gave.
RULES_VERSION = hashlib.md5(  # a change marker, not a secret
    Path(calculations.__file__).read_bytes() + Path(__file__).read_bytes(), usedforsecurity=False
).hexdigest()


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
    sp: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    labels: dict[tuple[str, int], str] = field(default_factory=dict)
    sp_ids: list[int] = field(default_factory=list)  # the SP indicators in scope, due a result or not
    target_ids: set[int] = field(default_factory=set)


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

    differences = _pp_results_store(scope, started, check=check)
    in_scope = _pp_indicators(scope)
    per_year = dict(in_scope.values_list("performance_program__year").annotate(n=Count("id")).order_by())
    monitored_years = scope.years or sorted(per_year)
    affected_sp = None
    if unit_id is not None:
        affected_sp = set(in_scope.exclude(sp_indicator=None).values_list("sp_indicator_id", flat=True))
    _sp_and_target_results(scope, monitored_years, affected_sp, started, results)
    if check:
        differences += _sp_and_target_differences(results, monitored_years)
    _stale_results_delete(results, monitored_years)
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
        indicators=sum(per_year.values()),
        sp_indicators=len(results.sp),
        targets=len(results.targets),
        differences=differences,
    )


def _pp_results_store(scope: _Scope, now: datetime, *, check: bool) -> list[dict[str, Any]]:
    """Compute and store the results of the PP indicators whose inputs changed (all with `check`), chunk by chunk.

    With `check`, return how the stored results differed from the fresh ones.
    """
    sql, params = _digest_sql(scope, every=check)
    differences: list[dict[str, Any]] = []
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(CHUNK):
            differences += _pp_chunk_store(scope, dict(batch), now, check=check)
    return differences


def _pp_chunk_store(scope: _Scope, digests: dict[int, str], now: datetime, *, check: bool) -> list[dict[str, Any]]:
    """Evaluate one chunk of PP indicators ({id: inputs digest}) and write the results that changed."""
    rows = _pp_rows(scope, ids=list(digests))
    fresh = [{**_pp_result(row, now), DIGEST_FIELD: digests[row["id"]]} for row in rows]
    differences: list[dict[str, Any]] = []
    if check:
        labels = {("pp", row["id"]): f"{row['performance_program__year']} {row['code']}" for row in rows}
        stored = {
            row["indicator_id"]: row
            for row in PPIndicatorResult.objects.filter(indicator_id__in=digests).values(
                "indicator_id", *PP_FIELDS, DIGEST_FIELD
            )
        }
        differences = _differences("pp", "indicator_id", stored.values(), fresh, labels)
        fresh = [row for row in fresh if _differs(stored.get(row["indicator_id"]), row, (*PP_FIELDS, DIGEST_FIELD))]
    bulk_upsert(
        PPIndicatorResult,
        fresh,
        unique_fields=["indicator"],
        update_fields=(*PP_FIELDS, DIGEST_FIELD),
        touch_fields=["computed_at"],
        batch_size=CHUNK,
    )
    return differences


def _differs(stored: dict[str, Any] | None, fresh: dict[str, Any], fields: Sequence[str]) -> bool:
    return stored is None or any(stored[name] != fresh[name] for name in fields)


def _digest_sql(scope: _Scope, *, every: bool) -> tuple[str, list[Any]]:
    """The streamed read: (PP indicator id, digest of its inputs) in scope, only those whose stored digest differs.

    The digest is computed in the database from RULES_VERSION, the indicator's method, direction and
    target and its quarters' figures (each quarter with its number). On PostgreSQL: the 64-bit hashes
    of those rows (hash_record_extended, seeded by the rules' version, equal for equal numbers) combined
    by XOR, so the read costs about one GROUP BY; on the embedded SQLite the MD5 of their text.
    `every` returns every indicator in scope (the nightly check evaluates them all).
    """
    quote = connection.ops.quote_name
    indicators, programmes = quote(PPIndicator._meta.db_table), quote(PerformanceProgram._meta.db_table)
    values, results = quote(QuarterlyValue._meta.db_table), quote(PPIndicatorResult._meta.db_table)
    figures = ", ".join(f"q.{name}" for name in QUARTER_FIELDS)
    if connection.vendor == "postgresql":
        digest = (
            "CAST(hash_record_extended(ROW(i.aggregation, i.direction, i.target_value), %s) "
            f"# bit_xor(hash_record_extended(ROW(q.quarter, {figures}), %s)) AS TEXT)"
        )
        seed = int(hashlib.md5(RULES_VERSION.encode(), usedforsecurity=False).hexdigest()[:15], 16)
        params: list[Any] = [seed, seed]
    else:
        as_text = " || ':' || ".join(f"COALESCE(CAST({f} AS TEXT), '')" for f in ["q.quarter", *figures.split(", ")])
        digest = (
            "MD5(%s || '|' || i.aggregation || '|' || i.direction || '|' || COALESCE(CAST(i.target_value AS TEXT), '') "
            f"|| '|' || COALESCE(group_concat({as_text}, ';'), ''))"
        )
        params = [RULES_VERSION]
    conditions = ["p.administration_id = %s"]
    params.append(scope.administration_id)
    if scope.years is not None:
        conditions.append(f"p.year IN ({', '.join(['%s'] * len(scope.years))})")
        params += scope.years
    if scope.unit_id is not None:
        conditions.append("i.responsible_unit_id = %s")
        params.append(scope.unit_id)
    changed = "" if every else " WHERE r.indicator_id IS NULL OR r.inputs_digest <> d.digest"
    # Only table and column names from the models' metadata go into the text; values are parameters.
    sql = (
        f"SELECT d.id, d.digest FROM (SELECT i.id AS id, {digest} AS digest "  # noqa: S608 # nosec B608
        f"FROM {indicators} i JOIN {programmes} p ON p.id = i.performance_program_id "
        f"LEFT JOIN {values} q ON q.indicator_id = i.id WHERE {' AND '.join(conditions)} GROUP BY i.id) d "
        f"LEFT JOIN {results} r ON r.indicator_id = d.id{changed}"
    )
    return sql, params


def _sp_and_target_differences(results: _Results, years: Sequence[int]) -> list[dict[str, Any]]:
    """Return how the stored SP indicator and target results of the years differ from the fresh ones."""
    stored_sp = SPIndicatorResult.objects.filter(
        indicator_id__in={r["indicator_id"] for r in results.sp}, year__in=years
    )
    stored_targets = TargetResult.objects.filter(
        target_id__in={r["target_id"] for r in results.targets}, year__in=years
    )
    return _differences(
        "sp", ("indicator_id", "year"), stored_sp.values("indicator_id", "year", *SP_FIELDS), results.sp, results.labels
    ) + _differences(
        "target",
        ("target_id", "year"),
        stored_targets.values("target_id", "year", *TARGET_FIELDS),
        results.targets,
        results.labels,
    )


def _stale_results_delete(results: _Results, years: Sequence[int]) -> None:
    """Delete the stored SP indicator and target results of the years in scope that are no longer due.

    E.g. an SP indicator retired from a year on, or a year outside its plan: no fresh result, so no stored one.
    """
    due_sp, due_targets = Q(pk__in=[]), Q(pk__in=[])
    for year in years:
        due_sp |= Q(year=year, indicator_id__in=[r["indicator_id"] for r in results.sp if r["year"] == year])
        due_targets |= Q(year=year, target_id__in=[r["target_id"] for r in results.targets if r["year"] == year])
    SPIndicatorResult.objects.filter(indicator_id__in=results.sp_ids, year__in=years).exclude(due_sp).delete()
    TargetResult.objects.filter(target_id__in=results.target_ids, year__in=years).exclude(due_targets).delete()


def _lock(administration_id: int) -> None:
    """Serialise recomputes of one administration: concurrent runs wait rather than interleave."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [731_000, administration_id])


def _pp_indicators(scope: _Scope):
    """The PP indicators in scope, as a queryset."""
    indicators = PPIndicator.objects.filter(performance_program__administration_id=scope.administration_id)
    if scope.years is not None:
        indicators = indicators.filter(performance_program__year__in=scope.years)
    if scope.unit_id is not None:
        indicators = indicators.filter(responsible_unit_id=scope.unit_id)
    return indicators


def _pp_rows(scope: _Scope, *, ids: Sequence[int]) -> list[Any]:
    """Return one row per PP indicator of `ids` with its four quarters pivoted into columns."""
    indicators = _pp_indicators(scope).filter(id__in=ids)
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
    results.sp_ids = ids
    results.target_ids = {row["target_id"] for row in sp_rows}
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
    kind: str,
    key: str | tuple[str, ...],
    stored_rows,
    fresh_rows: list[dict[str, Any]],
    labels: Mapping[tuple[str, int], str],
) -> list[dict[str, Any]]:
    """Return the stored results that differ from the fresh ones (missing ones included)."""
    keys = (key,) if isinstance(key, str) else key
    stored = {tuple(row[k] for k in keys): row for row in stored_rows}
    found = []
    for fresh in fresh_rows:
        row_key = tuple(fresh[k] for k in keys)
        old = stored.get(row_key)
        label = labels.get((kind, row_key[0]), str(row_key[0]))
        if len(row_key) > 1:
            label = f"{row_key[1]} {label}"
        for name, value in fresh.items():
            if name in keys or name in ("computed_at", DIGEST_FIELD):
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
