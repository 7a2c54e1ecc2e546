"""Numbers in English: written 1,009,098 and 18.99, read back the same way, messages in English."""

from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from core.forms import TurkishDecimalField
from core.numbers import NumberParseError, format_decimal, format_percent, parse_decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,009,098", Decimal("1009098")),
        ("18.99", Decimal("18.99")),
        ("-1.31", Decimal("-1.31")),
        ("1009098", Decimal("1009098")),
        ("1,009,098.5", Decimal("1009098.5")),
    ],
)
def test_parse_accepts_english_numbers(text, expected):
    assert parse_decimal(text, language="en") == expected


@pytest.mark.parametrize("text", ["18,99", "1.009.098", "1,00,0", "abc"])
def test_parse_refuses_turkish_writing_in_english(text):
    # "1.009.098" is not silently read as 1.009 in English, nor "18,99" as 1899.
    with pytest.raises(NumberParseError):
        parse_decimal(text, language="en")


@given(
    st.decimals(min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=4, allow_nan=False, allow_infinity=False)
)
def test_formatted_english_number_parses_back_to_the_same_value(value):
    assert parse_decimal(format_decimal(value, language="en"), language="en") == value


def test_percent_in_each_language():
    assert format_percent(Decimal("96.4"), 1, language="tr") == "%96,4"
    assert format_percent(Decimal("96.4"), 1, language="en") == "96.4%"


def test_the_form_field_follows_the_page_language():
    field = TurkishDecimalField()
    with translation.override("en"):
        assert field.clean("1,009,098.5") == Decimal("1009098.5")
        assert field.prepare_value(Decimal("1009098.5")) == "1,009,098.5"
        with pytest.raises(Exception, match=r"is not a number\. Write it like this: 1,009,098 / 18\.99"):
            field.clean("18,99")
    with translation.override("tr"):
        assert field.clean("1.009.098,5") == Decimal("1009098.5")
        with pytest.raises(Exception, match=r"bir sayı değil\. Şöyle yazın: 1\.009\.098 / 18,99"):
            field.clean("18.99")
