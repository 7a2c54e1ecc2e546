"""Turkish and English number formatting and Turkish number parsing."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.numbers import NumberParseError, format_decimal, format_percent, parse_decimal


@pytest.mark.parametrize(
    ("value", "places", "language", "expected"),
    [
        (Decimal("1009098"), None, "tr", "1.009.098"),
        (Decimal("1009098"), None, "en", "1,009,098"),
        (Decimal("18.99"), None, "tr", "18,99"),
        (Decimal("18.99"), None, "en", "18.99"),
        (Decimal("18.9944"), 2, "tr", "18,99"),
        (Decimal("-1.31"), None, "tr", "-1,31"),
        (Decimal("96.80"), None, "tr", "96,8"),
        (Decimal("913719.0000"), None, "tr", "913.719"),
        (Decimal("2935994"), None, "tr", "2.935.994"),
        (Decimal("0.5"), 0, "tr", "1"),  # half-up, as the report rounds
        (Decimal("-0.001"), 2, "tr", "0,00"),  # rounds to zero: no "-0,00"
        (Decimal("999.995"), 2, "tr", "1.000,00"),
        (Decimal("0"), None, "tr", "0"),
        (None, None, "tr", ""),
        (2024, None, "tr", "2.024"),  # a figure, not a year: years are never passed through here
    ],
)
def test_format_decimal(value, places, language, expected):
    assert format_decimal(value, places, language=language) == expected


@pytest.mark.parametrize(
    ("value", "places", "language", "expected"),
    [
        (Decimal("96.18"), 0, "tr", "%96"),
        (Decimal("96.18"), 0, "en", "96%"),
        (Decimal("37.98"), 2, "tr", "%37,98"),
        (Decimal("-26.2"), 0, "tr", "-%26"),
        (None, 0, "tr", ""),
    ],
)
def test_format_percent(value, places, language, expected):
    assert format_percent(value, places, language=language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.009.098", Decimal("1009098")),
        ("1009098", Decimal("1009098")),
        ("18,99", Decimal("18.99")),
        ("-1,31", Decimal("-1.31")),
        (" 950.000 ", Decimal("950000")),
        ("1.009.098,5", Decimal("1009098.5")),
        ("0", Decimal("0")),
    ],
)
def test_parse_accepts_turkish_numbers(text, expected):
    assert parse_decimal(text) == expected


@pytest.mark.parametrize(
    ("text", "message_part"),
    [
        ("abc", "bir sayı değil"),
        ("1,2,3", "bir sayı değil"),
        ("NaN", "bir sayı değil"),
        ("Infinity", "bir sayı değil"),
        ("1.00.0", "bir sayı değil"),
        ("18.99", "bir sayı değil"),  # an English decimal point is refused, not read as 1899
        ("", "Bir sayı girin"),
        ("1,23456", "ondalık basamak"),
        ("1" * 17, "çok büyük"),
    ],
)
def test_parse_refuses_with_a_turkish_message(text, message_part):
    with pytest.raises(NumberParseError, match=message_part):
        parse_decimal(text)


@given(
    st.decimals(min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=4, allow_nan=False, allow_infinity=False)
)
def test_formatted_turkish_number_parses_back_to_the_same_value(value):
    assert parse_decimal(format_decimal(value, language="tr")) == value
