"""Compare the figures the official report printed with the ones the rules compute (pure)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

# Lazy: the rule texts are read in the language of the page or command that shows them.
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from indicators.calculations import status_bands_summary

Key = tuple[str, str, str]  # (table, row, column)

# Which rule computes each column: shown beside every difference.
RULES: dict[tuple[str, str], Any] = {
    ("tablo15", "year_end_value"): _("yıl sonu değeri: toplama yöntemine göre (SUM/LAST/AVERAGE/RATIO/MANUAL)"),
    ("tablo15", "realization_rate"): _("gerçekleşme oranı = değer ÷ hedef × 100 (azalış yönlüde hedef ÷ değer)"),
    ("tablo15", "status"): format_lazy("{}: {}", _("durum bandı"), lazy(status_bands_summary, str)()),
    ("tablo16", "target"): _("PP göstergesinin hedefi"),
    ("tablo16", "year_end_value"): _("yıl sonu değeri: toplama yöntemine göre"),
    ("tablo16", "status"): _("durum bandı; değer yoksa Hesaplanamadı"),
    ("tablo17", "actual"): _("C: girilen ya da bağlı PP göstergesinden (kümülatif: A + Σ yıl sonu değerleri)"),
    ("tablo17", "performance"): _("P = (C − A) ÷ (B − A) × 100, [0, 100] aralığına sınırlı; B = A ise hesaplanamaz"),
    ("tablo17", "target_performance"): _("hedef performansı = Σ ağırlık × P ÷ Σ ağırlık (hesaplanabilen göstergeler)"),
}
BUDGET_RULES = {
    "total": _("toplam ödenek = KBÖ + eklenen − düşülen"),
    "remaining": _("kalan = toplam ödenek − harcama"),
    "realization_pct": _("gerçekleşme = harcama ÷ toplam ödenek × 100"),
    "pct_of_total": _("harcama ÷ toplam ödenek × 100"),
    "pct_of_kbo": _("harcama ÷ KBÖ × 100; KBÖ 0 ise hesaplanamaz"),
    "increase_pct": _("artış = (yıl KBÖ − önceki yıl KBÖ) ÷ önceki yıl KBÖ × 100"),
}


@dataclass(frozen=True)
class Difference:
    table: str
    row: str
    column: str
    printed: str
    computed: Decimal | str | None
    rule: str
    note: str = ""


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _as_decimal(text: str) -> Decimal | None:
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def agrees(printed: str, computed: Decimal | str | None) -> bool:
    """Return whether a printed cell shows the computed figure at the precision it was printed with.

    A number agrees when the computed value, rounded half-up to the printed number of decimals, is
    the printed number; a label must be the same label. A printed number never agrees with "not
    computable" (None): the product never shows that as 0.
    """
    number = _as_decimal(printed)
    if number is None or isinstance(computed, str):
        return printed == computed
    if computed is None:
        return False
    places = Decimal(1).scaleb(-_decimals(printed))
    return computed.quantize(places, rounding=ROUND_HALF_UP) == number


def _note(printed: str, computed: Decimal | str | None) -> str:
    number = _as_decimal(printed)
    if computed is None:
        return str(_("hesaplanamaz (basılı değer sayı)"))
    if number is not None and isinstance(computed, Decimal):
        places = Decimal(1).scaleb(-_decimals(printed))
        if computed.quantize(places, rounding=ROUND_DOWN) == number:
            return str(_("basılı değer yuvarlanmamış, kesilmiş"))
    return ""


def rule_for(table: str, column: str) -> str:
    return str(RULES.get((table, column)) or BUDGET_RULES.get(column, _("satırların toplamı")))


def compare(printed: Iterable[tuple[Key, str]], computed: Mapping[Key, Decimal | str | None]) -> list[Difference]:
    """Return every printed cell whose value the rules do not give, in the printed order."""
    found = []
    for key, text in printed:
        value = computed.get(key)
        if key not in computed or not agrees(text, value):
            table, row, column = key
            found.append(Difference(table, row, column, text, value, rule_for(table, column), _note(text, value)))
    return found


# How the official tables name their columns.
COLUMN_LABELS = {
    "year_end_value": _("Yıl sonu değeri"),
    "realization_rate": _("Gerçekleşme oranı"),
    "status": _("Gerçekleşme durumu"),
    "target": _("Hedeflenen değer"),
    "actual": _("Gerçekleşme (C)"),
    "performance": _("Performans (%)"),
    "target_performance": _("Hedef performansı"),
    "kbo": _("KBÖ"),
    "added": _("Eklenen"),
    "deducted": _("Düşülen"),
    "total": _("Toplam ödenek"),
    "spent": _("Harcama"),
    "remaining": _("Kalan"),
    "realization_pct": _("Gerçekleşme (%)"),
    "pct_of_kbo": _("Harcama / KBÖ (%)"),
    "pct_of_total": _("Harcama / toplam ödenek (%)"),
    "increase_pct": _("Artış (%)"),
}


def table_number(table: str) -> int:
    """Return the number of an official table key ("tablo10" → 10) for ordering."""
    digits = "".join(ch for ch in table if ch.isdigit())
    return int(digits) if digits else 0


def table_label(table: str) -> str:
    return str(_("Tablo %(n)d") % {"n": table_number(table)}) if table.startswith("tablo") else table


def column_label(column: str) -> str:
    if column.startswith("kbo_"):
        return str(_("%(year)s KBÖ") % {"year": column[4:]})
    return str(COLUMN_LABELS.get(column, column))
