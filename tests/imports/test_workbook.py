"""The import workbook: template, Turkish numbers, every error with its place and nothing written,
the dry-run preview, idempotent re-import, in-place updates with audit, locked quarters, round trip."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from accounts.models import Unit
from budget.models import BudgetLine
from core.models import AuditEntry
from imports.dataset import SHEETS, DatasetError, read_csv_folder
from imports.demo import DEMO_DATA_DIR
from imports.readers.quarters import outlier_warnings
from imports.selectors import administration_sheets
from imports.services import workbook_import
from imports.workbook import INSTRUCTIONS_SHEET, WORKBOOK_SHEETS, read_workbook, template_build, workbook_build
from indicators.models import PPIndicator, QuarterlyValue
from plans.models import Aim, SPIndicator, SPIndicatorYear, Target
from submissions.choices import SubmissionState
from submissions.models import Submission

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, int]:
    models = [Unit, Aim, Target, SPIndicator, SPIndicatorYear, PPIndicator, QuarterlyValue, BudgetLine, AuditEntry]
    return {m.__name__: m.objects.count() for m in models}


def _sheets(administration) -> dict[str, list[dict]]:
    return administration_sheets(administration=administration)


def _read(sheets) -> object:
    return read_workbook(io.BytesIO(workbook_build(sheets)))


def _row(sheets, sheet: str, **match) -> dict:
    return next(r for r in sheets[sheet] if all(r[k] == v for k, v in match.items()))


def _import(administration, sheets, *, dry_run=False, reason=""):
    return workbook_import(
        dataset=_read(sheets), administration=administration, actor=None, dry_run=dry_run, reason=reason
    )


def test_template_has_one_sheet_per_kind_with_headers_lists_and_turkish_instructions():
    book = load_workbook(io.BytesIO(template_build()))
    assert book.sheetnames == [INSTRUCTIONS_SHEET, *WORKBOOK_SHEETS]
    assert [c.value for c in book["units"][1]] == ["code", "name", "parent_code", "kind", "seq"]
    assert [c.value for c in book["budget_lines"][1]][:7] == [
        "year",
        "econ_code",
        "econ_name",
        "program",
        "sub_program",
        "activity",
        "unit_code",
    ]
    lists = {
        sheet: sorted(v.formula1 for v in book[sheet].data_validations.dataValidation)
        for sheet in ("units", "sp_indicators", "pp_indicators")
    }
    assert lists["units"] == ['"directorate_general,department,other_central,provincial"']
    assert lists["sp_indicators"] == ['"increase,decrease"', '"yes,no"']
    assert '"sum,last,average,ratio,manual"' in lists["pp_indicators"]
    instructions = " ".join(str(c.value) for row in book[INSTRUCTIONS_SHEET].iter_rows() for c in row if c.value)
    assert "Türkçe biçimde" in instructions and "1.009.098" in instructions
    # The blank template reads as a data set with nothing in it (its units sheet is there, empty).
    assert read_workbook(io.BytesIO(template_build())).sheet("units") == []


def test_the_same_workbook_again_changes_nothing(demo):
    before = _snapshot()
    summary = _import(demo, _sheets(demo))
    assert summary.changed == 0
    assert summary.counts["üç aylık değer"].unchanged == 84
    assert _snapshot() == before


def test_round_trip_import_export_import_changes_nothing(demo):
    first = workbook_build(_sheets(demo))
    summary = workbook_import(dataset=read_workbook(io.BytesIO(first)), administration=demo, actor=None, dry_run=False)
    assert summary.changed == 0
    again = _sheets(demo)
    second = read_workbook(io.BytesIO(workbook_build(again)))
    assert second.rows == read_workbook(io.BytesIO(first)).rows
    assert workbook_import(dataset=second, administration=demo, actor=None).changed == 0


def test_a_changed_cell_updates_in_place_with_audit(demo):
    sheets = _sheets(demo)
    _row(sheets, "pp_indicators", code="GYH.01")["target"] = Decimal(960000)
    indicator = PPIndicator.objects.get(code="GYH.01")
    summary = _import(demo, sheets, reason="Hedef revize edildi")  # it has values (tests/imports/test_revisions.py)
    assert summary.counts["performans göstergesi"].updated == 1
    assert summary.changed == 1
    indicator.refresh_from_db()
    assert indicator.target_value == Decimal(960000)
    assert PPIndicator.objects.filter(code="GYH.01").count() == 1
    entry = AuditEntry.objects.filter(object_id=str(indicator.pk), action="update").latest("pk")
    assert entry.changes == {"target_value": ["950000.0000", "960000"]}


def test_turkish_text_numbers_and_numeric_cells_read_the_same():
    sheets = {
        "units": [{"code": "U1", "name": "Birim", "parent_code": "", "kind": "department"}],
        "pp_indicators": [
            {
                "code": "X.01",
                "year": "2025",
                "program": "P",
                "sub_program": "S",
                "name": "Gösterge",
                "unit": "Yüzde",
                "direction": "increase",
                "aggregation": "sum",
                "prev_year": 2024,
                "prev_value": "1.009.098",
                "target": "18,99",
                "responsible_unit_code": "U1",
            }
        ],
        "quarterly_values": [
            {"indicator_code": "X.01", "year": 2025, "quarter": 1, "value": Decimal("913719")},
            {"indicator_code": "X.01", "year": 2025, "quarter": "2", "value": "-1,31"},
        ],
    }
    sheets["pp_indicators"][0]["allows_negative"] = "yes"
    dataset = _read(sheets)
    row = dataset.sheet("pp_indicators")[0]
    assert (row["prev_value"], row["target"], row["year"]) == (Decimal("1009098"), Decimal("18.99"), 2025)
    assert [q["value"] for q in dataset.sheet("quarterly_values")] == [Decimal(913719), Decimal("-1.31")]


def _minimal() -> dict[str, list[dict]]:
    """A small valid workbook: two units, one RATIO and one SUM indicator with a quarter each."""
    indicator = {
        "year": 2025,
        "program": "Göç Yönetimi",
        "sub_program": "Düzensiz Göç",
        "name": "Gösterge",
        "unit": "Sayı",
        "direction": "increase",
        "target": 100,
        "responsible_unit_code": "DB1",
    }
    return {
        "units": [
            {"code": "GM", "name": "Genel Müdürlük", "parent_code": "", "kind": "directorate_general"},
            {"code": "DB1", "name": "Birinci Daire", "parent_code": "GM", "kind": "department"},
        ],
        "pp_indicators": [
            {**indicator, "code": "R.01", "aggregation": "ratio"},
            {**indicator, "code": "S.01", "aggregation": "sum"},
        ],
        "quarterly_values": [
            {"indicator_code": "R.01", "year": 2025, "quarter": 1, "value": 50, "numerator": 5, "denominator": 10},
            {"indicator_code": "S.01", "year": 2025, "quarter": 1, "value": 7},
        ],
    }


def _unknown_unit(s):
    s["pp_indicators"][1]["responsible_unit_code"] = "YOK"


def _duplicate_code(s):
    s["units"].append({"code": "DB1", "name": "Yine Birinci", "parent_code": "", "kind": "department"})


def _not_a_number(s):
    s["pp_indicators"][0]["target"] = "yüz"


def _quarter_five(s):
    s["quarterly_values"][1]["quarter"] = 5


def _ratio_without_parts(s):
    s["quarterly_values"][0].update(numerator=None, denominator=None)


def _parts_on_a_sum(s):
    s["quarterly_values"][1].update(numerator=1, denominator=2)


def _manual_value_in_q1(s):
    s["pp_indicators"][1]["aggregation"] = "manual"


def _ratio_value_contradicting_its_parts(s):
    s["quarterly_values"][0]["value"] = 60  # 5 ÷ 10 × 100 is 50


def _bad_enumeration(s):
    s["pp_indicators"][0]["aggregation"] = "median"


def _decimals_out_of_range(s):
    s["pp_indicators"][1]["decimals"] = 5


def _more_decimals_than_the_indicator_takes(s):
    s["pp_indicators"][1].update(unit="Puan", decimals=1)
    s["quarterly_values"][1]["value"] = Decimal("7.25")


@pytest.mark.parametrize(
    ("spoil", "sheet", "row", "column", "message"),
    [
        (_unknown_unit, "pp_indicators", 3, "responsible_unit_code", "Bilinmeyen birim kodu: “YOK”"),
        (_duplicate_code, "units", 4, "code", "Aynı kayıt 3. satırda da var"),
        (_not_a_number, "pp_indicators", 2, "target", "“yüz” bir sayı değil"),
        (_quarter_five, "quarterly_values", 3, "quarter", "Dönem 1 ile 4 arasında olmalı"),
        (_ratio_without_parts, "quarterly_values", 2, "numerator", "pay ve payda birlikte girilmeli"),
        (_bad_enumeration, "pp_indicators", 2, "aggregation", "şunlardan biri olmalı: sum, last"),
        (_decimals_out_of_range, "pp_indicators", 3, "decimals", "0 ile 4 arasında olmalı"),
        (_more_decimals_than_the_indicator_takes, "quarterly_values", 3, "value", "en fazla 1 ondalıkla girilir"),
        # The form's and the value service's rules, with their messages.
        (_parts_on_a_sum, "quarterly_values", 3, "numerator", "Pay ve payda yalnızca oran göstergelerinde girilir."),
        (_manual_value_in_q1, "quarterly_values", 3, "value", "yalnızca 4. dönemde girilir"),
        (
            _ratio_value_contradicting_its_parts,
            "quarterly_values",
            2,
            "value",
            "5 ÷ 10 × 100 = 50,00; yazılan 60 bununla uyuşmuyor",
        ),
    ],
)
def test_each_error_names_sheet_row_column_and_writes_nothing(scenario, spoil, sheet, row, column, message):
    sheets = _minimal()
    assert _import(scenario.administration, sheets, dry_run=True).counts["performans göstergesi"].created == 2
    spoil(sheets)
    before = _snapshot()
    with pytest.raises(DatasetError) as caught:
        _import(scenario.administration, sheets)
    assert any(
        (e.sheet, e.row, e.column) == (sheet, row, column) and message in e.message for e in caught.value.errors
    ), caught.value.errors
    assert _snapshot() == before


def test_a_ratio_quarter_value_is_computed_as_the_form_computes_it(scenario):
    sheets = _minimal()
    sheets["quarterly_values"][0].update(value=None, numerator=6, denominator=43)
    _import(scenario.administration, sheets)
    row = QuarterlyValue.objects.get(indicator__code="R.01", quarter=1)
    assert row.value == Decimal("13.9535")  # what Form-3 stores for 6 ÷ 43
    sheets["quarterly_values"][0]["value"] = Decimal("13.95")  # written at two decimals: agrees, same figure
    before = _snapshot()
    _import(scenario.administration, sheets)
    assert QuarterlyValue.objects.get(pk=row.pk).value == Decimal("13.9535")
    assert _snapshot() == before


def test_every_problem_is_reported_at_once():
    sheets = _minimal()
    _not_a_number(sheets)
    _quarter_five(sheets)
    with pytest.raises(DatasetError) as caught:
        _read(sheets)
    assert {(e.sheet, e.column) for e in caught.value.errors} == {
        ("pp_indicators", "target"),
        ("quarterly_values", "quarter"),
    }


def test_a_workbook_of_another_administration_is_refused(scenario, demo):
    sheets = _sheets(demo)  # carries its own administration sheet, GIB
    with pytest.raises(DatasetError) as caught:
        _import(scenario.administration, sheets)
    assert "başka bir idareye ait" in caught.value.errors[0].message


def test_dry_run_counts_what_would_change_and_writes_nothing(demo):
    sheets = _sheets(demo)
    sheets["units"].append({"code": "YENI", "name": "Yeni Daire", "parent_code": "", "kind": "department"})
    _row(sheets, "quarterly_values", indicator_code="GYH.02", quarter=1)["narrative"] = "Yeni metin"
    Submission.objects.filter(quarter=1).update(state=SubmissionState.DRAFT)  # an open quarter
    before = _snapshot()
    summary = _import(demo, sheets, dry_run=True)
    assert (summary.counts["birim"].created, summary.counts["birim"].unchanged) == (1, 131)
    quarters = summary.counts["üç aylık değer"]
    assert (quarters.created, quarters.updated, quarters.unchanged) == (0, 1, 83)
    [(label, old, new)] = quarters.changes[0][1]
    assert (label, new) == ("değerlendirme", "Yeni metin")
    assert old == QuarterlyValue.objects.get(indicator__code="GYH.02", quarter=1).narrative
    assert summary.changed == 2
    warnings = [str(w) for w in summary.warnings]
    assert warnings[0] == "sp_indicators, sütun “weight”: H2.3 hedefinin gösterge ağırlıkları toplamı %80, 100 değil."
    # The entry checks of Form-3 on the report's own figures: doubtful, listed, not refused.
    assert "Birikimli (son değer) gösterge azaldı: önceki dönem 1.009.440, şimdi 974.165." in " ".join(warnings)
    assert len(warnings) == 8 and all(w.startswith("quarterly_values, satır ") for w in warnings[1:])
    assert _snapshot() == before
    assert not Unit.objects.filter(code="YENI").exists()


def test_a_value_for_an_approved_quarter_is_refused(demo):
    sheets = _sheets(demo)
    _row(sheets, "quarterly_values", indicator_code="GYH.01", quarter=4)["value"] = Decimal(1)
    before = _snapshot()
    with pytest.raises(DatasetError) as caught:
        _import(demo, sheets)
    [error] = caught.value.errors
    assert (error.sheet, error.column) == ("quarterly_values", "value")
    assert "2024 yılı 4. dönem kilitli (Onaylandı)" in error.message
    # Nothing changed but the refusal, recorded in the quarter's history.
    assert _snapshot() == {**before, "AuditEntry": before["AuditEntry"] + 1}
    refusal = AuditEntry.objects.get(action="refused")
    assert refusal.reason == "İçe aktarma: Onaylandı" and refusal.changes["GYH.01.value"] == [None, "1"]


def test_a_value_for_a_closed_year_is_refused_even_in_a_draft_quarter(demo):
    Submission.objects.update(state=SubmissionState.DRAFT)
    demo.performance_programs.filter(year=2024).update(is_closed=True)
    sheets = _sheets(demo)
    _row(sheets, "quarterly_values", indicator_code="GYH.01", quarter=2)["narrative"] = "Değişti"
    with pytest.raises(DatasetError) as caught:
        _import(demo, sheets)
    assert "2024 yılı kapatıldı" in caught.value.errors[0].message
    assert AuditEntry.objects.get(action="refused").reason == "İçe aktarma: Yıl kapatıldı"


def test_a_value_for_a_draft_quarter_is_accepted(demo):
    Submission.objects.filter(quarter=4).update(state=SubmissionState.DRAFT)
    sheets = _sheets(demo)
    _row(sheets, "quarterly_values", indicator_code="GYH.01", quarter=4)["value"] = Decimal(913720)
    assert _import(demo, sheets).counts["üç aylık değer"].updated == 1
    assert QuarterlyValue.objects.get(indicator__code="GYH.01", quarter=4).value == Decimal(913720)


def test_import_workbook_command_dry_run_and_errors(demo, tmp_path):
    path = tmp_path / "veri.xlsx"
    call_command("export_workbook", out=path, stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_workbook", str(path), dry_run=True, stdout=out)
    assert "üç aylık değer: 0 yeni, 0 değişecek/değişti, 84 aynı" in out.getvalue()
    assert "Deneme: hiçbir şey yazılmadı." in out.getvalue()
    book = load_workbook(path)
    book["quarterly_values"]["C2"] = 7  # quarter 7
    book.save(path)
    before = _snapshot()
    with pytest.raises(CommandError) as caught:
        call_command("import_workbook", str(path), stdout=io.StringIO())
    assert "quarterly_values, satır 2, sütun “quarter”: Dönem 1 ile 4 arasında olmalı" in str(caught.value)
    assert _snapshot() == before


def test_import_workbook_command_without_administration_sheet_uses_the_only_one(scenario, tmp_path):
    path = tmp_path / "yeni.xlsx"
    path.write_bytes(workbook_build(_minimal()))
    out = io.StringIO()
    call_command("import_workbook", str(path), stdout=out)
    assert "Yüklendi" in out.getvalue()
    assert PPIndicator.objects.get(code="R.01").performance_program.administration == scenario.administration


def test_the_demo_csv_files_are_the_workbooks_sheets():
    """load_demo reads CSV files that are exactly the workbook's sheets, through the same importer."""
    for path in sorted(DEMO_DATA_DIR.glob("*.csv")):
        sheet = path.stem if path.stem in SHEETS else path.stem.split("_")[0]
        with path.open(encoding="utf-8") as handle:
            assert next(csv.reader(handle)) == [c.name for c in SHEETS[sheet]], path.name
    from_csv = read_csv_folder(DEMO_DATA_DIR)
    as_workbook = _read(from_csv.rows)

    def without_row_numbers(rows):  # printed_budget.csv continues the printed sheet, so its rows renumber
        return {name: [{k: v for k, v in r.items() if k != "_row"} for r in sheet] for name, sheet in rows.items()}

    assert without_row_numbers(as_workbook.rows) == without_row_numbers(from_csv.rows)


def test_numeric_cells_are_exact_and_more_decimals_than_kept_are_refused():
    sheets = _minimal()
    sheets["pp_indicators"][1]["unit"] = "Yüzde"  # a count indicator would refuse any decimal
    sheets["quarterly_values"][1]["value"] = 18.99  # a float cell reads as the 18.99 a person typed
    assert _read(sheets).sheet("quarterly_values")[1]["value"] == Decimal("18.99")
    sheets["quarterly_values"][1]["value"] = 2.718281828  # e.g. a formula's result, more than a value keeps
    with pytest.raises(DatasetError) as caught:
        _read(sheets)
    [error] = caught.value.errors
    assert (error.sheet, error.row, error.column) == ("quarterly_values", 3, "value")
    assert "En fazla 4 ondalık basamak" in error.message


def test_data_source_travels_through_the_workbook(demo):
    """The data source column is exported, imported in place with audit, and read back unchanged."""
    sheets = _sheets(demo)
    assert _row(sheets, "pp_indicators", code="GYH.01")["data_source"] == ""
    _row(sheets, "pp_indicators", code="GYH.01")["data_source"] = "e-İkamet sistemi"
    _row(sheets, "sp_indicators", code="PG1.1.1")["data_source"] = "Vize başvuru kayıtları"
    summary = _import(demo, sheets)
    assert summary.changed == 2
    assert PPIndicator.objects.get(code="GYH.01").data_source == "e-İkamet sistemi"
    assert SPIndicator.objects.get(code="PG1.1.1").data_source == "Vize başvuru kayıtları"
    again = _sheets(demo)
    assert _row(again, "pp_indicators", code="GYH.01")["data_source"] == "e-İkamet sistemi"
    assert _row(again, "sp_indicators", code="PG1.1.1")["data_source"] == "Vize başvuru kayıtları"
    assert _import(demo, again).changed == 0


def test_evidence_required_travels_through_the_workbook_beside_the_data_source(demo):
    sheets = _sheets(demo)
    header = list(sheets["pp_indicators"][0])
    assert header.index("evidence_required") == header.index("data_source") + 1
    book = load_workbook(io.BytesIO(workbook_build(sheets)))
    cells = [c.value for c in book["pp_indicators"][1]]
    assert cells.index("evidence_required") == cells.index("data_source") + 1
    assert any("yes" in v.formula1 for v in book["pp_indicators"].data_validations.dataValidation)
    assert _row(sheets, "pp_indicators", code="GYH.01")["evidence_required"] is False
    _row(sheets, "pp_indicators", code="GYH.01")["evidence_required"] = "evet"
    assert _import(demo, sheets).changed == 1
    assert PPIndicator.objects.get(code="GYH.01").evidence_required is True
    again = _sheets(demo)
    assert _row(again, "pp_indicators", code="GYH.01")["evidence_required"] is True
    assert _import(demo, again).changed == 0
    # An empty cell, or a workbook from before the column, leaves it as the plan screen set it.
    for row in again["pp_indicators"]:
        row["evidence_required"] = ""
    assert _import(demo, again).changed == 0
    older = load_workbook(io.BytesIO(workbook_build(again)))
    sheet = older["pp_indicators"]
    sheet.delete_cols([c.value for c in sheet[1]].index("evidence_required") + 1)
    buffer = io.BytesIO()
    older.save(buffer)
    summary = workbook_import(dataset=read_workbook(io.BytesIO(buffer.getvalue())), administration=demo, actor=None)
    assert summary.changed == 0
    assert PPIndicator.objects.get(code="GYH.01").evidence_required is True
    # A cell that is neither yes nor no is refused with the sheet, row and column, nothing written.
    _row(again, "pp_indicators", code="GYH.01")["evidence_required"] = "belki"
    with pytest.raises(DatasetError) as caught:
        _read(again)
    [error] = caught.value.errors
    assert (error.sheet, error.column) == ("pp_indicators", "evidence_required")
    assert error.message == "“belki” geçerli değil: yes veya no yazın."


def test_the_units_order_travels_through_the_workbook(demo):
    """`seq` is the administration's own order of its units: exported, imported in place, optional."""
    sheets = _sheets(demo)
    assert [r["code"] for r in sheets["units"][:3]] == ["OKM", "DIDB", "RDB"]  # the demo's order, as Tablo 11
    _row(sheets, "units", code="IGIM")["seq"] = 1
    assert _import(demo, sheets).changed == 1
    assert Unit.objects.get(code="IGIM").seq == 1
    assert AuditEntry.objects.filter(action="update", changes__has_key="seq").exists()
    again = _sheets(demo)
    assert again["units"][0]["code"] == "IGIM"
    assert _import(demo, again).changed == 0
    # An empty cell, or a workbook from before the column, leaves the order as it is; a new unit takes 0.
    for row in again["units"]:
        row["seq"] = ""
    again["units"].append({"code": "YENI", "name": "Yeni Birim", "parent_code": "", "kind": "other_central", "seq": ""})
    older = load_workbook(io.BytesIO(workbook_build(again)))
    sheet = older["units"]
    sheet.delete_cols([c.value for c in sheet[1]].index("seq") + 1)
    buffer = io.BytesIO()
    older.save(buffer)
    summary = workbook_import(dataset=read_workbook(io.BytesIO(buffer.getvalue())), administration=demo, actor=None)
    assert summary.counts["birim"].created == 1 and summary.counts["birim"].updated == 0
    assert (Unit.objects.get(code="IGIM").seq, Unit.objects.get(code="YENI").seq) == (1, 0)
    # A negative or broken number is refused with the sheet, row and column, as every integer column is.
    for written, message in [(-5, "Sıra numarası eksi olamaz; “-5” yazılmış."), (2.5, "“2.5” bir tam sayı değil.")]:
        _row(again, "units", code="OKM")["seq"] = written
        with pytest.raises(DatasetError) as caught:
            _read(again)
        [error] = caught.value.errors
        assert (error.sheet, error.column, error.message) == ("units", "seq", message)


def test_a_count_indicators_decimal_is_refused_and_an_outlier_listed_with_the_forms_messages():
    sheets = _minimal()
    sheets["quarterly_values"][1]["value"] = "7,5"
    with pytest.raises(DatasetError) as caught:
        _read(sheets)
    [error] = caught.value.errors
    assert (error.row, error.column) == (3, "value")
    assert error.message == "“Sayı” ile ölçülen bir gösterge tam sayı alır; ondalık girilemez."
    sheets["quarterly_values"][1]["value"] = 7
    sheets["quarterly_values"].append({"indicator_code": "S.01", "year": 2025, "quarter": 2, "value": 70})
    [warning] = outlier_warnings(_read(sheets))
    assert (warning.row, warning.column) == (4, "value")
    assert warning.message == "Olağan dışı değer: 70, önceki dönem değerine (7) göre 3 kattan fazla değişti."


def test_an_outlier_the_preview_lists_is_kept_as_confirmed_by_the_importer_like_the_forms(scenario):
    from core.history import history_rows
    from indicators.models import QuarterlyValue

    sheets = _minimal()
    sheets["quarterly_values"][1]["value"] = 7
    sheets["quarterly_values"].append({"indicator_code": "S.01", "year": 2025, "quarter": 2, "value": 70})
    preview = _import(scenario.administration, sheets, dry_run=True)
    [listed] = [w.message for w in preview.warnings if w.sheet == "quarterly_values"]
    _import(scenario.administration, sheets, reason="Yıllık veri aktarımı")
    value = QuarterlyValue.objects.get(indicator__code="S.01", quarter=2)
    assert value.confirmed_warnings == [{"code": "outlier_previous_quarter", "message": listed}]
    assert value.warning_comment.startswith("İçe aktaran, önizlemede listelenen uyarıyı onaylayarak")
    assert "Yıllık veri aktarımı" in value.warning_comment
    assert QuarterlyValue.objects.get(indicator__code="S.01", quarter=1).confirmed_warnings == []
    [row] = [r for r in history_rows(objects=[value]) if r.action == "Uyarılar doğrulandı"]
    assert {c.field: c.new for c in row.changes}["Doğrulanan uyarılar"] == listed
    assert "[" not in " ".join(c.new + c.old for r in history_rows(objects=[value]) for c in r.changes)
    # Imported again unchanged, the value keeps its confirmation and no new entry is written.
    assert _import(scenario.administration, sheets).changed == 0
    # A changed value that raises no warning drops the earlier confirmation, as a Form-3 save does.
    sheets["quarterly_values"][-1]["value"] = 8
    _import(scenario.administration, sheets)
    value.refresh_from_db()
    assert (value.confirmed_warnings, value.warning_comment) == ([], "")


def test_an_indicators_decimals_come_from_its_column_or_from_its_figures(scenario):
    from indicators.models import PPIndicator

    sheets = _minimal()
    sheets["pp_indicators"].append({**sheets["pp_indicators"][1], "code": "S.02", "target": Decimal("12.5")})
    sheets["pp_indicators"].append({**sheets["pp_indicators"][1], "code": "S.03", "decimals": 3})
    _import(scenario.administration, sheets)
    decimals = dict(PPIndicator.objects.filter(performance_program__year=2025).values_list("code", "decimals"))
    assert decimals == {"R.01": 2, "S.01": 0, "S.02": 1, "S.03": 3}  # a ratio two; the target's; the column's
