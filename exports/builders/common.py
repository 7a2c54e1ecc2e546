"""Helpers shared by the builders: labels and the CSV's number rules."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from exports.builders.layout import Note
from plans.choices import Status

RATE_PLACES = Decimal("0.0001")


def status_label(status: str) -> str:
    """Return the status label in the active language."""
    return str(Status(status).label)


def status_label_tr(status: str) -> str:
    """Return the Turkish status label: the CSV column always holds it, whatever the user's language."""
    with translation.override("tr"):
        return str(Status(status).label)


def csv_number(value: Decimal | int | None) -> str:
    """Return a value for the CSV: '.' decimal point, no grouping, no trailing zeros; '' when missing."""
    if value is None:
        return ""
    text = f"{Decimal(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def csv_rate(value: Decimal | None) -> str:
    """Return a rate exact to 4 decimals ('96.1810'); '' when it is not computable."""
    if value is None:
        return ""
    return f"{Decimal(value).quantize(RATE_PLACES, rounding=ROUND_HALF_UP):f}"


def quarter_label(quarter: int) -> str:
    return _("%(quarter)s. Üç Aylık") % {"quarter": quarter}


# Marks a row whose figures depend on a revision of its target, weight, baseline, direction or method.
REVISED_MARK = "†"


def marked(name: str, code: str, revisions: dict[str, str]) -> str:
    """Return the row's name, with the revision mark when its figures depend on a revision."""
    return f"{name} {REVISED_MARK}" if code in revisions else name


def revisions_note(revisions: dict[str, str]) -> list[Note]:
    """Return the note that lists, under the tables, every revision a marked row depends on."""
    if not revisions:
        return []
    title = _("%(mark)s Revize edilen değerler (plan yönetiminde gerekçesiyle kayıtlı)") % {"mark": REVISED_MARK}
    return [Note(title=title, items=sorted(revisions.items()))]
