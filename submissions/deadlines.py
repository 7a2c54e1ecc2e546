"""Writes of the quarters' deadlines (an administration's own last day for a quarter); audited.

Kept apart from submissions/services.py (the Form-3 and its workflow); the deadline rule itself
is read by submissions.selectors.
"""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Administration
from core.audit import audit_record
from core.exceptions import ApplicationError
from plans import locks
from submissions.models import QuarterDeadline


def _check(*, administration: Administration, year: int, quarter: int, reason: str) -> None:
    if not reason.strip():
        raise ApplicationError(_("Dönemin son gününü değiştirmek için gerekçe yazın."))
    if quarter not in (1, 2, 3, 4):
        raise ApplicationError(_("Dönem 1 ile 4 arasında olmalı."))
    locks.year_refuse_if_closed(
        administration_id=administration.pk, year=year, attempted={f"{year}/{quarter}": _("son gün")}
    )


@locks.records_closed_year_refusal("admin")
@transaction.atomic
def quarter_deadline_save(
    *,
    deadline: QuarterDeadline | None,
    administration: Administration,
    year: int,
    quarter: int,
    day: date,
    reason: str,
    actor: Any,
) -> QuarterDeadline:
    """Set an administration's own deadline for a quarter, with a reason; a closed year refuses."""
    _check(administration=administration, year=year, quarter=quarter, reason=reason)
    if deadline is not None:
        deadline = QuarterDeadline.objects.select_for_update().get(pk=deadline.pk)
        if (deadline.administration_id, deadline.year, deadline.quarter) != (administration.pk, year, quarter):
            # Moving a deadline to another quarter would change that quarter's lock silently.
            _check(administration=deadline.administration, year=deadline.year, quarter=deadline.quarter, reason=reason)
    clash = QuarterDeadline.objects.filter(administration=administration, year=year, quarter=quarter)
    if deadline is not None:
        clash = clash.exclude(pk=deadline.pk)
    if clash.exists():
        raise ApplicationError(_("Bu dönemin son günü zaten tanımlı; o kaydı değiştirin."))
    old = {} if deadline is None else {"quarter": f"{deadline.year}/{deadline.quarter}", "deadline": deadline.deadline}
    row = deadline or QuarterDeadline(administration=administration)
    row.administration, row.year, row.quarter, row.deadline, row.reason = administration, year, quarter, day, reason
    row.save()
    new = {"quarter": f"{year}/{quarter}", "deadline": day}
    changes = {k: [None if old.get(k) is None else str(old[k]), str(v)] for k, v in new.items() if old.get(k) != v}
    if changes or deadline is None:
        audit_record(
            actor=actor, obj=row, action="create" if deadline is None else "update", changes=changes, reason=reason
        )
    return row


@locks.records_closed_year_refusal("admin")
@transaction.atomic
def quarter_deadline_delete(*, deadline: QuarterDeadline, reason: str, actor: Any) -> None:
    """Go back to the default deadline of a quarter; a closed year refuses."""
    deadline = QuarterDeadline.objects.select_for_update().select_related("administration").get(pk=deadline.pk)
    _check(administration=deadline.administration, year=deadline.year, quarter=deadline.quarter, reason=reason)
    audit_record(
        actor=actor, obj=deadline, action="delete", changes={"deadline": [str(deadline.deadline), None]}, reason=reason
    )
    deadline.delete()
