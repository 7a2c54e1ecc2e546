"""The import speaks the user's language; its identifiers and stored data do not change with it."""

import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from budget.models import BudgetTransfer
from imports.dataset import DatasetError
from imports.selectors import administration_sheets
from imports.services import workbook_import
from imports.workbook import INSTRUCTIONS_SHEET, WORKBOOK_SHEETS, read_workbook, template_build, workbook_build

pytestmark = pytest.mark.django_db


def _dataset(sheets):
    return read_workbook(io.BytesIO(workbook_build(sheets)))


def test_the_template_is_in_the_downloaders_language_with_the_same_sheets_and_columns():
    with translation.override("en"):
        book = load_workbook(io.BytesIO(template_build()))
    assert book.sheetnames == ["Instructions", *WORKBOOK_SHEETS]
    text = " ".join(str(c.value) for row in book["Instructions"].iter_rows() for c in row if c.value)
    assert "General rules" in text and "Turkish format: 1.009.098" in text and "Genel kurallar" not in text
    assert [c.value for c in book["units"][1]] == ["code", "name", "parent_code", "kind", "seq"]
    validation = book["sp_indicators"].data_validations.dataValidation[0]
    assert validation.error.startswith("Must be one of: ") and validation.formula1 in (
        '"increase,decrease"',
        '"yes,no"',
    )
    # Turkish by default, and the importer ignores the instructions sheet in either language.
    assert load_workbook(io.BytesIO(template_build())).sheetnames[0] == str(INSTRUCTIONS_SHEET) == "Açıklamalar"
    assert read_workbook(io.BytesIO(template_build())).sheet("units") == []


def test_errors_are_in_the_users_language_and_name_sheet_row_column(demo):
    sheets = administration_sheets(administration=demo)
    sheets["pp_indicators"][0]["target"] = "yüz"
    sheets["quarterly_values"][0]["quarter"] = 5
    with translation.override("en"), pytest.raises(DatasetError) as caught:
        _dataset(sheets)
    messages = {(e.sheet, e.row, e.column): e.message for e in caught.value.errors}
    assert messages[("pp_indicators", 2, "target")].startswith("“yüz” is not a number")
    assert messages[("quarterly_values", 2, "quarter")] == "The quarter must be between 1 and 4; “5” was written."
    with translation.override("en"):
        assert str(caught.value.errors[0]).startswith("pp_indicators, row 2, column “target”: ")


def test_a_preview_in_english_confirms_in_turkish_and_reimporting_in_english_changes_nothing(demo):
    sheets = administration_sheets(administration=demo)
    with translation.override("en"):
        assert workbook_import(dataset=_dataset(sheets), administration=demo, actor=None).changed == 0
    assert BudgetTransfer.objects.filter(imported=True, reason__startswith="İçe aktarma: yıl içinde").exists()
    assert not BudgetTransfer.objects.filter(reason__startswith="Import").exists()
    sheets["aims"][0]["title"] = "Yeni başlık"
    with translation.override("en"):
        preview = workbook_import(dataset=_dataset(sheets), administration=demo, actor=None, dry_run=True)
    assert "aim" in preview.counts and preview.counts["aim"].updated == 1
    with translation.override("tr"):
        summary = workbook_import(
            dataset=_dataset(sheets), administration=demo, actor=None, expected_fingerprint=preview.fingerprint
        )
    assert summary.counts["amaç"].updated == 1 and summary.fingerprint == preview.fingerprint
    assert summary.changed == 1
