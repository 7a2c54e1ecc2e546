"""Budget arithmetic, pure: totals, remaining, realization and change percentages (domain.md §2)."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

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
