"""The budget sheet through the importer: printed totals become year-end records, form entries stay."""

import datetime
import io
import shutil
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from budget.choices import TransferKind
from budget.models import BudgetLine, BudgetTransfer
from budget.services import budget_transfer_create
from imports.demo import DEMO_DATA_DIR

IGIM_SGK = (
    "2024,02,Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri,"
    "Göç Yönetimi,Göçmenlere Yönelik Hizmetler,Göç Yönetimi Veri Altyapısı,IGIM,"
)


def _line() -> BudgetLine:
    return BudgetLine.objects.get(year=2024, economic_code__code="02", unit__code="IGIM")


def test_a_changed_cell_updates_its_record_and_form_entries_are_kept(demo, tmp_path):
    line = _line()
    assert (line.additions, line.deductions) == (Decimal(136000000), Decimal(14000000))
    budget_transfer_create(
        kind=TransferKind.ADDITION, date=datetime.date(2024, 7, 1), amount=Decimal(5000), reason="Formdan",
        from_line=None, to_line=line, expected_versions={line.pk: line.version}, actor=None,
    )  # fmt: skip
    data = tmp_path / "data"
    shutil.copytree(DEMO_DATA_DIR, data)
    sheet = data / "budget_lines.csv"
    text = sheet.read_text(encoding="utf-8")
    assert f"{IGIM_SGK}1248213000,136000000,14000000," in text
    sheet.write_text(
        text.replace(f"{IGIM_SGK}1248213000,136000000,14000000,", f"{IGIM_SGK}1248213000,140000000,0,"),
        encoding="utf-8",
    )
    call_command("load_demo", data_dir=data, stdout=io.StringIO())
    line = _line()
    # The sheet gives the line's totals: the form's 5.000 stays, the imported ekleme makes up the rest
    # of the 140 million, and the imported düşme is gone.
    assert (line.additions, line.deductions) == (Decimal(140000000), Decimal(0))
    assert not BudgetTransfer.objects.filter(from_line=line).exists()
    assert BudgetTransfer.objects.filter(to_line=line, imported=False).get().amount == Decimal(5000)
    assert BudgetTransfer.objects.filter(to_line=line, imported=True).get().amount == Decimal(139995000)


def test_exporting_and_importing_again_changes_nothing_after_form_entries(demo, tmp_path):
    line = _line()
    budget_transfer_create(
        kind=TransferKind.ADDITION, date=datetime.date(2024, 7, 1), amount=Decimal(5000), reason="Formdan",
        from_line=None, to_line=line, expected_versions={line.pk: line.version}, actor=None,
    )  # fmt: skip
    data = tmp_path / "data"
    shutil.copytree(DEMO_DATA_DIR, data)
    sheet = data / "budget_lines.csv"
    text = sheet.read_text(encoding="utf-8")
    # What an export of the current data writes for this line: its totals, the form's 5.000 included.
    sheet.write_text(
        text.replace(f"{IGIM_SGK}1248213000,136000000,", f"{IGIM_SGK}1248213000,136005000,"), encoding="utf-8"
    )
    call_command("load_demo", data_dir=data, stdout=io.StringIO())
    assert _line().additions == Decimal(136005000)


def test_a_total_below_what_the_forms_recorded_is_refused_with_the_row(demo, tmp_path):
    line = _line()
    budget_transfer_create(
        kind=TransferKind.DEDUCTION, date=datetime.date(2024, 7, 1), amount=Decimal(20000000), reason="Formdan",
        from_line=line, to_line=None, expected_versions={line.pk: line.version}, actor=None,
    )  # fmt: skip
    data = tmp_path / "data"
    shutil.copytree(DEMO_DATA_DIR, data)
    # The original sheet says 14 million deducted; the forms alone deducted 20 million since.
    with pytest.raises(CommandError, match=r"budget_lines.*deducted.*formlarla girilmiş"):
        call_command("load_demo", data_dir=data, stdout=io.StringIO())
    assert _line().deductions == Decimal(34000000)
