"""What every sheet's reader shares: the error types, the data set, the cell parsers and the column type.

Pure: no database. A sheet's module (imports/readers/<sheet>.py) declares its columns, its key and
its cross-checks with these.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from core.numbers import (
    MONEY_MAX_DIGITS,
    MONEY_PLACES,
    VALUE_MAX_DIGITS,
    VALUE_PLACES,
    NumberParseError,
    decimal_bound_check,
    parse_decimal,
)
from plans.models import SPIndicator


class DatasetError(Exception):
    """The data set cannot be used; `errors` lists every problem found."""

    def __init__(self, errors: list["RowError"]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.sheet]
        if self.row is not None:
            where.append(_("satır %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("sütun “%(column)s”") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}"


@dataclass
class Dataset:
    """Typed, validated rows per sheet; `rows[sheet]` is a list of dicts keyed by column name."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    warnings: list[RowError] = field(default_factory=list)

    def sheet(self, name: str) -> list[dict[str, Any]]:
        return self.rows.get(name, [])


def unknown_reference(sheet: str, row: dict, column: str, known: set, what: str) -> list[RowError]:
    """Return the error of a row whose `column` names a code not in `known` (`what`: translated kind of code)."""
    value = row.get(column)
    if value and value not in known:
        return [
            RowError(
                sheet, row["_row"], column, _("Bilinmeyen %(what)s: “%(value)s”.") % {"what": what, "value": value}
            )
        ]
    return []


# A cell is text, or a number already read from a numeric workbook cell (or Turkish-formatted text).
Cell = str | Decimal
Parser = Callable[[Any], Any]


def text(value: Cell) -> str:
    if isinstance(value, Decimal):
        return decimal_text(value)
    return value.strip()


def decimal_text(value: Decimal) -> str:
    """Write a number read into a text column (a code typed as a number) without exponent or trailing zeros."""
    written = format(value, "f")
    return written.rstrip("0").rstrip(".") if "." in written else written


# The largest whole number a sheet's integer column (a year, a sequence number) holds: a small integer.
MAX_INTEGER = 32767


def integer(value: Cell) -> int:
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise ValueError(_("“%(value)s” bir tam sayı değil.") % {"value": value})
        number = int(value)
    else:
        try:
            number = int(value.strip())
        except ValueError as exc:
            raise ValueError(_("“%(value)s” bir tam sayı değil.") % {"value": value}) from exc
    if abs(number) > MAX_INTEGER:
        raise ValueError(
            _("“%(value)s” çok büyük: en fazla %(max)s olabilir.") % {"value": text(value), "max": MAX_INTEGER}
        )
    return number


def sequence(value: Cell) -> int:
    """Read a sequence number (sıra): a whole number, not below zero."""
    number = integer(value)
    if number < 0:
        raise ValueError(_("Sıra numarası eksi olamaz; “%(value)s” yazılmış.") % {"value": text(value)})
    return number


def bounded(number: Decimal, *, max_digits: int, decimal_places: int) -> Decimal:
    """Return the number if its column holds it; else raise ValueError with the form's message (one rule)."""
    try:
        return decimal_bound_check(number, max_digits=max_digits, decimal_places=decimal_places)
    except NumberParseError as exc:
        raise ValueError(str(exc)) from exc


def decimal(value: Cell) -> Decimal:
    """Read an indicator value (core.fields.ValueField's digits and decimals)."""
    if isinstance(value, Decimal):
        number = value
    else:
        try:
            number = Decimal(value.strip())
        except InvalidOperation as exc:
            raise ValueError(
                _("“%(value)s” bir sayı değil (ondalık ayırıcı nokta olmalı: 18.99).") % {"value": value}
            ) from exc
    if not number.is_finite():
        raise ValueError(_("“%(value)s” bir sayı değil.") % {"value": value})
    return bounded(number, max_digits=VALUE_MAX_DIGITS, decimal_places=VALUE_PLACES)


def yes_no(value: Cell) -> bool:
    word = text(value).lower()
    if word in ("yes", "evet", "true", "1"):
        return True
    if word in ("no", "hayır", "false", "0"):
        return False
    raise ValueError(_("“%(value)s” geçerli değil: yes veya no yazın.") % {"value": value})


def choice(values: Iterable[str]) -> Parser:
    allowed = list(values)

    def parse(value: Cell) -> str:
        word = text(value).lower()
        if word not in allowed:
            raise ValueError(
                _("“%(value)s” geçerli değil; şunlardan biri olmalı: %(allowed)s.")
                % {"value": value, "allowed": ", ".join(allowed)}
            )
        return word

    return parse


def quarter(value: Cell) -> int:
    number = integer(value)
    if not 1 <= number <= 4:
        raise ValueError(_("Dönem 1 ile 4 arasında olmalı; “%(value)s” yazılmış.") % {"value": text(value)})
    return number


def weight(value: Cell) -> Decimal:
    """Read a weight: 0–100 with at most two decimals, refused (not rounded by the database) beyond them."""
    number = decimal(value)
    if not 0 <= number <= 100:
        raise ValueError(_("Ağırlık 0 ile 100 arasında olmalı; “%(value)s” yazılmış.") % {"value": text(value)})
    column = SPIndicator._meta.get_field("weight")  # its digits and places: the model is the one place
    return bounded(number, max_digits=column.max_digits, decimal_places=column.decimal_places)


def money(value: Cell) -> Decimal:
    """Read an amount of money (core.fields.MoneyField's digits and kuruş)."""
    number = decimal(value)
    if number < 0:
        raise ValueError(_("Tutar eksi olamaz; “%(value)s” yazılmış.") % {"value": text(value)})
    return bounded(number, max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_PLACES)


def workbook_number(value: Cell) -> Decimal:
    """Read a workbook's number: Turkish-formatted text, or a numeric cell with at most 4 decimals."""
    if isinstance(value, str):
        return parse_decimal(value)
    if not value.is_finite():  # a numeric cell holding NaN or INF
        raise ValueError(_("“%(value)s” bir sayı değil.") % {"value": value})
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_DECIMAL_PLACES:
        # A formula's 0.30000000000000004 would be stored rounded and look changed at every import.
        raise ValueError(
            _("En fazla %(places)s ondalık basamak girilebilir; “%(value)s” yazılmış.")
            % {"places": MAX_DECIMAL_PLACES, "value": value}
        )
    return value


# The most decimals a value field keeps (core.fields.ValueField).
MAX_DECIMAL_PLACES = VALUE_PLACES
# Parsers of numeric columns: in a workbook their text cells are read as Turkish numbers (1.009.098, 18,99).
NUMERIC_PARSERS: tuple[Parser, ...] = (integer, sequence, decimal, quarter, weight, money)


@dataclass(frozen=True)
class Column:
    name: str
    parse: Parser = text
    required: bool = True  # a value must be present (the column itself must always be there)
    optional_column: bool = False  # the column may be missing from the sheet altogether


def col(name: str, parse: Parser = text, *, required: bool = True, optional_column: bool = False) -> Column:
    return Column(name, parse, required, optional_column)


def codes(dataset: Dataset, sheet: str, column: str = "code") -> set:
    """Return the codes a sheet defines, for the other sheets' references."""
    return {r[column] for r in dataset.sheet(sheet)}
