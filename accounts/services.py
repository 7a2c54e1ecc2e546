"""Writes about users and their roles."""

from django.db import transaction

from accounts.models import RoleAssignment, Unit, User
from core.audit import audit_record


@transaction.atomic
def user_roles_sync(*, user: User, administration_code: str, roles: set[tuple[str, str]], actor=None) -> None:
    """Make the user's roles in the administration exactly `roles` ((unit code, role) pairs); audited.

    Unknown unit codes are skipped (the directory names a unit this administration does not have).
    """
    units = {u.code: u for u in Unit.objects.filter(administration__code=administration_code)}
    wanted = {(units[code].pk, role) for code, role in roles if code in units}
    held = {
        (a.unit_id, a.role): a
        for a in RoleAssignment.objects.filter(user=user, administration__code=administration_code)
    }
    for key in held.keys() - wanted:
        assignment = held[key]
        audit_record(actor=actor, obj=user, action="role_remove", changes={"role": [str(assignment), None]})
        assignment.delete()
    unit_by_pk = {u.pk: u for u in units.values()}
    for unit_id, role in wanted - held.keys():
        unit = unit_by_pk[unit_id]
        assignment = RoleAssignment.objects.create(user=user, unit=unit, administration=unit.administration, role=role)
        audit_record(actor=actor, obj=user, action="role_add", changes={"role": [None, str(assignment)]})
