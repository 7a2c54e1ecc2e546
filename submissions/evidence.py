"""Evidence files (kanıt) of an indicator's quarter: adding and removing them (services).

A file is accepted by its bytes (core.files), up to EVIDENCE_MAX_MB, and stored through Django's
storage API. Adding and removing follow the Form-3 lock (submissions.locks, the same rule and
message): only while the unit's quarter is open (not after submission or approval, not in a closed
year). Both are recorded in the history with the actions of EVIDENCE_ACTIONS.
"""

import hashlib
import os
from datetime import date
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.exceptions import ApplicationError
from core.files import sniff_kind
from core.history import ACTIONS
from core.numbers import format_decimal
from indicators.models import PPIndicator
from plans import locks
from submissions.locks import quarter_refuse_if_locked
from submissions.models import Evidence

# The history's actions of evidence, with their labels (the one place they are named).
# The evidence actions' labels, as the history names them (core.history.ACTIONS, defined once).
EVIDENCE_ACTIONS = {name: ACTIONS[name] for name in ("evidence_add", "evidence_remove")}
MEGABYTE = 1024 * 1024


def evidence_max_bytes() -> int:
    return int(settings.EVIDENCE_MAX_MB) * MEGABYTE


def size_refusal(size: int) -> str | None:
    """Return the Turkish refusal of a file of `size` bytes, or None when it is small enough."""
    if size <= evidence_max_bytes():
        return None
    return _("Dosya çok büyük (%(size)s MB): en fazla %(limit)s MB yüklenebilir.") % {
        "size": format_decimal(Decimal(size) / MEGABYTE, 1, language=get_language() or "tr"),
        "limit": settings.EVIDENCE_MAX_MB,
    }


def _refuse_if_locked(*, indicator: PPIndicator, quarter: int, today: date, attempted: str) -> None:
    """Refuse a change of the quarter's files by the Form-3's own lock (submissions.locks, one rule and message)."""
    quarter_refuse_if_locked(
        unit=indicator.responsible_unit,
        year=indicator.performance_program.year,
        quarter=quarter,
        today=today,
        attempted=f"{indicator.code}: {attempted}",
    )


def _clean_name(name: str, extension: str) -> str:
    """Return the uploader's file name without folders, ending in the extension its bytes call for."""
    base = os.path.basename((name or "").replace("\\", "/")).strip() or "kanit"
    stem, _dot, current = base.rpartition(".")
    if not stem or current.lower() not in {extension, "jpeg" if extension == "jpg" else extension}:
        stem = base
    return f"{stem[:180]}.{extension}"


def _sha256(handle: IO[bytes]) -> str:
    digest = hashlib.sha256()
    handle.seek(0)
    for chunk in iter(lambda: handle.read(MEGABYTE), b""):
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest()


@locks.records_closed_year_refusal("form")
@transaction.atomic
def evidence_add(
    *, indicator: PPIndicator, quarter: int, handle: IO[bytes], name: str, size: int, actor: Any, today: date
) -> Evidence:
    """Attach a file to the indicator's quarter: checked by its size and its bytes, stored, audited."""
    indicator = PPIndicator.objects.select_related("performance_program", "responsible_unit").get(pk=indicator.pk)
    _refuse_if_locked(
        indicator=indicator, quarter=quarter, today=today, attempted=str(EVIDENCE_ACTIONS["evidence_add"])
    )
    refusal = size_refusal(size)
    if refusal:
        raise ApplicationError(refusal)
    kind = sniff_kind(handle)
    if kind is None:
        raise ApplicationError(
            _(
                "“%(name)s” kabul edilmedi: dosyanın içeriği PDF, XLSX, DOCX, PNG ya da JPEG değil "
                "(dosya türü adından değil içeriğinden anlaşılır)."
            )
            % {"name": os.path.basename(name or "")[:200]}
        )
    evidence = Evidence(
        indicator=indicator,
        quarter=quarter,
        original_name=_clean_name(name, kind.extension),
        content_type=kind.content_type,
        size=size,
        sha256=_sha256(handle),
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    evidence.file.save(f"kanit.{kind.extension}", File(handle), save=False)
    stored = evidence.file.name or ""
    try:
        evidence.save()
        audit_record(
            actor=actor,
            obj=evidence,
            action="evidence_add",
            changes={"file": [None, evidence.original_name]},
            reason=f"{indicator.code} {indicator.performance_program.year}/{quarter}",
        )
    except Exception:
        evidence.file.storage.delete(stored)
        raise
    return evidence


@locks.records_closed_year_refusal("form")
@transaction.atomic
def evidence_remove(*, evidence: Evidence, actor: Any, today: date) -> Evidence:
    """Remove a file while its quarter is open: the stored file goes, the row and the history stay."""
    evidence = (
        Evidence.objects.select_for_update()
        .select_related("indicator__performance_program", "indicator__responsible_unit")
        .get(pk=evidence.pk)
    )
    if evidence.removed_at is not None:
        raise ApplicationError(_("Bu kanıt dosyası zaten kaldırılmış."))
    indicator = evidence.indicator
    _refuse_if_locked(
        indicator=indicator, quarter=evidence.quarter, today=today, attempted=str(EVIDENCE_ACTIONS["evidence_remove"])
    )
    stored, storage = evidence.file.name or "", evidence.file.storage
    evidence.removed_at, evidence.removed_by = timezone.now(), actor if getattr(actor, "pk", None) else None
    evidence.file = ""
    evidence.save(update_fields=["removed_at", "removed_by", "file", "updated_at"])
    audit_record(
        actor=actor,
        obj=evidence,
        action="evidence_remove",
        changes={"file": [evidence.original_name, None]},
        reason=f"{indicator.code} {indicator.performance_program.year}/{evidence.quarter}",
    )
    transaction.on_commit(lambda: storage.delete(stored))
    return evidence
