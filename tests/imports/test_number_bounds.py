"""Numbers beyond the column: 1e300, NaN, Infinity and too many decimals are refused on every path (the
import, the form, the service, the admin's form) with the form's one message, and nothing is stored."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget.models import BudgetLine
from core.forms import TurkishDecimalField
from core.numbers import NumberParseError, decimal_bound_check
from imports.dataset import DatasetError
from imports.selectors import administration_sheets
from imports.services import workbook_import
from imports.workbook import read_workbook, workbook_build
from indicators.models import QuarterlyValue
from indicators.services import quarterly_value_save

TOO_BIG = "Sayı çok büyük: en fazla 16 tam basamak girilebilir."


@pytest.mark.parametrize(
    ("number", "message"),
    [
        (Decimal("1e300"), TOO_BIG),
        (Decimal("-1e300"), TOO_BIG),
        (Decimal("10000000000000000"), TOO_BIG),
        (Decimal("1.00001"), "En fazla 4 ondalık basamak girilebilir."),
        (Decimal("NaN"), "bir sayı değil"),
        (Decimal("Infinity"), "bir sayı değil"),
        (Decimal("-Infinity"), "bir sayı değil"),
    ],
)
def test_the_bound_rule_refuses_what_the_column_cannot_hold(number, message):
    with pytest.raises(NumberParseError, match=message.replace(".", r"\.")):
        decimal_bound_check(number, max_digits=20, decimal_places=4)


@pytest.mark.parametrize("number", ["9999999999999999.9999", "-1.31", "0.0001", "0", "1E+3"])
def test_the_bound_rule_keeps_what_the_column_holds(number):
    assert decimal_bound_check(Decimal(number), max_digits=20, decimal_places=4) == Decimal(number)


def test_the_form_says_the_same():
    with pytest.raises(ValidationError) as caught:
        TurkishDecimalField().clean("1" + "0" * 20)
    assert caught.value.messages == [TOO_BIG]


@pytest.mark.django_db
def test_the_models_form_field_says_the_same():
    """The admin's forms are the model fields' form fields: the same rule and message."""
    field = QuarterlyValue._meta.get_field("value").formfield()
    with pytest.raises(ValidationError) as caught:
        field.clean("1e300")
    assert caught.value.messages == [TOO_BIG]
    money = BudgetLine._meta.get_field("initial_appropriation").formfield()
    with pytest.raises(ValidationError) as caught:
        money.clean("12.345")
    assert caught.value.messages == ["En fazla 2 ondalık basamak girilebilir."]


@pytest.mark.django_db
def test_the_service_refuses_and_stores_nothing(scenario):
    indicator = scenario.indicators["sum"]
    with pytest.raises(ValidationError) as caught:
        quarterly_value_save(
            indicator=indicator, quarter=1, value=Decimal("1e300"), actor=scenario.entry, expected_version=None
        )
    assert TOO_BIG in caught.value.messages
    assert not QuarterlyValue.objects.filter(indicator=indicator).exists()


def _snapshot():
    return (
        sorted(QuarterlyValue.objects.values_list("pk", "value", "numerator", "denominator", "year_end_estimate")),
        sorted(BudgetLine.objects.values_list("pk", "initial_appropriation")),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sheet", "column", "value", "message"),
    [
        ("quarterly_values", "year_end_estimate", Decimal("1e300"), TOO_BIG),
        ("quarterly_values", "year_end_estimate", "1" + "0" * 30, TOO_BIG),
        ("budget_lines", "kbo", Decimal("1e300"), TOO_BIG),
        ("budget_lines", "kbo", Decimal("10.123"), "En fazla 2 ondalık basamak girilebilir."),
        ("pp_indicators", "target", Decimal("1e300"), TOO_BIG),
        ("pp_indicators", "year", Decimal("1e300"), "çok büyük"),
    ],
)
def test_the_import_refuses_a_number_beyond_its_column_and_stores_nothing(demo, sheet, column, value, message):
    sheets = administration_sheets(administration=demo)
    sheets[sheet][0][column] = value
    before = _snapshot()
    with pytest.raises(DatasetError) as caught:
        workbook_import(
            dataset=read_workbook(io.BytesIO(workbook_build(sheets))), administration=demo, actor=None, dry_run=True
        )
    [error] = [e for e in caught.value.errors if e.column == column]
    assert error.sheet == sheet and error.row == 2
    assert message in error.message
    assert _snapshot() == before


def _with_cell(content: bytes, old: bytes, new: bytes) -> bytes:
    """Return the workbook with one numeric cell's stored text replaced (as another program might write it)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/") and old in data:
                data = data.replace(old, new, 1)
            target.writestr(item, data)
    return out.getvalue()


@pytest.mark.parametrize("stored", [b"NaN", b"INF", b"-inf", b"1e400", b"abc"])
def test_a_numeric_cell_holding_nan_infinity_or_junk_is_refused_with_a_message(stored):
    sheets = {
        "units": [{"code": "GM", "name": "Genel Müdürlük", "parent_code": "", "kind": "directorate_general"}],
        "printed": [{"year": 2024, "table": "t", "row_key": "r", "column": "c", "value": "1"}],
        "quarterly_values": [{"indicator_code": "X", "year": 2024, "quarter": 1, "value": Decimal("424242")}],
    }
    content = _with_cell(workbook_build(sheets), b"<v>424242</v>", b"<v>" + stored + b"</v>")
    with pytest.raises(DatasetError) as caught:
        read_workbook(io.BytesIO(content))
    messages = [str(e) for e in caught.value.errors]
    assert any(
        "quarterly_values" in m and ("sayı değil" in m or "çok büyük" in m or "okunamadı" in m) for m in messages
    )
