"""Format a previewed cell value: figures the Turkish way, years and codes as written; nothing else."""

from decimal import Decimal
from typing import Any

from django import template
from django.template.defaultfilters import truncatechars
from django.utils import translation
from django.utils.translation import gettext as _

from core.numbers import format_decimal

register = template.Library()


@register.filter
def cell(value: Any) -> str:
    """{{ old|cell }}: 1.009.098 / 18,99 for figures, Evet/Hayır, “—” for empty, long texts shortened."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Evet") if value else _("Hayır")
    if isinstance(value, Decimal):
        return format_decimal(value, language=translation.get_language() or "tr")
    return truncatechars(str(value), 120)
