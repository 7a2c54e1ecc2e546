"""The budget sheet through the importer: printed totals become year-end records, form entries stay."""

import datetime
import io
import shutil
from decimal import Decimal

from django.core.management import call_command

from budget.choices import TransferKind
from budget.models import BudgetLine, BudgetTransfer
from budget.services import budget_transfer_create
from imports.demo import DEMO_DATA_DIR

IGIM_SGK = (
    "2024,2,SGK Devlet Primi Giderleri,Göç Yönetimi,Göçmenlere Yönelik Hizmetler,Göç Yönetimi Veri Altyapısı,IGIM,"
)


def _line() -> BudgetLine:
    return BudgetLine.objects.get(year=2024, economic_code__code="2", unit__code="IGIM")


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
    # The imported ekleme now says 140 million, the imported düşme is gone, the form's 5.000 stays.
    assert (line.additions, line.deductions) == (Decimal(140005000), Decimal(0))
    assert not BudgetTransfer.objects.filter(from_line=line).exists()
    assert BudgetTransfer.objects.filter(to_line=line, imported=False).get().amount == Decimal(5000)
