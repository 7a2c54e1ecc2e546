"""Pure reading and validation of a data set: one sheet per kind of record, keyed on codes.

The sheets are those of the import workbook (docs/import.md). This module knows nothing of the
database: it turns rows of text into typed records and reports every problem with sheet, row,
column and a Turkish message. The service decides what to write.
"""

import csv
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from accounts.choices import UnitKind
from core.numbers import NumberParseError, parse_decimal
from plans.choices import AggregationMethod, Direction


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


# A cell is text, or a number already read from a numeric workbook cell (or Turkish-formatted text).
Cell = str | Decimal
Parser = Callable[[Any], Any]


def _text(value: Cell) -> str:
    if isinstance(value, Decimal):
        return _decimal_text(value)
    return value.strip()


def _decimal_text(value: Decimal) -> str:
    """Write a number read into a text column (a code typed as a number) without exponent or trailing zeros."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _int(value: Cell) -> int:
    if isinstance(value, Decimal):
        if value != value.to_integral_value():
            raise ValueError(_("“%(value)s” bir tam sayı değil.") % {"value": _decimal_text(value)})
        return int(value)
    try:
        return int(value.strip())
    except ValueError as exc:
        raise ValueError(_("“%(value)s” bir tam sayı değil.") % {"value": value}) from exc


def _decimal(value: Cell) -> Decimal:
    if isinstance(value, Decimal):
        return value
    try:
        number = Decimal(value.strip())
    except InvalidOperation as exc:
        raise ValueError(
            _("“%(value)s” bir sayı değil (ondalık ayırıcı nokta olmalı: 18.99).") % {"value": value}
        ) from exc
    if not number.is_finite():
        raise ValueError(_("“%(value)s” bir sayı değil.") % {"value": value})
    return number


def _yes_no(value: Cell) -> bool:
    text = _text(value).lower()
    if text in ("yes", "evet", "true", "1"):
        return True
    if text in ("no", "hayır", "false", "0"):
        return False
    raise ValueError(_("“%(value)s” geçerli değil: yes veya no yazın.") % {"value": value})


def _choice(values: Iterable[str]) -> Parser:
    allowed = list(values)

    def parse(value: Cell) -> str:
        text = _text(value).lower()
        if text not in allowed:
            raise ValueError(
                _("“%(value)s” geçerli değil; şunlardan biri olmalı: %(allowed)s.")
                % {"value": value, "allowed": ", ".join(allowed)}
            )
        return text

    return parse


def _quarter(value: Cell) -> int:
    number = _int(value)
    if not 1 <= number <= 4:
        raise ValueError(_("Dönem 1 ile 4 arasında olmalı; “%(value)s” yazılmış.") % {"value": _text(value)})
    return number


def _weight(value: Cell) -> Decimal:
    number = _decimal(value)
    if not 0 <= number <= 100:
        raise ValueError(_("Ağırlık 0 ile 100 arasında olmalı; “%(value)s” yazılmış.") % {"value": _text(value)})
    return number


def _money(value: Cell) -> Decimal:
    number = _decimal(value)
    if number < 0:
        raise ValueError(_("Tutar eksi olamaz; “%(value)s” yazılmış.") % {"value": _text(value)})
    return number


def _workbook_number(value: Cell) -> Decimal:
    """Read a workbook's number: Turkish-formatted text, or a numeric cell with at most 4 decimals."""
    if isinstance(value, str):
        return parse_decimal(value)
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_DECIMAL_PLACES:
        # A formula's 0.30000000000000004 would be stored rounded and look changed at every import.
        raise ValueError(
            _("En fazla %(places)s ondalık basamak girilebilir; “%(value)s” yazılmış.")
            % {"places": MAX_DECIMAL_PLACES, "value": value}
        )
    return value


# The most decimals a value field keeps (core.fields.ValueField).
MAX_DECIMAL_PLACES = 4
# Parsers of numeric columns: in a workbook their text cells are read as Turkish numbers (1.009.098, 18,99).
NUMERIC_PARSERS: tuple[Parser, ...] = (_int, _decimal, _quarter, _weight, _money)


@dataclass(frozen=True)
class Column:
    name: str
    parse: Parser = _text
    required: bool = True  # a value must be present (the column itself must always be there)
    optional_column: bool = False  # the column may be missing from the sheet altogether


def col(name: str, parse: Parser = _text, *, required: bool = True, optional_column: bool = False) -> Column:
    return Column(name, parse, required, optional_column)


SHEETS: dict[str, tuple[Column, ...]] = {
    "administration": (col("code"), col("name")),
    "units": (
        col("code"),
        col("name"),
        col("parent_code", required=False),
        col("kind", _choice(UnitKind.values)),
    ),
    "plan": (col("code"), col("name"), col("start_year", _int), col("end_year", _int)),
    "aims": (col("code"), col("title"), col("short_title", required=False, optional_column=True)),
    "targets": (
        col("code"),
        col("aim_code"),
        col("title"),
        col("long_title", required=False, optional_column=True),
        col("responsible_unit_code"),
    ),
    "target_yearly": (
        col("target_code"),
        col("year", _int),
        col("deviation_reason", required=False),
        col("measures", required=False),
    ),
    "sp_indicators": (
        col("code"),
        col("target_code"),
        col("name"),
        col("unit", required=False),
        col("weight", _weight),
        col("baseline", _decimal),
        col("direction", _choice(Direction.values)),
        col("cumulative", _yes_no),
        col("pp_indicator_code", required=False),
        col("responsible_unit_code"),
    ),
    "sp_yearly": (
        col("indicator_code"),
        col("year", _int),
        col("target", _decimal),
        col("actual", _decimal, required=False),
        col("relevance", required=False, optional_column=True),
        col("effectiveness", required=False, optional_column=True),
        col("efficiency", required=False, optional_column=True),
        col("sustainability", required=False, optional_column=True),
    ),
    "program_structure": (
        col("year", _int),
        col("program"),
        col("sub_program"),
        col("sub_program_goal"),
        col("aim_code", required=False),
    ),
    "activities": (col("year", _int), col("program"), col("sub_program"), col("activity")),
    "pp_indicators": (
        col("code"),
        col("year", _int),
        col("seq", _int, required=False, optional_column=True),
        col("program"),
        col("sub_program"),
        col("sub_program_goal", required=False),
        col("aim_code", required=False),
        col("name"),
        col("unit"),
        col("direction", _choice(Direction.values)),
        col("aggregation", _choice(AggregationMethod.values)),
        col("allows_negative", _yes_no, required=False, optional_column=True),
        col("prev_year", _int, required=False),
        col("prev_value", _decimal, required=False),
        col("target", _decimal),
        col("responsible_unit_code"),
    ),
    "quarterly_values": (
        col("indicator_code"),
        col("year", _int),
        col("quarter", _quarter),
        col("value", _decimal, required=False),
        col("numerator", _decimal, required=False),
        col("denominator", _decimal, required=False),
        col("year_end_estimate", _decimal, required=False),
        col("narrative", required=False),
    ),
    "economic_codes": (col("code"), col("name")),
    "budget_lines": (
        col("year", _int),
        col("econ_code"),
        col("econ_name", required=False),
        col("program", required=False),
        col("sub_program", required=False),
        col("activity", required=False),
        col("unit_code", required=False),
        col("kbo", _money),
        col("added", _money),
        col("deducted", _money),
        col("spent", _money),
    ),
    "printed": (col("year", _int), col("table"), col("row_key"), col("column"), col("value")),
}

# Each sheet's natural key: a repeated key is an error.
KEYS: dict[str, tuple[str, ...]] = {
    "administration": ("code",),
    "units": ("code",),
    "plan": ("code",),
    "aims": ("code",),
    "targets": ("code",),
    "target_yearly": ("target_code", "year"),
    "sp_indicators": ("code",),
    "sp_yearly": ("indicator_code", "year"),
    "program_structure": ("year", "program", "sub_program", "sub_program_goal"),
    "activities": ("year", "program", "sub_program", "activity"),
    "pp_indicators": ("year", "code"),
    "quarterly_values": ("indicator_code", "year", "quarter"),
    "economic_codes": ("code",),
    "budget_lines": ("year", "econ_code", "program", "sub_program", "activity", "unit_code"),
    "printed": ("year", "table", "row_key", "column"),
}

# Sheets a data set must have; the others may be absent.
REQUIRED_SHEETS = ("administration", "units")


@dataclass
class Dataset:
    """Typed, validated rows per sheet; `rows[sheet]` is a list of dicts keyed by column name."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    warnings: list[RowError] = field(default_factory=list)

    def sheet(self, name: str) -> list[dict[str, Any]]:
        return self.rows.get(name, [])


def parse_sheet(
    name: str,
    records: Sequence[Mapping[str, Cell | None]],
    header: list[str],
    *,
    row_numbers: Sequence[int] | None = None,
    turkish_numbers: bool = False,
) -> tuple[list[dict[str, Any]], list[RowError]]:
    """Type one sheet's rows; row numbers count the header as row 1, as a spreadsheet does.

    `row_numbers` gives each record's row when blank rows were skipped; with `turkish_numbers`, text in
    a numeric column is read the Turkish way (1.009.098, 18,99), as a person types it in a workbook.
    """
    columns = SHEETS[name]
    errors: list[RowError] = []
    missing = [c.name for c in columns if c.name not in header and not c.optional_column]
    if missing:
        return [], [RowError(name, 1, m, _("Zorunlu sütun eksik.")) for m in missing]
    parsed: list[dict[str, Any]] = []
    seen: dict[tuple, int] = {}
    numbers = row_numbers if row_numbers is not None else range(2, len(records) + 2)
    for number, record in zip(numbers, records, strict=True):
        row: dict[str, Any] = {"_row": number}
        for column in columns:
            raw = record.get(column.name)
            if isinstance(raw, str):
                raw = raw.strip()
            if raw is None or raw == "":
                if column.required:
                    errors.append(RowError(name, number, column.name, _("Boş bırakılamaz.")))
                row[column.name] = None if column.parse is not _text else ""
                continue
            try:
                if turkish_numbers and column.parse in NUMERIC_PARSERS:
                    raw = _workbook_number(raw)
                row[column.name] = column.parse(raw)
            except (ValueError, NumberParseError) as exc:
                errors.append(RowError(name, number, column.name, str(exc)))
        key = tuple(row.get(k) for k in KEYS[name])
        if key in seen:
            errors.append(
                RowError(
                    name,
                    number,
                    KEYS[name][0],
                    _("Aynı kayıt %(row)s. satırda da var: %(key)s.")
                    % {"row": seen[key], "key": ", ".join(map(str, key))},
                )
            )
        else:
            seen[key] = number
        parsed.append(row)
    return parsed, errors


def cross_check(dataset: Dataset) -> list[RowError]:
    """Return the references that point nowhere, and warn about doubtful but legal content."""
    errors: list[RowError] = []
    units = {r["code"] for r in dataset.sheet("units")}
    aims = {r["code"] for r in dataset.sheet("aims")}
    targets = {r["code"] for r in dataset.sheet("targets")}
    sp_codes = {r["code"] for r in dataset.sheet("sp_indicators")}
    pp_codes = {r["code"] for r in dataset.sheet("pp_indicators")}
    pp_by_year = {(r["year"], r["code"]): r for r in dataset.sheet("pp_indicators")}
    econ = {r["code"] for r in dataset.sheet("economic_codes")}

    def ref(sheet: str, row: dict, column: str, known: set, what: str) -> None:
        """`what` is the translated name of the kind of code (birim kodu)."""
        value = row.get(column)
        if value and value not in known:
            errors.append(
                RowError(
                    sheet, row["_row"], column, _("Bilinmeyen %(what)s: “%(value)s”.") % {"what": what, "value": value}
                )
            )

    for r in dataset.sheet("units"):
        ref("units", r, "parent_code", units, _("birim kodu"))
    for r in dataset.sheet("targets"):
        ref("targets", r, "aim_code", aims, _("amaç kodu"))
        ref("targets", r, "responsible_unit_code", units, _("birim kodu"))
    for r in dataset.sheet("target_yearly"):
        ref("target_yearly", r, "target_code", targets, _("hedef kodu"))
    for r in dataset.sheet("sp_indicators"):
        ref("sp_indicators", r, "target_code", targets, _("hedef kodu"))
        ref("sp_indicators", r, "responsible_unit_code", units, _("birim kodu"))
        ref("sp_indicators", r, "pp_indicator_code", pp_codes, _("PP gösterge kodu"))
    for r in dataset.sheet("sp_yearly"):
        ref("sp_yearly", r, "indicator_code", sp_codes, _("SP gösterge kodu"))
    for r in dataset.sheet("program_structure"):
        ref("program_structure", r, "aim_code", aims, _("amaç kodu"))
    for r in dataset.sheet("pp_indicators"):
        ref("pp_indicators", r, "responsible_unit_code", units, _("birim kodu"))
        ref("pp_indicators", r, "aim_code", aims, _("amaç kodu"))
    for r in dataset.sheet("quarterly_values"):
        indicator = pp_by_year.get((r["year"], r["indicator_code"]))
        if indicator is None:
            errors.append(
                RowError(
                    "quarterly_values",
                    r["_row"],
                    "indicator_code",
                    _("%(year)s yılında “%(code)s” kodlu gösterge yok.")
                    % {"year": r["year"], "code": r["indicator_code"]},
                )
            )
            continue
        has_parts = r.get("numerator") is not None or r.get("denominator") is not None
        if (
            indicator["aggregation"] == AggregationMethod.RATIO
            and r.get("value") is not None
            and not (r.get("numerator") is not None and r.get("denominator") is not None)
        ):
            errors.append(
                RowError(
                    "quarterly_values", r["_row"], "numerator", _("Oran göstergesinde pay ve payda birlikte girilmeli.")
                )
            )
        elif has_parts and (r.get("numerator") is None or r.get("denominator") is None):
            errors.append(RowError("quarterly_values", r["_row"], "denominator", _("Pay ve payda birlikte girilmeli.")))
        if r.get("denominator") is not None and r["denominator"] <= 0:
            errors.append(RowError("quarterly_values", r["_row"], "denominator", _("Payda sıfırdan büyük olmalı.")))
        if r.get("value") is not None and r["value"] < 0 and not indicator.get("allows_negative"):
            errors.append(
                RowError(
                    "quarterly_values", r["_row"], "value", _("Bu gösterge eksi değer alamaz (allows_negative: no).")
                )
            )
    for r in dataset.sheet("budget_lines"):
        ref("budget_lines", r, "econ_code", econ, _("ekonomik kod"))
        ref("budget_lines", r, "unit_code", units, _("birim kodu"))
        if r.get("kbo") is not None and r.get("added") is not None and r.get("deducted") is not None:
            total = r["kbo"] + r["added"] - r["deducted"]
            if total < 0:
                errors.append(
                    RowError("budget_lines", r["_row"], "deducted", _("Düşülen tutar kullanılabilir ödenekten büyük."))
                )
            elif r.get("spent") is not None and r["spent"] > total:
                errors.append(RowError("budget_lines", r["_row"], "spent", _("Harcama toplam ödeneği aşıyor.")))

    weights: dict[str, Decimal] = {}
    for r in dataset.sheet("sp_indicators"):
        if r.get("weight") is not None:
            weights[r["target_code"]] = weights.get(r["target_code"], Decimal(0)) + r["weight"]
    for target, total in sorted(weights.items()):
        if total != 100:
            dataset.warnings.append(
                RowError(
                    "sp_indicators",
                    None,
                    "weight",
                    _("%(target)s hedefinin gösterge ağırlıkları toplamı %%%(total)s, 100 değil.")
                    % {"target": target, "total": format(total, "f")},
                )
            )
    return errors


def read_csv_folder(folder: Path) -> Dataset:
    """Read every known sheet from `<folder>/<sheet>.csv`; raise DatasetError listing all problems.

    Sheets may be split over several files sharing a prefix (printed.csv, printed_budget.csv).
    """
    if not folder.is_dir():
        raise DatasetError([RowError(str(folder), None, None, _("Veri klasörü bulunamadı."))])
    dataset = Dataset()
    errors: list[RowError] = []
    for name in SHEETS:
        files = sorted(folder.glob(f"{name}.csv")) + sorted(folder.glob(f"{name}_*.csv"))
        if not files:
            if name in REQUIRED_SHEETS:
                errors.append(RowError(f"{name}.csv", None, None, _("Dosya bulunamadı.")))
            continue
        for path in files:
            try:
                with path.open(encoding="utf-8", newline="") as handle:
                    reader = csv.DictReader(handle)
                    header = [h.strip() for h in (reader.fieldnames or [])]
                    records = list(reader)
            except (OSError, UnicodeDecodeError, csv.Error) as exc:
                errors.append(RowError(path.name, None, None, _("Dosya okunamadı: %(error)s") % {"error": exc}))
                continue
            if any(None in record for record in records):
                bad = next(i for i, record in enumerate(records, start=2) if None in record)
                errors.append(RowError(path.name, bad, None, _("Satırda başlıktan fazla sütun var.")))
                continue
            rows, sheet_errors = parse_sheet(name, records, header)
            errors.extend(RowError(path.name, e.row, e.column, e.message) for e in sheet_errors)
            dataset.rows.setdefault(name, []).extend(rows)
    if not errors:
        errors.extend(cross_check(dataset))
    if errors:
        raise DatasetError(errors)
    return dataset
