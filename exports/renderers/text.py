"""Cells as text for the PDF and DOCX: numbers in the reader's language (1.009.098 / 18,99, %96)."""

from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.numbers import format_decimal, format_percent
from exports.builders.layout import NUMBER, PERCENT, YEAR, Column


def cell_text(value: Any, column: Column, places: int | None = None) -> str:
    """Return a cell as the printed report writes it ('' for a missing value); `places` are the row's decimals."""
    if value is None or value == "":
        return ""
    if column.kind not in (NUMBER, PERCENT):  # a text or a year: as it is (and no language lookup per cell)
        return str(value)
    language = (get_language() or "tr")[:2]
    if column.kind == PERCENT:
        return format_percent(Decimal(value), column.places, language=language)
    if isinstance(value, Decimal | int):
        return format_decimal(value, places, language=language)
    return str(value)


def is_numeric(column: Column) -> bool:
    return column.kind in (NUMBER, PERCENT, YEAR)


def generated_label() -> str:
    """Return the footer's 'made on' line in the reader's language: Oluşturulma: 3 Aralık 2026 14:05."""
    return _("Oluşturulma: %(when)s") % {"when": date_format(timezone.localtime(), "DATETIME_FORMAT")}
