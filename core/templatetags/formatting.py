"""Template filters that format numbers for the active language; nothing else."""

from decimal import Decimal

from django import template
from django.utils import translation

from core.numbers import MONEY_PLACES, RATE_PLACES, format_decimal, format_percent

register = template.Library()


@register.filter
def num(value: Decimal | int | None, places: int | None = None) -> str:
    """Format a figure: {{ value|num }} -> 1.009.098, {{ rate|num:2 }} -> 18,99; "" for no figure."""
    if not isinstance(value, Decimal | int) or isinstance(value, bool):
        return ""
    return format_decimal(value, places, language=translation.get_language() or "tr")


@register.filter
def money(value: Decimal | int | None) -> str:
    """Format an amount of money with two decimals: {{ line.spending|money }} -> 93.688.926,50."""
    return num(value, MONEY_PLACES)


@register.filter
def pct(value: Decimal | int | None, places: int = RATE_PLACES) -> str:
    """Format a percentage with the one rate rule: {{ rate|pct }} -> %96,18 (Turkish) or 96.18% (English)."""
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
