"""Reads of the strategy directorate's dashboards: stored results only, never recomputed here."""

import functools
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from accounts.models import Unit
from budget.models import BudgetAggregate
from core.db import turkish_order
from core.text import turkish_sort_key
from indicators.models import QUARTER_ESTIMATE, QUARTER_TREND_VALUE, PPIndicator, RecomputeRun
from indicators.selectors import (
    ACTUAL,
    PROJECTED,
    TREND,
    at_risk_condition,
    headline_opinion,
    stored_status,
)
from plans.choices import Status
from plans.models import StrategicPlan, SubProgram, Target, TargetResult
from submissions.models import QuarterDeadline, QuarterException, Submission

# Display order of the statuses, best first; "not computed yet" last.
STATUS_ORDER = [s.value for s in (Status.EXCEEDED, Status.REACHED, Status.PARTIALLY_REACHED, Status.NOT_REACHED)] + [
    Status.NOT_COMPUTABLE.value
]


@dataclass
class StatusBreakdown:
    """How many indicators are in each status, for one group (all, a sub-programme, a unit)."""

    name: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, status: str) -> Decimal | None:
        return None if not self.total else Decimal(self.counts.get(status, 0)) * 100 / self.total

    @property
    def none_computable(self) -> bool:
        """Every indicator of the group is "not computable" (e.g. no estimate given yet)."""
        return bool(self.total) and self.counts.get(Status.NOT_COMPUTABLE.value, 0) == self.total

    @property
    def ordered(self) -> list[tuple[str, int]]:
        return [(status, self.counts.get(status, 0)) for status in STATUS_ORDER]


@dataclass
class StatusOverview:
    quarter: int
    opinion: str
    overall: StatusBreakdown
    by_sub_program: list[StatusBreakdown]
    by_unit: list[StatusBreakdown]
    # Before Q4, the second opinion beside the unit's estimate: the trend projection's statuses.
    trend: StatusBreakdown | None
    at_risk_ids: list[int]
    at_risk_count: int


def _results_stamp(administration_id: int) -> str:
    """The latest recompute of the administration: stored results change only with a new one."""
    latest = (
        RecomputeRun.objects.filter(administration_id=administration_id)
        .order_by("-pk")
        .values_list("pk", "finished_at")
        .first()
    )
    return "none" if latest is None else f"{latest[0]}-{latest[1].timestamp()}"


def overview_page_key(
    *,
    administration_id: int,
    year: int,
    quarter: int,
    unit_scope: str,
    whole_administration: bool,
    sees_budget: bool,
    today: date,
    language: str,
) -> str:
    """Return the cache key of an overview page body: it changes whenever anything the body shows does.

    The stored results change only with a recompute; the budget summary with its aggregates; the form
    grid with a submission, an exception, a quarter deadline or the date; names with a unit's edit. The
    viewer's units are named by `unit_scope` (accounts.selectors.visible_units_scope: their roles; a
    unit added to the administration is one of the units' changes). One query (_change_stamps).
    """
    changes = _change_stamps(administration_id=administration_id, year=year)
    parts = [administration_id, year, quarter, whole_administration, sees_budget, today.isoformat(), language, *changes]
    return "dashboards:page:" + hashlib.sha256(":".join(map(str, [*parts, unit_scope])).encode()).hexdigest()


# What an overview body shows, each source as (model, its change column, reached through the unit,
# filtered by year): a row added, edited or removed changes the source's row count or latest change.
_CHANGE_SOURCES = (
    (RecomputeRun, "id", False, False),
    (Unit, "updated_at", False, False),
    (Submission, "updated_at", True, True),
    (QuarterException, "updated_at", True, True),
    (QuarterDeadline, "updated_at", False, True),
    (BudgetAggregate, "computed_at", False, True),
)


@functools.cache
def _change_stamps_sql() -> str:
    """The one statement of _change_stamps: every source's (count, latest change) side by side."""
    units = connection.ops.quote_name(Unit._meta.db_table)
    selects = []
    for model, stamp, through_unit, by_year in _CHANGE_SOURCES:
        table = connection.ops.quote_name(model._meta.db_table)
        join = f" JOIN {units} u ON u.id = x.unit_id" if through_unit else ""
        where = ("u." if through_unit else "x.") + "administration_id = %s" + (" AND x.year = %s" if by_year else "")
        # Table and column names from the models above; the values are parameters.
        selects.append(f"SELECT count(*), CAST(max(x.{stamp}) AS TEXT) FROM {table} x{join} WHERE {where}")  # noqa: S608 # nosec B608
    return "SELECT * FROM " + ", ".join(f"({select}) AS s{i}" for i, select in enumerate(selects))  # noqa: S608 # nosec B608


def _change_stamps(*, administration_id: int, year: int) -> list[object]:
    """Return the row count and latest change of every source an overview body shows (one statement).

    Written as SQL, built once: every overview load runs it, and the same statement built with the
    ORM (twelve subqueries) cost more to compile than to run.
    """
    params: list[int] = []
    for *_source, by_year in _CHANGE_SOURCES:
        params += [administration_id, year] if by_year else [administration_id]
    with connection.cursor() as cursor:
        cursor.execute(_change_stamps_sql(), params)
        return list(cursor.fetchone())


# The overview lists this many at-risk indicators; the table behind the link lists them all.
AT_RISK_SHOWN = 25
CACHE_SECONDS = 60 * 60


def status_overview(*, administration_id: int, year: int, quarter: int, units: QuerySet[Unit]) -> StatusOverview:
    """Return the count of PP indicators per status overall, per sub-programme and per unit, and the at-risk list.

    Counted from the stored results and kept in the cache until the next recompute of the
    administration (its run is part of the key), so a page load reads one row when nothing changed.
    """
    unit_ids = sorted(units.values_list("pk", flat=True))
    key = "dashboards:overview:" + ":".join(
        str(part)
        for part in (
            administration_id,
            year,
            quarter,
            _results_stamp(administration_id),
            hashlib.sha256(",".join(map(str, unit_ids)).encode()).hexdigest()[:16],
        )
    )
    overview = cache.get(key)
    if overview is None:
        overview = _count(administration_id=administration_id, year=year, quarter=quarter, unit_ids=unit_ids)
        cache.set(key, overview, CACHE_SECONDS)
    return overview


def _count(*, administration_id: int, year: int, quarter: int, unit_ids: list[int]) -> StatusOverview:
    indicators = PPIndicator.objects.filter(
        performance_program__administration_id=administration_id,
        performance_program__year=year,
        responsible_unit_id__in=unit_ids,
    )
    opinion = headline_opinion(quarter)
    rows = (
        indicators.values("sub_program_id", "responsible_unit_id")
        .annotate(state=stored_status(quarter, opinion), n=Count("id"))
        .order_by()
    )
    sub_programs = {
        sp["pk"]: f"{sp['program__name']} › {sp['name']}"
        for sp in SubProgram.objects.filter(
            program__performance_program__administration_id=administration_id,
            program__performance_program__year=year,
        ).values("pk", "name", "program__name")
    }
    unit_names = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    overall = StatusBreakdown(name="")
    by_sub: dict[str, StatusBreakdown] = {}
    by_unit: dict[str, StatusBreakdown] = {}
    for row in rows:
        status = row["state"] or Status.NOT_COMPUTABLE.value
        groups = (
            (None, ""),
            (by_sub, sub_programs[row["sub_program_id"]]),
            (by_unit, unit_names[row["responsible_unit_id"]]),
        )
        for group, name in groups:
            breakdown = overall if group is None else group.setdefault(name, StatusBreakdown(name=name))
            breakdown.counts[status] = breakdown.counts.get(status, 0) + row["n"]
    trend = None
    if opinion != ACTUAL:
        trend = StatusBreakdown(name="")
        trend_rows = indicators.values(state=stored_status(quarter, TREND)).annotate(n=Count("id")).order_by()
        for trend_row in trend_rows:
            status = trend_row["state"] or Status.NOT_COMPUTABLE.value
            trend.counts[status] = trend.counts.get(status, 0) + trend_row["n"]
    risky = indicators.filter(at_risk_condition(quarter))
    return StatusOverview(
        quarter=quarter,
        opinion=opinion,
        overall=overall,
        by_sub_program=sorted(by_sub.values(), key=lambda b: turkish_sort_key(b.name)),
        by_unit=sorted(by_unit.values(), key=lambda b: turkish_sort_key(b.name)),
        trend=trend,
        at_risk_ids=list(
            risky.order_by(turkish_order("sub_program__name"), "seq", "code").values_list("pk", flat=True)[
                :AT_RISK_SHOWN
            ]
        ),
        at_risk_count=risky.count(),
    )


@dataclass
class AtRisk:
    indicator: PPIndicator
    # The projected statuses at the end of the chosen quarter, by the estimate and by the trend,
    # and the figures behind them as they stood then; a status that could not be computed says why.
    projected: str
    trend: str
    estimate: Decimal | None = None
    trend_value: Decimal | None = None
    projected_why: str = ""
    trend_why: str = ""


def why_not_computable(*, status: str, figure: Decimal | None, target: Decimal | None, estimate: bool) -> str:
    """Return, in one sentence, why a projected status could not be computed; "" when it was."""
    if status != Status.NOT_COMPUTABLE.value:
        return ""
    if target is None:
        return str(_("Hedeflenen değer girilmediği için hesaplanamadı."))
    if figure is None:
        if estimate:
            return str(_("Bu döneme kadar yıl sonu tahmini girilmediği için hesaplanamadı."))
        return str(_("Bu döneme kadar değer girilmediği için eğilim hesaplanamadı."))
    return str(_("Hedeflenen değer sıfır olduğu için oran hesaplanamadı."))


def _stored_figure(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


def at_risk(*, ids: list[int], quarter: int) -> list[AtRisk]:
    """Return the listed at-risk indicators, in the overview's order, as they stood then (one query).

    Before Q4, the estimate and trend projection are the ones stored for the end of that quarter,
    never today's (a page as of quarter N shows what stood at the end of quarter N).
    """
    found = PPIndicator.objects.filter(pk__in=ids).select_related("result", "responsible_unit", "sub_program")
    by_pk = {indicator.pk: indicator for indicator in found}
    rows = []
    for pk in ids:
        indicator = by_pk.get(pk)
        if indicator is None:
            continue
        result = indicator.result
        if quarter == 4:
            projected, trend = result.projected_status, result.projected_status_trend
            estimate, trend_value = result.year_end_estimate, result.trend_projection
        else:
            then = result.quarters.get(f"q{quarter}", {})
            projected = then.get(PROJECTED, Status.NOT_COMPUTABLE.value)
            trend = then.get(TREND, Status.NOT_COMPUTABLE.value)
            estimate = _stored_figure(then.get(QUARTER_ESTIMATE))
            trend_value = _stored_figure(then.get(QUARTER_TREND_VALUE))
        target = indicator.target_value
        rows.append(
            AtRisk(
                indicator=indicator,
                projected=projected,
                trend=trend,
                estimate=estimate,
                trend_value=trend_value,
                projected_why=why_not_computable(status=projected, figure=estimate, target=target, estimate=True),
                trend_why=why_not_computable(status=trend, figure=trend_value, target=target, estimate=False),
            )
        )
    return rows


@dataclass
class TargetRow:
    target: Target
    performance: dict[int, Decimal | None]
    weights_incomplete: bool


def target_performance_by_year(*, plan: StrategicPlan) -> tuple[list[int], list[TargetRow]]:
    """Return the plan's years and, per target, its stored performance in each year (three queries)."""
    years = list(range(plan.start_year, plan.end_year + 1))
    stored: dict[int, dict[int, TargetResult]] = defaultdict(dict)
    for result in TargetResult.objects.filter(target__aim__plan=plan):
        stored[result.target_id][result.year] = result
    rows = []
    targets = Target.objects.filter(aim__plan=plan).select_related("aim").prefetch_related("indicators")
    for target in targets.order_by("aim__code", "code"):
        results = stored.get(target.pk, {})
        rows.append(
            TargetRow(
                target=target,
                performance={y: results[y].performance if y in results else None for y in years},
                weights_incomplete=any(r.weight_total != 100 for r in results.values()),
            )
        )
    return years, rows


@dataclass
class SPYear:
    year: int
    target: Decimal | None  # B
    actual: Decimal | None  # C (entered or derived, as stored by the engine)
    performance_raw: Decimal | None
    performance: Decimal | None


def sp_indicator_years(*, indicator) -> list[SPYear]:
    """Return an SP indicator's B, C and P for every year of its plan (two queries)."""
    plan = indicator.target.aim.plan
    targets = {row.year: row.target_value for row in indicator.years.all()}
    results = {r.year: r for r in indicator.results.all()}
    rows = []
    for year in range(plan.start_year, plan.end_year + 1):
        result = results.get(year)
        rows.append(
            SPYear(
                year=year,
                target=targets.get(year),
                actual=result.actual_value if result else None,
                performance_raw=result.performance_raw if result else None,
                performance=result.performance if result else None,
            )
        )
    return rows
