"""Writes about users and their roles."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import RoleAssignment, Unit, User
from core.audit import audit_record
from core.exceptions import ApplicationError


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


def _reason_required(reason: str) -> None:
    if not reason.strip():
        raise ApplicationError(_("Rol atamasını değiştirmek için gerekçe yazın."))


@transaction.atomic
def role_assignment_save(
    *, assignment: RoleAssignment | None, user: User, unit: Unit, role: str, reason: str, actor: Any
) -> RoleAssignment:
    """Give a user a role in a unit, or change an assignment; audited in the user's history with the reason."""
    _reason_required(reason)
    if role not in Role.values:
        raise ApplicationError(_("Geçersiz rol."))
    duplicate = RoleAssignment.objects.filter(user=user, unit=unit, role=role)
    if assignment is not None:
        duplicate = duplicate.exclude(pk=assignment.pk)
    if duplicate.exists():
        raise ApplicationError(_("Kullanıcının bu birimde bu rolü zaten var."))
    if assignment is None:
        assignment = RoleAssignment.objects.create(user=user, unit=unit, administration=unit.administration, role=role)
        audit_record(actor=actor, obj=user, action="role_add", changes={"role": [None, str(assignment)]}, reason=reason)
        return assignment
    assignment = RoleAssignment.objects.select_for_update().select_related("user", "unit").get(pk=assignment.pk)
    before, old_user = str(assignment), assignment.user
    assignment.user, assignment.unit, assignment.administration, assignment.role = user, unit, unit.administration, role
    assignment.save()
    if str(assignment) != before or old_user.pk != user.pk:
        if old_user.pk != user.pk:
            audit_record(
                actor=actor, obj=old_user, action="role_remove", changes={"role": [before, None]}, reason=reason
            )
            audit_record(
                actor=actor, obj=user, action="role_add", changes={"role": [None, str(assignment)]}, reason=reason
            )
        else:
            audit_record(
                actor=actor, obj=user, action="role_change", changes={"role": [before, str(assignment)]}, reason=reason
            )
    return assignment


@transaction.atomic
def role_assignment_delete(*, assignment: RoleAssignment, reason: str, actor: Any) -> None:
    """Take a role away from a user; audited in the user's history."""
    assignment = RoleAssignment.objects.select_for_update().select_related("user", "unit").get(pk=assignment.pk)
    audit_record(
        actor=actor, obj=assignment.user, action="role_remove", changes={"role": [str(assignment), None]}, reason=reason
    )
    assignment.delete()
