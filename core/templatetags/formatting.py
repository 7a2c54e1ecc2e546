"""Template filters that format numbers for the active language; nothing else."""

from decimal import Decimal

from django import template
from django.utils import translation

from core.numbers import format_decimal, format_percent

register = template.Library()


@register.filter
def num(value: Decimal | int | None, places: int | None = None) -> str:
    """Format a figure: {{ value|num }} -> 1.009.098, {{ rate|num:2 }} -> 18,99; "" for no figure."""
    if not isinstance(value, Decimal | int) or isinstance(value, bool):
        return ""
    return format_decimal(value, places, language=translation.get_language() or "tr")


@register.filter
def pct(value: Decimal | int | None, places: int = 0) -> str:
    """Format a percentage: {{ rate|pct }} -> %96 (Turkish) or 96% (English); "" for no figure."""
    if not isinstance(value, Decimal | int) or isinstance(value, bool):
        return ""
    return format_percent(value, places, language=translation.get_language() or "tr")


@register.filter
def get_item(mapping: dict, key):
    """Look a key up in a dict: {{ row.stored|get_item:quarter }}."""
    return mapping.get(key) if mapping else None


@register.filter
def share(breakdown, status: str):
    """A group's share of one status in %: {{ overview.overall|share:status|pct }}."""
    return breakdown.share(status)
