"""What an import reports: counts per kind of record, the changes that need a reason, the refusals."""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from core.numbers import format_decimal
from imports.dataset import DatasetError, RowError
from plans.choices import RevisedField
from plans.services.common import RevisionTarget


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # A few of the changed records with (field label, old, new) of each changed field, for the preview.
    changes: list[tuple[str, list[tuple[str, Any, Any]]]] = field(default_factory=list)


@dataclass(frozen=True)
class PendingRevision:
    """A change the import makes to a figure results depend on, of an indicator that already has
    values (plan maintenance's rule): it needs a reason and is kept as a versioned revision."""

    sheet: str
    code: str
    year: int | None
    field_name: str
    old: Any
    new: Any
    target: RevisionTarget = field(compare=False, repr=False)

    @property
    def column(self) -> str:
        """The workbook's column of the field (a target value is the `target` column)."""
        return "target" if self.field_name == RevisedField.TARGET_VALUE else self.field_name

    @property
    def field_label(self) -> str:
        return str(RevisedField(self.field_name).label)

    def __str__(self) -> str:
        """GYH.01 (2024) Hedeflenen değer: 950.000 → 960.000"""
        year = f" ({self.year})" if self.year is not None else ""
        return f"{self.code}{year} {self.field_label}: {_plain(self.old)} → {_plain(self.new)}"


def _plain(value: Any) -> str:
    if isinstance(value, Decimal):
        return format_decimal(value, language=translation.get_language() or "tr")
    return "—" if value is None or value == "" else str(value)


class RevisionReasonRequired(DatasetError):
    """The import changes figures of indicators with values and no reason was given: nothing written.

    `errors` are a first line naming the indicators, then one line per change."""

    def __init__(self, revisions: list[PendingRevision]) -> None:
        self.codes = list(dict.fromkeys(r.code for r in revisions))
        self.message = _(
            "Değerleri girilmiş göstergelerin hedef, ağırlık, başlangıç değeri, yön ya da hesaplama yöntemi "
            "değişiyor (%(codes)s): bu değişiklikler için gerekçe yazın."
        ) % {"codes": ", ".join(self.codes)}
        super().__init__(
            [RowError(_("çalışma kitabı"), None, None, self.message)]
            + [RowError(r.sheet, None, r.column, str(r)) for r in revisions]
        )
        self.revisions = revisions


@dataclass(frozen=True)
class Refusal:
    """A quarterly value the data set would change in a locked quarter."""

    unit_id: int
    year: int
    quarter: int
    lock: str
    attempted: dict[str, Any]


class LockedQuartersError(DatasetError):
    """The data set changes figures of locked quarters; `refusals` says which. Nothing was written."""

    def __init__(self, errors: list[RowError], refusals: list[Refusal]) -> None:
        super().__init__(errors)
        self.refusals = refusals


class ClosedYearImportError(DatasetError):
    """The data set writes records of a closed year; `attempted[year]` names them. Nothing was written."""

    def __init__(self, errors: list[RowError], *, administration_id: int, attempted: dict[int, dict[str, Any]]):
        super().__init__(errors)
        self.administration_id = administration_id
        self.attempted = attempted


@dataclass
class ImportSummary:
    """What an import created, changed and left alone, per kind of record."""

    administration_id: int | None = None
    counts: dict[str, Counts] = field(default_factory=dict)
    warnings: list[RowError] = field(default_factory=list)
    # The changes that need a reason (indicators with values), in the order of the workbook's sheets.
    revisions: list[PendingRevision] = field(default_factory=list)
    # A digest of every change (kind, record, fields, old and new): a preview and its confirmation
    # must agree, or the data changed between them.
    digest: Any = field(default_factory=hashlib.sha256, repr=False, compare=False)

    @property
    def fingerprint(self) -> str:
        return str(self.digest.hexdigest())

    @property
    def changed(self) -> int:
        return sum(c.created + c.updated for c in self.counts.values())
