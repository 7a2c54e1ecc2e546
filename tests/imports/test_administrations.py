"""Two administrations: a second administration's import, with the same codes and different content in
every sheet, leaves the first administration's data as it was (issue 14, item 6)."""

from decimal import Decimal
from typing import Any

import pytest

from accounts.models import Administration, Unit
from budget.models import BudgetLine, BudgetSpending, BudgetTransfer, EconomicCode
from imports.dataset import SHEETS, read_csv_folder
from imports.demo import DEMO_DATA_DIR
from imports.services import dataset_import
from indicators.models import PPIndicator, QuarterlyValue
from plans.models import (
    Activity,
    Aim,
    PerformanceProgram,
    Program,
    SPIndicator,
    SPIndicatorYear,
    StrategicPlan,
    SubProgram,
    SubProgramGoal,
    Target,
    TargetYear,
)
from reports.models import PrintedFigure

pytestmark = pytest.mark.django_db

# Columns of free text the second administration writes differently (same codes, other content).
TEXT_COLUMNS = {
    "name", "title", "short_title", "long_title", "deviation_reason", "measures", "unit", "relevance",
    "effectiveness", "efficiency", "sustainability", "narrative", "econ_name", "value",
}  # fmt: skip
# Figures it writes differently: one more than the first administration's.
NUMBER_COLUMNS = {"baseline", "prev_value", "target", "year_end_estimate", "kbo"}


def _first_administrations_records(admin: Administration) -> dict[str, list[dict[str, Any]]]:
    """Every record of every sheet as stored for one administration (and the national codes)."""
    pp = {"indicator__performance_program__administration": admin}
    programme = {"sub_program__program__performance_program__administration": admin}
    querysets = {
        "administration": Administration.objects.filter(pk=admin.pk),
        "units": Unit.objects.filter(administration=admin),
        "plan": StrategicPlan.objects.filter(administration=admin),
        "aims": Aim.objects.filter(plan__administration=admin),
        "targets": Target.objects.filter(aim__plan__administration=admin),
        "target_yearly": TargetYear.objects.filter(target__aim__plan__administration=admin),
        "sp_indicators": SPIndicator.objects.filter(target__aim__plan__administration=admin),
        "sp_yearly": SPIndicatorYear.objects.filter(indicator__target__aim__plan__administration=admin),
        "program_structure": SubProgramGoal.objects.filter(**programme),
        "programmes": PerformanceProgram.objects.filter(administration=admin),
        "programs": Program.objects.filter(performance_program__administration=admin),
        "sub_programs": SubProgram.objects.filter(program__performance_program__administration=admin),
        "activities": Activity.objects.filter(**programme),
        "pp_indicators": PPIndicator.objects.filter(performance_program__administration=admin),
        "quarterly_values": QuarterlyValue.objects.filter(**pp),
        "budget_lines": BudgetLine.objects.filter(administration=admin),
        "budget_transfers": BudgetTransfer.objects.filter(administration=admin),
        "budget_spending": BudgetSpending.objects.filter(line__administration=admin),
        "economic_codes": EconomicCode.objects.all(),
        "printed": PrintedFigure.objects.filter(administration=admin),
    }  # fmt: skip
    return {sheet: list(qs.order_by("pk").values()) for sheet, qs in querysets.items()}


def _second_administration(dataset) -> None:
    """Turn the demo data set into another administration's: same codes, other texts and figures."""
    for sheet, rows in dataset.rows.items():
        for row in rows:
            if sheet == "administration":
                row.update(code="IKI", name="İkinci İdare")
                continue
            for column in TEXT_COLUMNS & row.keys():
                if row[column] and isinstance(row[column], str):
                    row[column] = f"{row[column]} (ikinci idare)"
            for column in NUMBER_COLUMNS & row.keys():
                if isinstance(row[column], Decimal):
                    row[column] += 1


def test_a_second_administrations_import_leaves_the_first_ones_data_unchanged(demo):
    before = _first_administrations_records(demo)
    assert all(before[sheet] for sheet in before), [sheet for sheet in before if not before[sheet]]
    dataset = read_csv_folder(DEMO_DATA_DIR)
    # Every sheet of the data set is in it, each with content of its own.
    assert set(SHEETS) <= set(dataset.rows) and all(dataset.rows[sheet] for sheet in SHEETS)
    _second_administration(dataset)
    summary = dataset_import(dataset=dataset, actor=None, recompute=False)

    second = Administration.objects.get(code="IKI")
    assert summary.administration_id == second.pk
    after = _first_administrations_records(demo)
    assert [sheet for sheet in before if after[sheet] != before[sheet]] == []
    # The second administration got its own copy of every sheet, with its own content.
    theirs = _first_administrations_records(second)
    assert [sheet for sheet in theirs if sheet != "economic_codes" and not theirs[sheet]] == []
    assert Unit.objects.get(administration=second, code="SGDB").name.endswith("(ikinci idare)")
    assert Unit.objects.get(administration=demo, code="SGDB").name == "Strateji Geliştirme Daire Başkanlığı"
    # Its lines name the national codes, whose names it cannot change.
    assert EconomicCode.objects.get(code="01").name == "Personel Giderleri"
    assert BudgetLine.objects.filter(administration=second, economic_code__code="01").exists()
