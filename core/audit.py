"""Write audit entries; services call this inside their own transaction."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from core.db import bulk_insert
from core.models import AuditEntry


def _as_text(value: Any) -> str | None:
    return None if value is None else str(value)


def audit_changes(*, old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, list[str | None]]:
    """Return {field: [old, new]} for the fields whose value differs.

    Values are compared as values, so Decimal("1.5000") and Decimal("1.5") are the same.
    """
    return {
        field: [_as_text(old.get(field)), _as_text(value)] for field, value in new.items() if old.get(field) != value
    }


def audit_record(
    *,
    actor: Any,
    obj: models.Model,
    action: str,
    changes: Mapping[str, list[str | None]] | None = None,
    reason: str = "",
) -> AuditEntry:
    """Record one change of one object."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        action=action,
        changes=dict(changes or {}),
        reason=reason,
    )


def audit_record_many(
    *, actor: Any, entries: Iterable[tuple[models.Model, str, Mapping[str, list[str | None]]]], reason: str = ""
) -> int:
    """Record many changes with one INSERT; return how many were written."""
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    now = timezone.now()
    rows = [
        {
            "at": now,
            "actor_id": actor_id,
            "content_type_id": ContentType.objects.get_for_model(obj).pk,
            "object_id": str(obj.pk),
            "object_repr": str(obj)[:300],
            "action": action,
            "changes": dict(changes),
            "reason": reason,
        }
        for obj, action, changes in entries
    ]
    return bulk_insert(AuditEntry, rows)


# Fields whose values never enter an audit entry (a password hash, an API token's key).
SECRET_FIELDS = frozenset({"password", "key"})
SECRET_MARK = "••••"  # noqa: S105 - the mask shown instead of a secret


def _audit_text(name: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    if name in SECRET_FIELDS:
        return SECRET_MARK
    if isinstance(value, models.QuerySet | list | tuple | set):
        return ", ".join(sorted(str(item) for item in value)) or None
    return str(value)


@transaction.atomic
def object_save_audited(
    *,
    obj: models.Model,
    changes: Mapping[str, tuple[Any, Any]],
    created: bool,
    reason: str,
    actor: Any,
    subject: models.Model | None = None,
) -> models.Model:
    """Save a configuration object edited by hand (the Django admin) with its audit entry and reason.

    `subject` is the object whose history gets the entry when it is not `obj` itself (an API token is
    filed under its user: the token's name is its secret key).
    """
    if not created and not changes:
        return obj
    obj.save()
    audit_record(
        actor=actor,
        obj=subject or obj,
        action="create" if created else "update",
        changes={name: [_audit_text(name, old), _audit_text(name, new)] for name, (old, new) in changes.items()},
        reason=reason,
    )
    return obj


@transaction.atomic
def object_delete_audited(*, obj: models.Model, actor: Any, reason: str, subject: models.Model | None = None) -> None:
    """Delete a configuration object by hand with an audit entry that keeps what it was (see object_save_audited)."""
    shown = SECRET_MARK if subject is not None else str(obj)[:300]
    audit_record(actor=actor, obj=subject or obj, action="delete", changes={"object": [shown, None]}, reason=reason)
    obj.delete()
