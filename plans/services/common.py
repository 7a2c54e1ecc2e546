"""Helpers shared by the plan-maintenance services: version tokens, applying changes, revisions."""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.exceptions import ApplicationError, ConcurrentEditError
from plans.calculations import changed_fields, needs_reason
from plans.models import Revision


def version_token(obj: models.Model) -> str:
    """Return the token a form carries to detect that someone else saved the object meanwhile."""
    updated_at = getattr(obj, "updated_at", None)
    return updated_at.isoformat() if updated_at else ""


def check_version(obj: models.Model, token: str | None) -> None:
    """Refuse the save when the object changed since the user loaded it (token None: a new object)."""
    if token is not None and version_token(obj) != token:
        raise ConcurrentEditError(
            _(
                "“%(obj)s” siz düzenlerken başka bir kullanıcı tarafından değiştirildi. Değişiklikleriniz "
                "kaydedilmedi; sayfayı yenileyip tekrar deneyin."
            )
            % {"obj": obj}
        )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def full_clean_or_error(obj: models.Model, *, exclude: Iterable[str] = ()) -> None:
    """Run the model's validation and raise ApplicationError with the first Turkish message."""
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        messages = [
            f"{field}: {'; '.join(errors)}" if field != "__all__" else "; ".join(errors)
            for field, errors in exc.message_dict.items()
        ]
        raise ApplicationError(" ".join(messages)) from exc


def apply_changes(
    *,
    obj: models.Model,
    values: Mapping[str, Any],
    actor: Any,
    reason: str = "",
    revised_fields: Iterable[str] = (),
    has_values: bool = False,
    revision: "RevisionTarget | None" = None,
) -> dict[str, tuple[Any, Any]]:
    """Set `values` on `obj`, validate, save and audit; return what changed.

    A change to one of `revised_fields` once the indicator has values needs a reason and is kept
    as a versioned revision of `revision.indicator`.
    """
    # A new object has nothing to compare with (and reading an unset foreign key would raise).
    old = {} if obj.pk is None else {name: getattr(obj, name) for name in values}
    changes = changed_fields(old, values)
    if not changes:
        return {}
    needing = needs_reason(changed=changes, revised_fields=revised_fields, has_values=has_values)
    if needing and not reason.strip():
        labels = ", ".join(str(getattr(obj._meta.get_field(name), "verbose_name", name)) for name in needing)
        raise ApplicationError(
            _("Değerleri girilmiş bir göstergede şu alanların değişmesi için gerekçe yazın: %(fields)s.")
            % {"fields": labels}
        )
    for name, value in values.items():
        setattr(obj, name, value)
    full_clean_or_error(obj)
    is_new = obj.pk is None
    if is_new:
        obj.save()
    else:
        obj.save(update_fields=[*changes, "updated_at"] if hasattr(obj, "updated_at") else list(changes))
    audit_record(
        actor=actor,
        obj=obj,
        action="create" if is_new else "update",
        changes={name: [_text(a) or None, _text(b) or None] for name, (a, b) in changes.items()},
        reason=reason,
    )
    if needing and revision is not None:
        revision_record(
            target=revision,
            changes={name: changes[name] for name in needing},
            reason=reason,
            actor=actor,
        )
    return changes


class RevisionTarget:
    """The indicator a revision belongs to and the year whose figures depend on it."""

    def __init__(self, *, indicator: models.Model, administration_id: int, code: str, year: int | None) -> None:
        self.indicator = indicator
        self.administration_id = administration_id
        self.code = code
        self.year = year


def revision_record(
    *, target: RevisionTarget, changes: Mapping[str, tuple[Any, Any]], reason: str, actor: Any
) -> list[Revision]:
    """Keep one versioned revision per changed field; every field of one save shares a version."""
    content_type = ContentType.objects.get_for_model(target.indicator)
    last = (
        Revision.objects.filter(content_type=content_type, object_id=target.indicator.pk).aggregate(
            last=Max("version")
        )["last"]
        or 0
    )
    rows = [
        Revision(
            administration_id=target.administration_id,
            content_type=content_type,
            object_id=target.indicator.pk,
            code=target.code,
            version=last + 1,
            field=name,
            year=target.year,
            old_value=_text(old),
            new_value=_text(new),
            reason=reason,
            actor=actor if getattr(actor, "pk", None) else None,
        )
        for name, (old, new) in changes.items()
    ]
    return Revision.objects.bulk_create(rows)
