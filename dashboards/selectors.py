"""Reads of the strategy directorate's dashboards: stored results only, never recomputed here."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from accounts.models import Unit
from core.db import turkish_order
from core.text import turkish_sort_key
from indicators.models import PPIndicator
from plans.choices import Status
from plans.models import StrategicPlan, Target, TargetResult

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
    def ordered(self) -> list[tuple[str, int]]:
        return [(status, self.counts.get(status, 0)) for status in STATUS_ORDER]


@dataclass
class StatusOverview:
    overall: StatusBreakdown
    by_sub_program: list[StatusBreakdown]
    by_unit: list[StatusBreakdown]


def _indicators(*, administration_id: int, year: int, units: QuerySet[Unit]) -> QuerySet[PPIndicator]:
    return PPIndicator.objects.filter(
        performance_program__administration_id=administration_id,
        performance_program__year=year,
        responsible_unit__in=units,
    )


def status_overview(*, administration_id: int, year: int, units: QuerySet[Unit]) -> StatusOverview:
    """Return the count of PP indicators per status overall, per sub-programme and per unit (one query)."""
    rows = (
        _indicators(administration_id=administration_id, year=year, units=units)
        .values("sub_program__program__name", "sub_program__name", "responsible_unit__name", "result__status")
        .annotate(n=Count("id"))
        .order_by()
    )
    overall = StatusBreakdown(name="")
    by_sub: dict[str, StatusBreakdown] = {}
    by_unit: dict[str, StatusBreakdown] = {}
    for row in rows:
        status = row["result__status"] or Status.NOT_COMPUTABLE.value
        sub_name = f"{row['sub_program__program__name']} › {row['sub_program__name']}"
        for group, name in ((None, ""), (by_sub, sub_name), (by_unit, row["responsible_unit__name"])):
            breakdown = overall if group is None else group.setdefault(name, StatusBreakdown(name=name))
            breakdown.counts[status] = breakdown.counts.get(status, 0) + row["n"]
    return StatusOverview(
        overall=overall,
        by_sub_program=sorted(by_sub.values(), key=lambda b: turkish_sort_key(b.name)),
        by_unit=sorted(by_unit.values(), key=lambda b: turkish_sort_key(b.name)),
    )


def at_risk(*, administration_id: int, year: int, units: QuerySet[Unit]) -> QuerySet[PPIndicator]:
    """Return the indicators projected below 80 by the unit's estimate or by the trend."""
    return (
        _indicators(administration_id=administration_id, year=year, units=units)
        .filter(Q(result__projected_status=Status.NOT_REACHED) | Q(result__projected_status_trend=Status.NOT_REACHED))
        .select_related("result", "responsible_unit", "sub_program")
        .order_by(turkish_order("sub_program__name"), "seq", "code")
    )


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
