"""Reads of the budget app. Pages read the stored aggregates; entry pages read lines and records."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery, Sum

from accounts.models import Administration, Unit
from budget.choices import PATH_SEPARATOR
from budget.models import BudgetAggregate, BudgetLine, BudgetSpending, BudgetTransfer, EconomicCode
from core.history import history_rows
from indicators.models import PPIndicator
from plans.choices import Status
from plans.models import SubProgram, Target, TargetResult

Level = BudgetAggregate.Level
MONEY = DecimalField(max_digits=18, decimal_places=2)
# A line page lists this many of its latest changes (the full log is in the admin's audit entries).
HISTORY_SHOWN = 100


def budget_years(*, administration_id: int, year: int | None = None) -> list[int]:
    """Return the years with budget lines, oldest first; with `year`, only it and the next one.

    A year's aggregates hold the following year's change of KBÖ, so a change to a year's lines
    concerns the next year's aggregates too.
    """
    years = sorted(set(BudgetLine.objects.filter(administration_id=administration_id).values_list("year", flat=True)))
    return years if year is None else [y for y in years if y in (year, year + 1)]


def budget_aggregates(*, administration_id: int, year: int, levels: tuple[str, ...]) -> QuerySet[BudgetAggregate]:
    """Return the year's stored aggregates of some levels, with total and remaining for sorting.

    Units come in the administration's own order (`Unit.seq`, then the code), as Tablo 11 prints them.
    """
    total = F("initial_appropriation") + F("additions") - F("deductions")
    aggregates = BudgetAggregate.objects.filter(
        administration_id=administration_id, year=year, level__in=levels
    ).annotate(
        total_appropriation=ExpressionWrapper(total, output_field=MONEY),
        remaining_amount=ExpressionWrapper(total - F("spending"), output_field=MONEY),
    )
    if Level.UNIT not in levels:
        return aggregates.order_by("level", "key")
    unit_seq = Unit.objects.filter(administration_id=OuterRef("administration_id"), code=OuterRef("key")).values("seq")
    return aggregates.annotate(unit_seq=Subquery(unit_seq[:1])).order_by("level", "unit_seq", "key")


def economic_code_names() -> dict[str, str]:
    """Return {code: name} of every economic code (one query)."""
    return dict(EconomicCode.objects.values_list("code", "name"))


def unit_names(*, administration_id: int) -> dict[str, str]:
    """Return {unit code: unit name} of the administration's units (one query)."""
    return dict(Unit.objects.filter(administration_id=administration_id).values_list("code", "name"))


@dataclass(frozen=True)
class ExecutionRow:
    key: str
    initial: Decimal
    total: Decimal
    spending: Decimal
    realization_pct: Decimal | None


@dataclass(frozen=True)
class ExecutionSummary:
    """A year's budget execution: the totals and one row per programme, from stored aggregates."""

    year: int
    initial: Decimal = Decimal(0)  # KBÖ
    total: Decimal = Decimal(0)  # toplam ödenek
    spending: Decimal = Decimal(0)
    realization_pct: Decimal | None = None  # harcama ÷ toplam ödenek × 100
    programs: list[ExecutionRow] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return self.total != 0 or self.initial != 0 or bool(self.programs)


def execution_summary(administration: Administration, year: int) -> ExecutionSummary:
    """Return the year's KBÖ, total, spending and realization %, and the same per programme; one query."""
    rows = BudgetAggregate.objects.filter(
        administration=administration, year=year, level__in=[Level.TOTAL, Level.PROGRAM]
    ).order_by("key")
    total = None
    programs = []
    for row in rows:
        item = ExecutionRow(
            key=row.key,
            initial=row.initial_appropriation,
            total=row.total,
            spending=row.spending,
            realization_pct=row.realization_pct,
        )
        if row.level == Level.TOTAL:
            total = item
        else:
            programs.append(item)
    if total is None:
        return ExecutionSummary(year=year, programs=programs)
    return ExecutionSummary(
        year=year,
        initial=total.initial,
        total=total.total,
        spending=total.spending,
        realization_pct=total.realization_pct,
        programs=programs,
    )


def budget_lines(*, administration_id: int, year: int) -> QuerySet[BudgetLine]:
    """Return the year's budget lines with their code, activity path and unit."""
    return (
        BudgetLine.objects.filter(administration_id=administration_id, year=year)
        .select_related("economic_code", "activity__sub_program__program", "unit")
        .annotate(
            total_appropriation=ExpressionWrapper(
                F("initial_appropriation") + F("additions") - F("deductions"), output_field=MONEY
            )
        )
    )


def line_detail(*, line: BudgetLine) -> dict[str, Any]:
    """Return a line's transfers (in and out, by date) and its spending per month (1–12, 0 if none)."""
    transfers = (
        BudgetTransfer.objects.filter(from_line=line) | BudgetTransfer.objects.filter(to_line=line)
    ).select_related(
        "entered_by", "from_line__economic_code", "to_line__economic_code", "from_line__unit", "to_line__unit"
    )
    months = {s.month: s for s in BudgetSpending.objects.filter(line=line).select_related("entered_by")}
    return {
        "transfers": list(transfers.order_by("date", "id")),
        "months": [(m, months.get(m)) for m in range(1, 13)],
        "history": history_rows(objects=[line], limit=HISTORY_SHOWN),
    }


def monthly_spending(*, administration_id: int, year: int) -> list[Decimal]:
    """Return the year's spending of each month 1–12 over all lines (one query), for following execution."""
    sums = dict(
        BudgetSpending.objects.filter(line__administration_id=administration_id, line__year=year)
        .values("month")
        .annotate(total=Sum("amount"))
        .values_list("month", "total")
    )
    return [sums.get(month, Decimal(0)) for month in range(1, 13)]


# A goal lists its indicators one by one up to this many; beyond, the page shows the status counts
# and links to the dashboards' indicator table filtered to the sub-programme.
INDICATORS_LISTED = 30


@dataclass
class GoalIndicators:
    """A sub-programme goal (None: indicators linked to no goal) with its indicators' stored statuses."""

    goal: Any
    counts: dict[str, int]  # status → number of indicators; "" for not computed yet
    indicators: list[PPIndicator] | None  # None when there are too many to list

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        """(status, label, count) in the report's order, only the statuses present."""
        labels = dict(Status.choices)
        order = [*Status.values, ""]
        return [(s, str(labels.get(s, "")), self.counts[s]) for s in order if self.counts.get(s)]


@dataclass
class MoneyAndPerformance:
    """One sub-programme: its money (from the stored aggregates) beside its indicators and targets."""

    sub_program: SubProgram
    figures: BudgetAggregate | None
    activities: list[tuple[str, BudgetAggregate | None]]
    goals: list[GoalIndicators]
    targets: list[tuple[Any, TargetResult | None]]


def money_beside_performance(*, administration_id: int, year: int) -> list[MoneyAndPerformance]:
    """Return every sub-programme of the year with its money, PP indicator statuses and SP targets.

    Seven queries whatever the size: sub-programmes (+ goals, + activities), the status counts per
    goal, the indicators of goals small enough to list, the SP targets served, their results and
    the aggregates.
    """
    sub_programs = list(
        SubProgram.objects.filter(
            program__performance_program__administration_id=administration_id,
            program__performance_program__year=year,
        )
        .select_related("program")
        .prefetch_related("goals", "activities")
        .order_by("program__seq", "program__name", "seq", "name")
    )
    indicators = PPIndicator.objects.filter(sub_program__in=[s.pk for s in sub_programs])
    counts: dict[tuple[int, int | None], dict[str, int]] = defaultdict(dict)
    for sub_id, goal_id, status, number in (
        indicators.values("sub_program_id", "goal_id", "result__status")
        .annotate(number=Count("id"))
        .values_list("sub_program_id", "goal_id", "result__status", "number")
    ):
        counts[(sub_id, goal_id)][status or ""] = number
    listed_keys = {key for key, by_status in counts.items() if sum(by_status.values()) <= INDICATORS_LISTED}
    listed: dict[tuple[int, int | None], list[PPIndicator]] = defaultdict(list)
    small = Q(pk__in=[])
    for listed_sub, listed_goal in listed_keys:
        small |= (
            Q(sub_program_id=listed_sub, goal_id=listed_goal)
            if listed_goal
            else Q(sub_program_id=listed_sub, goal__isnull=True)
        )
    if listed_keys:
        for indicator in indicators.filter(small).select_related("result").order_by("seq", "code"):
            listed[(indicator.sub_program_id, indicator.goal_id)].append(indicator)
    served = set(
        indicators.filter(sp_indicator__isnull=False)
        .values_list("sub_program_id", "sp_indicator__target_id")
        .distinct()
    )
    targets = {t.pk: t for t in Target.objects.filter(pk__in={target_id for _, target_id in served})}
    results = {r.target_id: r for r in TargetResult.objects.filter(target_id__in=targets, year=year)}
    aggregates = {
        (a.level, a.key): a
        for a in BudgetAggregate.objects.filter(
            administration_id=administration_id, year=year, level__in=[Level.SUB_PROGRAM, Level.ACTIVITY]
        )
    }

    def goal_row(sub_id: int, goal: Any) -> GoalIndicators:
        key = (sub_id, goal.pk if goal else None)
        return GoalIndicators(
            goal=goal,
            counts=counts.get(key, {}),
            indicators=listed.get(key, []) if key in listed_keys or key not in counts else None,
        )

    rows = []
    for sub in sub_programs:
        path = f"{sub.program.name}{PATH_SEPARATOR}{sub.name}"
        goals = [goal_row(sub.pk, g) for g in sub.goals.all()]
        if (sub.pk, None) in counts:
            goals.append(goal_row(sub.pk, None))
        rows.append(
            MoneyAndPerformance(
                sub_program=sub,
                figures=aggregates.get((Level.SUB_PROGRAM, path)),
                activities=[
                    (a.name, aggregates.get((Level.ACTIVITY, f"{path}{PATH_SEPARATOR}{a.name}")))
                    for a in sub.activities.all()
                ],
                goals=goals,
                targets=[
                    (targets[t], results.get(t))
                    for t in sorted((t for s, t in served if s == sub.pk), key=lambda pk: targets[pk].code)
                ],
            )
        )
    return rows
