"""load_demo: the complete 2024 data set, idempotent, all or nothing, clear messages."""

import io
import shutil
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Unit, User
from budget.models import BudgetLine
from core.models import AuditEntry
from imports.dataset import read_csv_folder
from imports.demo import DEMO_DATA_DIR, DEMO_USERS
from imports.services import dataset_import
from indicators.models import PPIndicator, QuarterlyValue
from plans.models import Aim, SPIndicator, SPIndicatorYear, SubProgramGoal, Target
from reports.models import PrintedFigure
from submissions.models import Submission

pytestmark = pytest.mark.django_db


def _load(data_dir: Path = DEMO_DATA_DIR) -> str:
    out = io.StringIO()
    call_command("load_demo", data_dir=data_dir, stdout=out)
    return out.getvalue()


def _snapshot() -> dict[str, int]:
    models = [
        Unit,
        Aim,
        Target,
        SPIndicator,
        SPIndicatorYear,
        PPIndicator,
        QuarterlyValue,
        BudgetLine,
        PrintedFigure,
        User,
        Submission,
        AuditEntry,
    ]
    return {m.__name__: m.objects.count() for m in models}


def test_loads_the_whole_2024_report(demo):
    assert Unit.objects.filter(administration=demo).count() == 50 + 81  # Örgüt Yapısı + 81 provinces
    assert Aim.objects.count() == 6
    assert Target.objects.count() == 23
    assert SPIndicator.objects.count() == 52
    assert PPIndicator.objects.filter(performance_program__year=2024).count() == 22
    assert QuarterlyValue.objects.count() == 84
    assert SubProgramGoal.objects.count() == 9
    assert set(User.objects.values_list("username", flat=True)) == {u.username for u in DEMO_USERS}


def test_values_are_exact_decimals_as_printed(demo):
    active_permits = PPIndicator.objects.get(code="GYH.01")
    assert active_permits.name == "Aktif ikamet izni sayısı"
    assert active_permits.prev_value == Decimal("1009098")
    assert active_permits.target_value == Decimal("950000")
    q4 = active_permits.quarterly_values.get(quarter=4)
    assert (q4.value, q4.year_end_estimate) == (Decimal("913719"), Decimal("1000000"))
    staff_growth = PPIndicator.objects.get(code="GYH.10")
    assert staff_growth.allows_negative
    assert staff_growth.quarterly_values.get(quarter=4).value == Decimal("1.85")


def test_ratio_indicator_keeps_numerators_and_denominators(demo):
    returns = QuarterlyValue.objects.filter(indicator__code="DG.02").order_by("quarter")
    assert [(q.numerator, q.denominator) for q in returns] == [
        (Decimal(6), Decimal(43)),
        (Decimal(14), Decimal(57)),
        (Decimal(7), Decimal(37)),
        (Decimal(7), Decimal(42)),
    ]


def test_sp_indicator_linked_to_its_pp_indicator_has_no_typed_actual(demo):
    pg111 = SPIndicator.objects.get(code="PG1.1.1")
    assert pg111.is_cumulative
    assert list(pg111.pp_indicators.values_list("code", flat=True)) == ["GYH.11"]
    year = pg111.years.get(year=2024)
    assert (pg111.baseline, year.target_value, year.actual_value) == (Decimal(200000), Decimal(405000), None)
    # An unlinked indicator keeps the printed C.
    assert SPIndicatorYear.objects.get(indicator__code="PG1.3.1", year=2024).actual_value == Decimal(48381)


def test_budget_lines_add_up_to_the_printed_totals(demo):
    lines = BudgetLine.objects.filter(year=2024)
    assert sum(line.initial_appropriation for line in lines) == Decimal("21631742000")
    assert sum(line.initial_appropriation + line.additions - line.deductions for line in lines) == Decimal(
        "31307525936"
    )
    assert sum(line.spending for line in lines) == Decimal("29496087082")


def test_second_run_changes_nothing(demo):
    before = _snapshot()
    stamps = list(QuarterlyValue.objects.order_by("pk").values_list("updated_at", flat=True))
    output = _load()
    assert "hiçbir şey değişmedi" in output
    assert _snapshot() == before
    assert list(QuarterlyValue.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps


def test_changed_cell_updates_in_place_with_an_audit_entry(demo, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DEMO_DATA_DIR, data)
    indicators = data / "pp_indicators.csv"
    text = indicators.read_text(encoding="utf-8")
    indicators.write_text(text.replace(",1009098,950000,", ",1009099,950000,", 1), encoding="utf-8")
    count = PPIndicator.objects.count()
    _load(data)
    assert PPIndicator.objects.count() == count
    assert PPIndicator.objects.get(code="GYH.01").prev_value == Decimal(1009099)
    entry = AuditEntry.objects.filter(action="update", object_repr__startswith="GYH.01").get()
    assert entry.changes == {"prev_value": ["1009098.0000", "1009099"]}


def test_a_changed_target_of_an_indicator_with_values_is_refused_as_the_plan_screens_refuse_it(demo, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DEMO_DATA_DIR, data)
    indicators = data / "pp_indicators.csv"
    text = indicators.read_text(encoding="utf-8")
    indicators.write_text(text.replace(",1009098,950000,", ",1009098,960000,", 1), encoding="utf-8")
    before = _snapshot()
    with pytest.raises(CommandError) as caught:
        _load(data)
    assert "gerekçe yazın" in str(caught.value)
    assert "pp_indicators, sütun “target”: GYH.01 (2024) Hedeflenen değer: 950.000 → 960.000" in str(caught.value)
    assert PPIndicator.objects.get(code="GYH.01").target_value == Decimal(950000)
    assert _snapshot() == before


def test_prints_the_demo_passwords(db):
    output = _load()
    for user in DEMO_USERS:
        assert user.username in output and user.password in output


def test_missing_file_stops_with_a_clear_message_and_writes_nothing(db, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DEMO_DATA_DIR, data)
    (data / "units.csv").unlink()
    with pytest.raises(CommandError, match=r"units\.csv: Dosya bulunamadı"):
        _load(data)
    assert Unit.objects.count() == 0


def test_malformed_row_stops_everything_and_names_sheet_row_and_column(db, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DEMO_DATA_DIR, data)
    values = data / "quarterly_values.csv"
    lines = values.read_text(encoding="utf-8").splitlines()
    fields = lines[3].split(",")
    fields[2] = "5"  # a fifth quarter, on the last sheet to be written
    lines[3] = ",".join(fields)
    values.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        _load(data)
    message = str(excinfo.value)
    assert "hiçbir şey yazılmadı" in message
    assert "quarterly_values.csv, satır 4, sütun “quarter”: Dönem 1 ile 4 arasında olmalı" in message
    assert _snapshot() == dict.fromkeys(_snapshot(), 0)


@pytest.mark.parametrize(
    ("sheet", "find", "replace", "expected"),
    [
        (
            "units.csv",
            "SDIDB,Sınır Dışı İşleri Daire Başkanlığı,DGGM",
            "SDIDB,Sınır Dışı İşleri Daire Başkanlığı,YOK",
            "Bilinmeyen birim kodu: “YOK”",
        ),
        ("sp_indicators.csv", "PG1.1.1,H1.1", "PG1.1.1,H9.9", "Bilinmeyen hedef kodu: “H9.9”"),
        ("units.csv", ",directorate_general", ",ministry", "“ministry” geçerli değil"),
        ("pp_indicators.csv", ",950000,", ",dokuz yüz bin,", "bir sayı değil"),
        ("units.csv", "UKGM,Uluslararası", "DGGM,Uluslararası", "Aynı kayıt"),
    ],
)
def test_bad_references_and_values_are_reported(db, tmp_path, sheet, find, replace, expected):
    data = tmp_path / "data"
    shutil.copytree(DEMO_DATA_DIR, data)
    path = data / sheet
    text = path.read_text(encoding="utf-8")
    assert find in text
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")
    with pytest.raises(CommandError, match=expected):
        _load(data)
    assert Unit.objects.count() == 0


def test_h23_weights_are_loaded_with_a_warning(db):
    output = _load()
    assert "H2.3 hedefinin gösterge ağırlıkları toplamı %80" in output


def test_an_import_that_changes_something_asks_for_one_recompute(db):
    dataset = read_csv_folder(DEMO_DATA_DIR)
    with mock.patch("imports.services.request_recompute") as request:
        summary = dataset_import(dataset=dataset)
        dataset_import(dataset=read_csv_folder(DEMO_DATA_DIR))  # the same again: nothing changed
    request.assert_called_once_with(administration_id=summary.administration_id, year=None)
