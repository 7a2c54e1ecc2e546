"""What else is refreshed when the engine has recomputed an administration's results.

The budget's aggregates are read beside the results and change with the plan's structure, so the
engine's jobs refresh them too. The budget app sits above indicators: it registers its refresh here
(`budget.apps.BudgetConfig.ready`), and the jobs run every registered refresh without importing it.
"""

from collections.abc import Callable
from typing import Protocol


class Follower(Protocol):
    def __call__(self, *, administration_id: int, year: int | None) -> int: ...


_FOLLOWERS: list[Callable[..., int]] = []


def follower_register(follower: Follower) -> None:
    """Run `follower(administration_id=…, year=…)` (year None: every year) after each whole recompute."""
    if follower not in _FOLLOWERS:
        _FOLLOWERS.append(follower)


def followers_run(*, administration_id: int, year: int | None = None) -> int:
    """Run every registered refresh for the administration (one year, or every year); return rows written."""
    return sum(follower(administration_id=administration_id, year=year) for follower in _FOLLOWERS)
