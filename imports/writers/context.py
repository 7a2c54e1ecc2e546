"""What the sheets' writers pass on to each other: the administration and the records written so far."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from accounts.models import Administration
from imports.dataset import Dataset
from imports.writers.upsert import Upserter
from plans.models import Aim, SPIndicator, StrategicPlan, Target


@dataclass
class ImportContext:
    """One import's state: each writer reads what earlier sheets wrote and adds its own records' ids."""

    dataset: Dataset
    up: Upserter
    admin: Administration
    # Which indicators had values before the import wrote any (plan maintenance's revision rule).
    sp_with_values: set[int] = field(default_factory=set)
    pp_with_values: set[int] = field(default_factory=set)
    unit_id: dict[str, int] = field(default_factory=dict)  # unit code → id
    plan: StrategicPlan | None = None
    aims: dict[str, Aim] = field(default_factory=dict)
    targets: dict[str, Target] = field(default_factory=dict)
    sp_indicators: dict[str, SPIndicator] = field(default_factory=dict)
    pp_id: dict[int, int] = field(default_factory=dict)  # year → performance programme id
    programs: dict[tuple, Any] = field(default_factory=dict)  # (programme id, name) → Program
    sub_programs: dict[tuple, Any] = field(default_factory=dict)  # (program id, name) → SubProgram
    goals: dict[tuple, Any] = field(default_factory=dict)  # (sub programme id, text) → SubProgramGoal
    activities: dict[tuple, Any] = field(default_factory=dict)  # (sub programme id, name) → Activity
    pp_indicators: dict[tuple, Any] = field(default_factory=dict)  # (programme id, code) → PPIndicator
    # (indicator code, year, quarter) → (row, entry warnings) of the sheet's values (the preview lists them).
    value_outliers: dict[tuple, Any] = field(default_factory=dict)

    def sheet(self, name: str) -> list[dict[str, Any]]:
        return self.dataset.sheet(name)

    @property
    def budget_structure(self) -> list[dict[str, Any]]:
        """The budget lines that name an activity: they describe programme structure too."""
        return [r for r in self.sheet("budget_lines") if r.get("activity")]

    def sub_program_id(self, row: dict) -> int:
        """Return the id of the sub programme a row names by year, program and sub programme."""
        return self.sub_programs[(self.programs[(self.pp_id[row["year"]], row["program"])].pk, row["sub_program"])].pk


def ordered_unique(values: Iterable[tuple]) -> list[tuple]:
    return list(dict.fromkeys(values))
