"""Pure rules of plan maintenance: weight sums, code nesting, unit compatibility. No ORM."""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

WEIGHT_TOTAL = Decimal(100)

# Units of measure that mean the same kind of figure; anything else must match exactly.
UNIT_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"sayı", "adet", "kişi"}),
    frozenset({"oran", "yüzde", "%"}),
)


def weight_sum(weights: Iterable[Decimal]) -> Decimal:
    """Return the sum of a target's indicator weights."""
    return sum(weights, Decimal(0))


def weights_complete(weights: Iterable[Decimal]) -> bool:
    """Return whether a target's weights sum to exactly 100."""
    return weight_sum(weights) == WEIGHT_TOTAL


def _fold(text: str) -> str:
    """Fold a unit name the Turkish way (İ→i, I→ı) and trim it."""
    return text.strip().replace("İ", "i").replace("I", "ı").lower()


def units_compatible(sp_unit: str, pp_unit: str) -> bool | None:
    """Return whether a PP indicator's unit of measure can feed an SP indicator's; None when one is blank."""
    left, right = _fold(sp_unit), _fold(pp_unit)
    if not left or not right:
        return None
    if left == right:
        return True
    return any(left in family and right in family for family in UNIT_FAMILIES)


def _number_part(code: str) -> str:
    """Return the numeric part of a code: PG1.1.1 → 1.1.1, H1.1 → 1.1, A1 → 1."""
    return code.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZÇĞİÖŞÜabcdefghijklmnopqrstuvwxyzçğıöşü").strip()


def code_nested(child: str, parent: str) -> bool:
    """Return whether a child's code continues its parent's: H1.1 under A1, PG1.1.2 under H1.1."""
    child_number, parent_number = _number_part(child), _number_part(parent)
    return bool(parent_number) and child_number.startswith(parent_number + ".")


def changed_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Return {field: (old, new)} for the fields whose value differs (Decimals compared as values)."""
    return {name: (old.get(name), value) for name, value in new.items() if old.get(name) != value}


def needs_reason(*, changed: Iterable[str], revised_fields: Iterable[str], has_values: bool) -> list[str]:
    """Return the changed fields that need a reason: figures results depend on, once values exist."""
    if not has_values:
        return []
    revised = set(revised_fields)
    return [name for name in changed if name in revised]


def pp_target_suggestion(
    *, cumulative: bool, baseline: Decimal, previous_target: Decimal | None, year_target: Decimal | None
) -> Decimal | None:
    """Return the PP target an SP indicator's yearly target B suggests for the year.

    A cumulative SP indicator adds the PP values up, so the year's PP target is the step from the
    previous year's B (the baseline A in the plan's first year): PG1.1.1 405.000 − 200.000 = 205.000.
    A level indicator's PP target is B itself.
    """
    if year_target is None:
        return None
    if not cumulative:
        return year_target
    return year_target - (previous_target if previous_target is not None else baseline)
