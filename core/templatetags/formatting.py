"""Template filters that format numbers for the active language; nothing else."""

from decimal import Decimal

from django import template
from django.utils import translation

from core.numbers import format_decimal, format_percent

register = template.Library()


@register.filter
def num(value: Decimal | int | None, places: int | None = None) -> str:
    """Format a figure: {{ value|num }} -> 1.009.098, {{ rate|num:2 }} -> 18,99."""
    return format_decimal(value, places, language=translation.get_language() or "tr")


@register.filter
def pct(value: Decimal | int | None, places: int = 0) -> str:
    """Format a percentage: {{ rate|pct }} -> %96 (Turkish) or 96% (English)."""
    return format_percent(value, places, language=translation.get_language() or "tr")
