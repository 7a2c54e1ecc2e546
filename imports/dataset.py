"""Reading and validation of a data set: one sheet per kind of record, keyed on codes (pure, no database).

The sheets are those of the import workbook (docs/import.md); each sheet's columns, key and
cross-checks live in its reader, imports/readers/<sheet>.py. This module assembles them: it turns rows
of text into typed records and reports every problem with sheet, row, column and a Turkish message.
The services decide what to write.
"""

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from core.numbers import NumberParseError
from imports.readers import budget, plan, printed, programme, quarters, units
from imports.readers.base import (
    MAX_DECIMAL_PLACES,
    NUMERIC_PARSERS,
    Cell,
    Column,
    Dataset,
    DatasetError,
    Parser,
    RowError,
    col,
    text,
    workbook_number,
)

__all__ = [
    "KEYS",
    "MAX_DECIMAL_PLACES",
    "NUMERIC_PARSERS",
    "REQUIRED_SHEETS",
    "SHEETS",
    "Cell",
    "Column",
    "Dataset",
    "DatasetError",
    "Parser",
    "RowError",
    "col",
    "cross_check",
    "parse_sheet",
    "read_csv_folder",
]

# The sheets' readers, in the order of the data set (a sheet refers only to those before it, but for
# the SP indicators' link to the PP indicators).
READERS = (units, plan, programme, quarters, budget, printed)
SHEETS: dict[str, tuple[Column, ...]] = {name: columns for r in READERS for name, columns in r.SHEETS.items()}
# Each sheet's natural key: a repeated key is an error.
KEYS: dict[str, tuple[str, ...]] = {name: key for r in READERS for name, key in r.KEYS.items()}

# Sheets a data set must have; the others may be absent.
REQUIRED_SHEETS = ("administration", "units")


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
                row[column.name] = None if column.parse is not text else ""
                continue
            try:
                if turkish_numbers and column.parse in NUMERIC_PARSERS:
                    raw = workbook_number(raw)
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
    """Return the references that point nowhere and the rows that break a rule; warn about doubtful but
    legal content (in `dataset.warnings`)."""
    errors = units.check(dataset) + plan.check(dataset) + programme.check(dataset)
    errors += quarters.check(dataset) + budget.check(dataset)
    dataset.warnings.extend(plan.weight_warnings(dataset))
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
