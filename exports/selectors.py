"""Reads of the exports app: the stored results each report needs, as plain rows.

Every selector runs a fixed number of queries whatever the size of the year, so a report of
250.000 indicators costs the same round trips as one of 22.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from accounts.models import Administration, Unit
from budget.models import BudgetAggregate, EconomicCode
from core.workflow import ReviewState
from exports.models import ExportJob
from indicators.models import PPIndicator, QuarterlyValue
from plans.choices import Status
from plans.models import (
    SPIndicator,
    SPIndicatorResult,
    SPIndicatorYear,
    SubProgramGoal,
    Target,
    TargetResult,
    TargetYear,
)
from plans.selectors import strategic_plan_for_year
from reports.models import Form4Row, Form4Summary
from reports.selectors import form4_order


@dataclass
class Form3Row:
    program: str
    sub_program: str
    goal: str
    seq: int
    code: str
    name: str
    unit_of_measure: str
    prev_year: int | None
    prev_value: Decimal | None
    target: Decimal
    year_end_estimate: Decimal | None
    quarters: list[Decimal | None]
    narratives: list[str]
    year_end_value: Decimal | None
    realization_rate: Decimal | None
    status: str
    decimals: int = 0  # the indicator's own number of decimals


INDICATOR_ORDER = ("sub_program__program__seq", "sub_program__seq", "sub_program__name", "goal__seq", "seq", "code")
INDICATOR_FIELDS = (
    "id",
    "code",
    "seq",
    "name",
    "unit_of_measure",
    "decimals",
    "prev_year",
    "prev_value",
    "target_value",
    "sub_program__name",
    "sub_program__program__name",
    "goal__text",
    "result__year_end_estimate",
    "result__year_end_value",
    "result__realization_rate",
    "result__status",
)


def _indicator_values(administration: Administration, year: int, order: Sequence = INDICATOR_ORDER) -> list[dict]:
    # Plain values, not model instances: a 50.000-indicator year reads in a fraction of the time.
    return list(
        PPIndicator.objects.filter(performance_program__administration=administration, performance_program__year=year)
        .order_by(*order)
        .values(*INDICATOR_FIELDS)
    )


def form3_rows(*, administration: Administration, year: int) -> list[Form3Row]:
    """Return every PP indicator of the year with its quarters and stored result, in programme order."""
    indicators = _indicator_values(administration, year)
    quarters: dict[int, dict[int, tuple[Decimal | None, str]]] = {}
    values = QuarterlyValue.objects.filter(
        indicator__performance_program__administration=administration, indicator__performance_program__year=year
    ).values_list("indicator_id", "quarter", "value", "narrative")
    for indicator_id, quarter, value, narrative in values:
        quarters.setdefault(indicator_id, {})[quarter] = (value, narrative)
    rows = []
    for item in indicators:
        by_quarter = quarters.get(item["id"], {})
        rows.append(
            Form3Row(
                program=item["sub_program__program__name"],
                sub_program=item["sub_program__name"],
                goal=item["goal__text"] or "",
                seq=item["seq"],
                code=item["code"],
                name=item["name"],
                unit_of_measure=item["unit_of_measure"],
                prev_year=item["prev_year"],
                prev_value=item["prev_value"],
                target=item["target_value"],
                year_end_estimate=item["result__year_end_estimate"],
                quarters=[by_quarter[q][0] if q in by_quarter else None for q in (1, 2, 3, 4)],
                narratives=[by_quarter[q][1] if q in by_quarter else "" for q in (1, 2, 3, 4)],
                year_end_value=item["result__year_end_value"],
                realization_rate=item["result__realization_rate"],
                status=item["result__status"] or Status.NOT_COMPUTABLE,
                decimals=item["decimals"],
            )
        )
    return rows


@dataclass
class Form4Line:
    program: str
    sub_program: str
    goal: str
    code: str
    name: str
    target: Decimal
    year_end_value: Decimal | None
    realization_rate: Decimal | None
    status: str
    decimals: int = 0  # the indicator's own number of decimals


def form4_lines(*, administration: Administration, year: int) -> tuple[list[Form4Line], bool]:
    """Return the year's Form-4 lines and whether they come from a frozen summary.

    The Form-4 summary (built by the year-end job, frozen when the year closes) is the official
    snapshot; a year without one is read from the engine's stored results in the same order.
    """
    summary = Form4Summary.objects.filter(administration=administration, year=year).first()
    if summary is not None:
        rows = (
            Form4Row.objects.filter(summary=summary)
            .order_by("seq")
            .values_list(
                "program",
                "sub_program",
                "sub_program_goal",
                "indicator_code",
                "indicator",
                "target_value",
                "year_end_value",
                "realization_rate",
                "status",
            )
        )
        # The snapshot keeps the figures; the decimals they are written with are the indicator's.
        decimals = dict(
            PPIndicator.objects.filter(
                performance_program__administration=administration, performance_program__year=year
            ).values_list("code", "decimals")
        )
        lines = [Form4Line(*row, decimals=decimals.get(row[3], 0)) for row in rows]
        return lines, summary.frozen_at is not None
    lines = [
        Form4Line(
            program=item["sub_program__program__name"],
            sub_program=item["sub_program__name"],
            goal=item["goal__text"] or "",
            code=item["code"],
            name=item["name"],
            target=item["target_value"],
            year_end_value=item["result__year_end_value"],
            realization_rate=item["result__realization_rate"],
            status=item["result__status"] or Status.NOT_COMPUTABLE,
            decimals=item["decimals"],
        )
        for item in _indicator_values(administration, year, order=form4_order())
    ]
    return lines, False


@dataclass
class SPLine:
    code: str
    name: str
    unit_of_measure: str
    weight: Decimal
    baseline: Decimal
    year_target: Decimal | None
    actual: Decimal | None
    performance_raw: Decimal | None
    performance: Decimal | None
    assessments: list[str]  # relevance, effectiveness, efficiency, sustainability
    texts_accepted: bool = True  # the assessments were accepted by the strategy directorate


@dataclass
class SPTargetBlock:
    aim_code: str
    aim_title: str
    code: str
    title: str
    performance: Decimal | None
    deviation_reason: str
    measures: str
    responsible_unit: str
    indicators: list[SPLine] = field(default_factory=list)
    texts_accepted: bool = True  # the deviation reason and measures were accepted by the directorate


def sp_evaluation_blocks(*, administration: Administration, year: int) -> list[SPTargetBlock]:
    """Return every target of the year's strategic plan with its stored performance and indicators."""
    plan = strategic_plan_for_year(administration=administration, year=year)
    if plan is None:
        return []
    indicators = SPIndicator.objects.order_by("code").prefetch_related(
        Prefetch("years", queryset=SPIndicatorYear.objects.filter(year=year), to_attr="year_rows"),
        Prefetch("results", queryset=SPIndicatorResult.objects.filter(year=year), to_attr="year_results"),
    )
    targets = (
        Target.objects.filter(aim__plan=plan)
        .select_related("aim", "responsible_unit")
        .prefetch_related(
            Prefetch("indicators", queryset=indicators, to_attr="ordered_indicators"),
            Prefetch("results", queryset=TargetResult.objects.filter(year=year), to_attr="year_results"),
            Prefetch("years", queryset=TargetYear.objects.filter(year=year), to_attr="year_rows"),
        )
        .order_by("aim__code", "code")
    )
    blocks = []
    for target in targets:
        texts = target.year_rows[0] if target.year_rows else None
        result = target.year_results[0] if target.year_results else None
        block = SPTargetBlock(
            aim_code=target.aim.code,
            aim_title=target.aim.title,
            code=target.code,
            title=target.title,
            performance=result.performance if result else None,
            deviation_reason=texts.deviation_reason if texts else "",
            measures=texts.measures if texts else "",
            responsible_unit=target.responsible_unit.name,
            texts_accepted=texts is not None and texts.text_state == ReviewState.APPROVED,
        )
        for indicator in target.ordered_indicators:
            year_row = indicator.year_rows[0] if indicator.year_rows else None
            sp_result = indicator.year_results[0] if indicator.year_results else None
            block.indicators.append(
                SPLine(
                    code=indicator.code,
                    name=indicator.name,
                    unit_of_measure=indicator.unit_of_measure,
                    weight=indicator.weight,
                    baseline=indicator.baseline,
                    year_target=year_row.target_value if year_row else None,
                    actual=sp_result.actual_value if sp_result else None,
                    performance_raw=sp_result.performance_raw if sp_result else None,
                    performance=sp_result.performance if sp_result else None,
                    assessments=[
                        year_row.relevance if year_row else "",
                        year_row.effectiveness if year_row else "",
                        year_row.efficiency if year_row else "",
                        year_row.sustainability if year_row else "",
                    ],
                    texts_accepted=year_row is not None and year_row.text_state == ReviewState.APPROVED,
                )
            )
        blocks.append(block)
    return blocks


@dataclass
class BudgetFiguresRow:
    level: str
    key: str
    parent_key: str
    name: str
    initial: Decimal
    additions: Decimal
    deductions: Decimal
    spending: Decimal
    realization_pct: Decimal | None
    spent_to_initial_pct: Decimal | None
    previous_initial: Decimal | None
    initial_change_pct: Decimal | None
    next_initial: Decimal | None = None
    seq: int = 0  # a unit's place in the administration's own order (Tablo 11)

    @property
    def total(self) -> Decimal:
        return self.initial + self.additions - self.deductions

    @property
    def remaining(self) -> Decimal:
        return self.total - self.spending


def _aggregates(administration: Administration, years: list[int], levels: Sequence[str]) -> QuerySet[BudgetAggregate]:
    return BudgetAggregate.objects.filter(administration=administration, year__in=years, level__in=levels)


def budget_rows(*, administration: Administration, year: int, levels: Sequence[str]) -> list[BudgetFiguresRow]:
    """Return the year's stored budget aggregates at `levels`, with names and next year's KBÖ.

    Budget figures come only from `BudgetAggregate` (the engine's sums of the lines); the names of
    economic codes and units (and the units' own order) are looked up once each.
    """
    aggregates = list(_aggregates(administration, [year, year + 1], levels).order_by("level", "key"))
    next_initial = {(a.level, a.key): a.initial_appropriation for a in aggregates if a.year == year + 1}
    current = [a for a in aggregates if a.year == year]
    names: dict[tuple[str, str], str] = {}
    seqs: dict[str, int] = {}
    if BudgetAggregate.Level.ECONOMIC in levels:
        codes = EconomicCode.objects.filter(code__in=[a.key for a in current if a.level == "economic"])
        names.update({("economic", code): name for code, name in codes.values_list("code", "name")})
    if BudgetAggregate.Level.UNIT in levels:
        units = Unit.objects.filter(
            administration=administration, code__in=[a.key for a in current if a.level == "unit"]
        )
        for code, name, seq in units.values_list("code", "name", "seq"):
            names[("unit", code)] = name
            seqs[code] = seq
    return [
        BudgetFiguresRow(
            level=a.level,
            key=a.key,
            parent_key=a.parent_key,
            name=names.get((a.level, a.key), a.key),
            initial=a.initial_appropriation,
            additions=a.additions,
            deductions=a.deductions,
            spending=a.spending,
            realization_pct=a.realization_pct,
            spent_to_initial_pct=a.spent_to_initial_pct,
            previous_initial=a.previous_initial,
            initial_change_pct=a.initial_change_pct,
            next_initial=next_initial.get((a.level, a.key)),
            seq=seqs.get(a.key, 0) if a.level == BudgetAggregate.Level.UNIT else 0,
        )
        for a in current
    ]


@dataclass
class StructureRow:
    program: str
    sub_program: str
    goal: str
    aim_code: str
    aim: str


def program_structure_rows(*, administration: Administration, year: int) -> list[StructureRow]:
    """Return the year's programmes, sub-programmes, goals and related aims (Tablo 14), in order.

    Tablo 14 relates the programme's goals to the strategic plan: a goal with no related aim (such
    as the performance goals Form-3 and Form-4 group their indicators under) is not one of its rows.
    """
    goals = (
        SubProgramGoal.objects.filter(
            sub_program__program__performance_program__administration=administration,
            sub_program__program__performance_program__year=year,
            aim__isnull=False,
        )
        .select_related("sub_program__program", "aim")
        .order_by(
            "sub_program__program__seq", "sub_program__program__name", "sub_program__seq", "sub_program__name", "seq"
        )
    )
    return [
        StructureRow(
            program=goal.sub_program.program.name,
            sub_program=goal.sub_program.name,
            goal=goal.text,
            aim_code=aim.code,
            aim=aim.title,
        )
        for goal in goals
        if (aim := goal.aim) is not None
    ]


def export_jobs_for_page(*, administration: Administration) -> QuerySet[ExportJob]:
    """Return the administration's export history, newest first, with who asked for each."""
    return (
        ExportJob.objects.filter(administration=administration)
        .select_related("requested_by")
        .order_by("-created_at", "-id")
    )
