"""Small helpers for reading what a page was asked for."""

from django.contrib import messages
from django.utils.translation import gettext as _


def chosen_year(request, years: list[int], *, default: int | None) -> int | None:
    """Return the ?year= the user picked if it is one of `years`; else the default, with a note."""
    raw = request.GET.get("year")
    if raw:
        if raw.isdigit() and int(raw) in years:
            return int(raw)
        messages.warning(request, _("“%(year)s” için veri yok; son yıl gösteriliyor.") % {"year": raw})
    return default or (years[0] if years else None)
