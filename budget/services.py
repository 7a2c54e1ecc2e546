"""Budget writes: the stored aggregates of a year's lines at every level of the official tables."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from budget.calculations import BudgetFigures, change_percent, percent
from budget.models import BudgetAggregate, BudgetLine

Level = BudgetAggregate.Level
PATH_SEPARATOR = " › "


def _keys(line: dict[str, Any]) -> Iterable[tuple[str, str, str]]:
    """Yield (level, key, parent key) for every aggregate a line belongs to."""
    yield Level.TOTAL, "", ""
    yield Level.ECONOMIC, line["economic_code__code"], ""
    program = line["activity__sub_program__program__name"]
    if program:
        sub_program = f"{program}{PATH_SEPARATOR}{line['activity__sub_program__name']}"
        yield Level.PROGRAM, program, ""
        yield Level.SUB_PROGRAM, sub_program, program
        yield Level.ACTIVITY, f"{sub_program}{PATH_SEPARATOR}{line['activity__name']}", sub_program
    if line["unit__code"]:
        yield Level.UNIT, line["unit__code"], ""


def _figures_by_key(lines: Iterable[dict[str, Any]]) -> dict[tuple[str, str], tuple[str, BudgetFigures]]:
    sums: dict[tuple[str, str], tuple[str, BudgetFigures]] = {}
    for line in lines:
        figures = BudgetFigures(
            initial=line["initial_appropriation"],
            additions=line["additions"],
            deductions=line["deductions"],
            spending=line["spending"],
        )
        for level, key, parent in _keys(line):
            _, so_far = sums.get((level, key), (parent, BudgetFigures()))
            sums[(level, key)] = (parent, so_far + figures)
    return sums


@transaction.atomic
def budget_aggregates_recompute(*, administration_id: int, year: int) -> int:
    """Recompute the year's stored budget aggregates from its lines; return how many were written.

    Three statements whatever the number of lines: one read (the year and the previous one, for the
    year-on-year change), one delete and one insert.
    """
    now = timezone.now()
    lines = BudgetLine.objects.filter(administration_id=administration_id, year__in=[year - 1, year]).values(
        "year",
        "economic_code__code",
        "activity__name",
        "activity__sub_program__name",
        "activity__sub_program__program__name",
        "unit__code",
        "initial_appropriation",
        "additions",
        "deductions",
        "spending",
    )
    by_year: dict[int, list[Any]] = defaultdict(list)
    for line in lines:
        by_year[line["year"]].append(line)
    current = _figures_by_key(by_year[year])
    previous = _figures_by_key(by_year[year - 1])
    level_initial: dict[str, Any] = defaultdict(int)
    for (level, _), (_, figures) in current.items():
        level_initial[level] += figures.initial
    rows = []
    for (level, key), (parent, figures) in sorted(current.items()):
        before = previous.get((level, key))
        previous_initial = before[1].initial if before else None
        rows.append(
            BudgetAggregate(
                administration_id=administration_id,
                year=year,
                level=level,
                key=key,
                parent_key=parent,
                initial_appropriation=figures.initial,
                additions=figures.additions,
                deductions=figures.deductions,
                spending=figures.spending,
                realization_pct=figures.realization_pct,
                spent_to_initial_pct=figures.spent_to_initial_pct,
                share_of_initial_pct=percent(figures.initial, level_initial[level]),
                previous_initial=previous_initial,
                initial_change_pct=None
                if previous_initial is None
                else change_percent(previous_initial, figures.initial),
                computed_at=now,
            )
        )
    BudgetAggregate.objects.filter(administration_id=administration_id, year=year).delete()
    BudgetAggregate.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
