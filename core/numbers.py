"""Pure Decimal helpers: Turkish (and English) number formatting and parsing.

Turkish writes 1.009.098 and 18,99; English writes 1,009,098 and 18.99. Values are formatted only
at the edge (templates, exports); everything else keeps exact Decimals.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

# Every rate (realization rate, target and indicator performance, budget shares, on-time share) is
# shown with this many decimals on every page and in every export: %96,18 (as the printed reports).
RATE_PLACES = 2
# Money (appropriations, spending, transfers) always with kuruş: 93.688.926,50.
MONEY_PLACES = 2
# The columns' precision (core.fields): digits in all, digits after the point. Every number entering
# by any path is checked against its column with `decimal_bound_check`.
VALUE_MAX_DIGITS, VALUE_PLACES = 20, 4
MONEY_MAX_DIGITS = 18
PERCENT_MAX_DIGITS, PERCENT_PLACES = 30, 6

# For each language, the thousands separator and then the decimal point.
SEPARATORS = {
    "tr": (".", ","),
    "en": (",", "."),
}


class NumberParseError(ValueError):
    """The text is not a number in the expected format; the message says why (Turkish source, translated)."""


def _separators(language: str) -> tuple[str, str]:
    return SEPARATORS.get((language or "tr")[:2], SEPARATORS["tr"])


def format_decimal(value: Decimal | int | None, places: int | None = None, *, language: str = "tr") -> str:
    """Return value with grouped thousands, e.g. 1.009.098 or 18,99; "" for None.

    With `places` the value is rounded half-up to that many decimals; without it, the value's own
    digits are kept and trailing zeros after the decimal point dropped (96,80 -> 96,8).
    """
    if value is None:
        return ""
    number = Decimal(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        digits = f"{abs(number):.{places}f}"
    else:
        digits = f"{abs(number):f}"
        if "." in digits:
            digits = digits.rstrip("0").rstrip(".")
    integer, _, fraction = digits.partition(".")
    thousands, decimal_point = _separators(language)
    grouped = f"{int(integer):,}".replace(",", thousands)
    sign = "-" if number < 0 and (int(integer) or (fraction and int(fraction))) else ""
    return f"{sign}{grouped}{decimal_point}{fraction}" if fraction else f"{sign}{grouped}"


def format_percent(value: Decimal | int | None, places: int = RATE_PLACES, *, language: str = "tr") -> str:
    """Return a percentage as the language writes it: %96,18 in Turkish, 96.18% in English."""
    if value is None:
        return ""
    text = format_decimal(value, places, language=language)
    if (language or "tr")[:2] == "tr":
        return f"-%{text[1:]}" if text.startswith("-") else f"%{text}"
    return f"{text}%"


def percent_fraction(value: Decimal | int | None, places: int = RATE_PLACES) -> Decimal | None:
    """Return a percentage (96.180947) as the fraction a spreadsheet's percent cell holds, rounded as
    shown: 0.9618 under a percent format reads %96,18, the figure every other format prints."""
    if value is None:
        return None
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP).scaleb(-2)


# For each language, a number written with grouped thousands or plainly.
_NUMBER_PATTERNS = {
    "tr": re.compile(
        r"""^[+-]?(
            \d{1,3}(\.\d{3})+(,\d+)?     # grouped: 1.009.098 or 1.009.098,5
            |\d+(,\d+)?                  # plain: 1009098 or 18,99
        )$""",
        re.VERBOSE,
    ),
    "en": re.compile(
        r"""^[+-]?(
            \d{1,3}(,\d{3})+(\.\d+)?     # grouped: 1,009,098 or 1,009,098.5
            |\d+(\.\d+)?                  # plain: 1009098 or 18.99
        )$""",
        re.VERBOSE,
    ),
}


def parse_decimal(text: str, *, max_digits: int = 20, decimal_places: int = 4, language: str = "tr") -> Decimal:
    """Parse a number written the way `language` writes it: "1.009.098", "18,99", "-1,31" in Turkish,
    "1,009,098", "18.99" in English; "1009098" in both.

    Raise NumberParseError with a message in the active language for anything else, including
    "NaN", "Infinity", "1,2,3" and numbers with more digits than the field holds.
    """
    language = (language or "tr")[:2] if (language or "tr")[:2] in _NUMBER_PATTERNS else "tr"
    thousands, decimal_point = _separators(language)
    cleaned = (text or "").strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        raise NumberParseError(_("Bir sayı girin."))
    if not _NUMBER_PATTERNS[language].match(cleaned):
        example = " / ".join(format_decimal(Decimal(n), language=language) for n in ("1009098", "18.99"))
        raise NumberParseError(
            _("“%(text)s” bir sayı değil. Şöyle yazın: %(example)s.") % {"text": text.strip(), "example": example}
        )
    try:
        number = Decimal(cleaned.replace(thousands, "").replace(decimal_point, "."))
    except InvalidOperation as exc:  # pragma: no cover - the pattern already excludes this
        raise NumberParseError(_("“%(text)s” bir sayı değil.") % {"text": text.strip()}) from exc
    return decimal_bound_check(number, max_digits=max_digits, decimal_places=decimal_places)


def decimal_bound_check(number: Decimal, *, max_digits: int, decimal_places: int) -> Decimal:
    """Return the number if a column of `max_digits` digits, `decimal_places` after the point, holds it.

    The one bound rule of every number entering (the forms, the import, the admin, the services):
    raise NumberParseError with the form's message for NaN, Infinity (1e300 included: 301 digits),
    too many digits or too many decimals.
    """
    if not number.is_finite():
        raise NumberParseError(_("“%(text)s” bir sayı değil.") % {"text": number})
    _sign, digits, exponent = number.as_tuple()
    exponent = int(exponent)  # finite, so an int
    fraction_digits = max(0, -exponent)
    if fraction_digits > decimal_places:
        raise NumberParseError(_("En fazla %(places)d ondalık basamak girilebilir.") % {"places": decimal_places})
    if len(digits) + exponent > max_digits - decimal_places and number != 0:
        raise NumberParseError(
            _("Sayı çok büyük: en fazla %(digits)d tam basamak girilebilir.") % {"digits": max_digits - decimal_places}
        )
    return number
