"""Pure Decimal helpers: Turkish (and English) number formatting and parsing.

Turkish writes 1.009.098 and 18,99; English writes 1,009,098 and 18.99. Values are formatted only
at the edge (templates, exports); everything else keeps exact Decimals.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# For each language, the thousands separator and then the decimal point.
SEPARATORS = {
    "tr": (".", ","),
    "en": (",", "."),
}


class NumberParseError(ValueError):
    """The text is not a number in the expected format; the message says why, in Turkish."""


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


def format_percent(value: Decimal | int | None, places: int = 0, *, language: str = "tr") -> str:
    """Return a percentage as the language writes it: %96 in Turkish, 96% in English."""
    if value is None:
        return ""
    text = format_decimal(value, places, language=language)
    if (language or "tr")[:2] == "tr":
        return f"-%{text[1:]}" if text.startswith("-") else f"%{text}"
    return f"{text}%"


_TURKISH_NUMBER = re.compile(
    r"""^[+-]?(
        \d{1,3}(\.\d{3})+(,\d+)?     # grouped: 1.009.098 or 1.009.098,5
        |\d+(,\d+)?                  # plain: 1009098 or 18,99
    )$""",
    re.VERBOSE,
)


def parse_decimal(text: str, *, max_digits: int = 20, decimal_places: int = 4) -> Decimal:
    """Parse a Turkish-formatted number ("1.009.098", "18,99", "-1,31", "1009098").

    Raise NumberParseError with a Turkish message for anything else, including "NaN",
    "Infinity", "1,2,3" and numbers with more digits than the field holds.
    """
    cleaned = (text or "").strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        raise NumberParseError("Bir sayı girin.")
    if not _TURKISH_NUMBER.match(cleaned):
        raise NumberParseError(f"“{text.strip()}” bir sayı değil. Türkçe biçimde yazın: 1.009.098 veya 18,99.")
    try:
        number = Decimal(cleaned.replace(".", "").replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the pattern already excludes this
        raise NumberParseError(f"“{text.strip()}” bir sayı değil.") from exc
    _, digits, exponent = number.as_tuple()
    fraction_digits = max(0, -int(exponent))  # finite here, so the exponent is an int
    if fraction_digits > decimal_places:
        raise NumberParseError(f"En fazla {decimal_places} ondalık basamak girilebilir.")
    if len(digits) - fraction_digits > max_digits - decimal_places:
        raise NumberParseError(f"Sayı çok büyük: en fazla {max_digits - decimal_places} tam basamak girilebilir.")
    return number
