"""Budget arithmetic, pure: totals, remaining, realization and change percentages (domain.md §2)."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import get_language, gettext

from core.numbers import format_decimal

HUNDRED = Decimal(100)
ZERO = Decimal(0)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """Return part ÷ whole × 100, or None when the whole is 0 (not computable, never 0)."""
    return None if whole == 0 else part / whole * HUNDRED


def change_percent(previous: Decimal, current: Decimal) -> Decimal | None:
    """Return the year-on-year change (current − previous) ÷ previous × 100; None from 0."""
    return None if previous == 0 else (current - previous) / previous * HUNDRED


@dataclass(frozen=True)
class BudgetFigures:
    """Appropriation and spending of one line or of a sum of lines."""

    initial: Decimal = ZERO  # KBÖ, kanunla verilen başlangıç ödeneği
    additions: Decimal = ZERO
    deductions: Decimal = ZERO
    spending: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        """Toplam ödenek = KBÖ + eklenen − düşülen."""
        return self.initial + self.additions - self.deductions

    @property
    def remaining(self) -> Decimal:
        """Kalan = toplam ödenek − harcama."""
        return self.total - self.spending

    @property
    def realization_pct(self) -> Decimal | None:
        """Harcama ÷ toplam ödenek × 100 (Tablo 9)."""
        return percent(self.spending, self.total)

    @property
    def spent_to_initial_pct(self) -> Decimal | None:
        """Harcama ÷ KBÖ × 100 (Tablo 10, 11)."""
        return percent(self.spending, self.initial)

    def __add__(self, other: "BudgetFigures") -> "BudgetFigures":
        return BudgetFigures(
            initial=self.initial + other.initial,
            additions=self.additions + other.additions,
            deductions=self.deductions + other.deductions,
            spending=self.spending + other.spending,
        )


def budget_sum(figures: Iterable[BudgetFigures]) -> BudgetFigures:
    """Return the sum of several lines' figures."""
    total = BudgetFigures()
    for item in figures:
        total = total + item
    return total


def share_pct(part: Decimal, parts: Iterable[Decimal]) -> Decimal | None:
    """Return one part's share of the whole in % (Tablo 8: each code's share of the KBÖ)."""
    return percent(part, sum(parts, ZERO))


def _money(value: Decimal) -> str:
    return format_decimal(value, 2, language=get_language() or "tr")


def deduction_refusal(figures: BudgetFigures, amount: Decimal) -> str | None:
    """Return why taking `amount` away from a line is refused, or None when it is allowed.

    What can be taken away is what is left: the total appropriation less what has been spent, so
    that after the deduction the spending still fits in the total.
    """
    if amount <= 0:
        return gettext("Tutar sıfırdan büyük olmalı.")
    if amount > figures.remaining:
        return gettext(
            "Düşülmek istenen tutar (%(amount)s TL) kullanılabilir ödeneği (%(available)s TL) aşıyor: "
            "toplam ödenekten harcanmış tutar çıkarıldıktan sonra kalan kadar düşülebilir."
        ) % {"amount": _money(amount), "available": _money(figures.remaining)}
    return None


def spending_refusal(figures: BudgetFigures, new_spending: Decimal) -> str | None:
    """Return why a line's spending may not become `new_spending`, or None when it fits the total."""
    if new_spending < 0:
        return gettext("Harcama eksi olamaz.")
    if new_spending > figures.total:
        return gettext("Harcama toplamı (%(spending)s TL) toplam ödeneği (%(total)s TL) aşıyor.") % {
            "spending": _money(new_spending),
            "total": _money(figures.total),
        }
    return None


def initial_refusal(figures: BudgetFigures, new_initial: Decimal) -> str | None:
    """Return why a line's KBÖ may not become `new_initial` (the spending must still fit), or None."""
    if new_initial < 0:
        return gettext("Başlangıç ödeneği eksi olamaz.")
    changed = BudgetFigures(
        initial=new_initial, additions=figures.additions, deductions=figures.deductions, spending=figures.spending
    )
    if changed.total < changed.spending or changed.deductions > changed.initial + changed.additions:
        return gettext(
            "Bu başlangıç ödeneğiyle toplam ödenek (%(total)s TL) düşülen ve harcanan tutarları karşılamıyor."
        ) % {"total": _money(changed.total)}
    return None
