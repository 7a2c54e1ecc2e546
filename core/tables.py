"""django-tables2 columns shared by every app's tables."""

from decimal import Decimal
from typing import Any

import django_tables2 as tables
from django.utils import translation
from django_tables2.export import TableExport
from tablib import Dataset

from core.numbers import MONEY_PLACES, RATE_PLACES, format_decimal, format_percent
from core.spreadsheets import excel_csv, excel_csv_number, excel_csv_text, formula_escape, table_xlsx


class NumberColumn(tables.Column):
    """A right-aligned figure in the active language's format (1.009.098 / 18,99)."""

    def __init__(self, *args, places: int | None = None, places_from: str | None = None, **kwargs) -> None:
        # places_from names the row's attribute holding its own decimals (an indicator's `decimals`).
        self.places = places
        self.places_from = places_from
        attrs = kwargs.pop("attrs", {})
        attrs.setdefault("td", {"class": "text-end text-nowrap"})
        attrs.setdefault("th", {"class": "text-end"})
        super().__init__(*args, attrs=attrs, **kwargs)

    def render(self, value: Decimal, record=None) -> str:
        return format_decimal(value, self.places_for(record), language=translation.get_language() or "tr")

    def places_for(self, record) -> int | None:
        """Return the decimals a row's figure is shown with (the row's own, or the column's)."""
        return getattr(record, self.places_from) if self.places_from and record is not None else self.places

    def value(self, value, **kwargs):
        """Exports (Excel) get the number itself, so the cell is numeric."""
        return value


class PercentColumn(NumberColumn):
    """A percentage with the one rate rule (core.numbers.RATE_PLACES): %96,18 in Turkish, 96.18% in English."""

    def render(self, value: Decimal, record=None) -> str:
        return format_percent(value, RATE_PLACES, language=translation.get_language() or "tr")

    def places_for(self, record) -> int | None:
        return RATE_PLACES


class MoneyColumn(NumberColumn):
    """An amount of money, always with two decimals (93.688.926,50)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, places=MONEY_PLACES, **kwargs)


class SafeTableExport(TableExport):
    """A table download (Excel, CSV, CSV for Turkish Excel) whose text cells can never be read as
    formulas (core.spreadsheets) and whose figures are numbers shown as the page shows them.

    Every ExportMixin view sets `export_class = SafeTableExport`. The XLSX is written here (not by
    tablib): every cell in the one font, figures with their display format, a rate as a real
    percentage (0,3799 shown %37,99), the header frozen and filtered. `csv_excel` is the CSV a double
    click opens right in Turkish Excel (`;`, decimal comma, BOM); `csv` stays the plain one.
    """

    CSV_EXCEL = "csv_excel"
    FORMATS = {**TableExport.FORMATS, CSV_EXCEL: "text/csv; charset=utf-8"}

    def __init__(self, export_format, table, exclude_columns=None, dataset_kwargs=None):
        self.cells = _typed_cells(table, exclude_columns or ())
        super().__init__(export_format, table, exclude_columns, dataset_kwargs)

    @classmethod
    def is_valid_format(cls, export_format) -> bool:
        return export_format is not None and export_format in cls.FORMATS

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        return Dataset(
            *(tuple(formula_escape(cell) for cell in row) for row in dataset),
            headers=[formula_escape(str(header)) for header in dataset.headers or ()],
            title=dataset.title,
        )

    def export(self):
        headers, kinds, rows = self.cells
        if self.format == self.CSV_EXCEL:
            return excel_csv(headers, _excel_csv_rows(kinds, rows))
        if self.format == self.XLSX:
            return table_xlsx(self.dataset.title or "1", headers, kinds, rows)
        return super().export()

    def response(self, filename=None):
        if filename and filename.endswith("." + self.CSV_EXCEL):
            filename = filename.removesuffix("." + self.CSV_EXCEL) + "-excel.csv"
        return super().response(filename=filename)


# A cell's kind in a download: ("text", None), ("number", its decimals or None), ("percent", decimals).
Kind = tuple[str, int | None]


def _typed_cells(table, exclude_columns) -> tuple[list[str], list[str], list[list[tuple[Any, int | None]]]]:
    """Return the download's headers, each column's kind and the rows as (value, decimals) cells."""
    columns = [
        bound
        for bound in table.columns.iterall()
        if not (bound.column.exclude_from_export or bound.name in exclude_columns)
    ]
    kinds = [
        "percent" if isinstance(b.column, PercentColumn) else "number" if isinstance(b.column, NumberColumn) else "text"
        for b in columns
    ]
    rows = [
        [
            (
                row.get_cell_value(bound.name),
                bound.column.places_for(row.record) if isinstance(bound.column, NumberColumn) else None,
            )
            for bound in columns
        ]
        for row in table.rows
    ]
    headers = [str(bound.header) for bound in columns]
    return headers, kinds, rows


def _excel_csv_rows(kinds: list[str], rows):
    for row in rows:
        yield [
            excel_csv_number(value, places)
            if kind != "text" and isinstance(value, Decimal | int | float)
            else excel_csv_text(value)
            for kind, (value, places) in zip(kinds, row, strict=True)
        ]
