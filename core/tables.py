"""django-tables2 columns shared by every app's tables."""

from decimal import Decimal

import django_tables2 as tables
from django.utils import translation
from django_tables2.export import TableExport
from tablib import Dataset

from core.numbers import MONEY_PLACES, RATE_PLACES, format_decimal, format_percent
from core.spreadsheets import formula_escape


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
        places = getattr(record, self.places_from) if self.places_from and record is not None else self.places
        return format_decimal(value, places, language=translation.get_language() or "tr")

    def value(self, value, **kwargs):
        """Exports (Excel) get the number itself, so the cell is numeric."""
        return value


class PercentColumn(NumberColumn):
    """A percentage with the one rate rule (core.numbers.RATE_PLACES): %96,18 in Turkish, 96.18% in English."""

    def render(self, value: Decimal, record=None) -> str:
        return format_percent(value, RATE_PLACES, language=translation.get_language() or "tr")


class MoneyColumn(NumberColumn):
    """An amount of money, always with two decimals (93.688.926,50)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, places=MONEY_PLACES, **kwargs)


class SafeTableExport(TableExport):
    """A table download (Excel, CSV) whose text cells can never be read as formulas (core.spreadsheets).

    Every ExportMixin view sets `export_class = SafeTableExport`; the figures stay numbers.
    """

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        return Dataset(
            *(tuple(formula_escape(cell) for cell in row) for row in dataset),
            headers=[formula_escape(str(header)) for header in dataset.headers or ()],
            title=dataset.title,
        )
