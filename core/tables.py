"""django-tables2 columns shared by every app's tables."""

from decimal import Decimal

import django_tables2 as tables
from django.utils import translation

from core.numbers import format_decimal, format_percent


class NumberColumn(tables.Column):
    """A right-aligned figure in the active language's format (1.009.098 / 18,99)."""

    def __init__(self, *args, places: int | None = None, **kwargs) -> None:
        self.places = places
        attrs = kwargs.pop("attrs", {})
        attrs.setdefault("td", {"class": "text-end text-nowrap"})
        attrs.setdefault("th", {"class": "text-end"})
        super().__init__(*args, attrs=attrs, **kwargs)

    def render(self, value: Decimal) -> str:
        return format_decimal(value, self.places, language=translation.get_language() or "tr")

    def value(self, value, **kwargs):
        """Exports (Excel) get the number itself, so the cell is numeric."""
        return value


class PercentColumn(NumberColumn):
    """A percentage: %96 in Turkish, 96% in English."""

    def render(self, value: Decimal) -> str:
        return format_percent(value, self.places or 0, language=translation.get_language() or "tr")
