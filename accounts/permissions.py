"""Who may do what (domain.md §4): the one place for these rules, as `rules` predicates.

Views, forms, downloads and admin actions ask `user.has_perm(<perm>, unit)`; querysets that list
units or their data go through `accounts.selectors.visible_units`, so another unit's object is not
found at all (404) rather than forbidden.
"""

from typing import Any

import rules

from accounts.choices import Role
from accounts.models import Administration, RoleAssignment, Unit, User

# Roles that see every unit's data of their administration.
ADMINISTRATION_WIDE_ROLES = (Role.STRATEGY, Role.ADMIN, Role.TOP_MANAGEMENT)
UNIT_ROLES = (Role.UNIT_ENTRY, Role.UNIT_APPROVER)


def role_assignments(user: User) -> list[RoleAssignment]:
    """Return the user's role assignments with their administrations, oldest first; one query per request.

    The permission checks (role_index) and the user's administration (accounts.selectors) both read
    this one list, so a page asks the database for the user's roles once.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_role_assignments", None)
    if cached is None:
        cached = list(user.roles.select_related("administration").order_by("id"))
        user._role_assignments = cached  # type: ignore[attr-defined]
    return cached


def role_index(user: User) -> list[tuple[int, int, str]]:
    """Return (administration id, unit id, role) of every role the user holds."""
    return [(r.administration_id, r.unit_id, r.role) for r in role_assignments(user)]


def _administration_id(obj: Any) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, Administration):
        return obj.pk
    if isinstance(obj, Unit):
        return obj.administration_id
    return getattr(obj, "administration_id", None) or getattr(getattr(obj, "unit", None), "administration_id", None)


def _unit_id(obj: Any) -> int | None:
    if isinstance(obj, Unit):
        return obj.pk
    return getattr(obj, "unit_id", None)


def _holds(user: User, roles: tuple[str, ...], obj: Any = None, *, same_unit: bool = False) -> bool:
    if getattr(user, "is_superuser", False) and not same_unit:
        return True
    administration_id, unit_id = _administration_id(obj), _unit_id(obj)
    for role_admin, role_unit, role in role_index(user):
        if role not in roles:
            continue
        if same_unit:
            if role_unit == unit_id:
                return True
        elif administration_id is None or role_admin == administration_id:
            return True
    return False


@rules.predicate
def is_administration_wide(user: User, obj: Any = None) -> bool:
    """Strategy directorate, admins and top management see every unit of their administration."""
    return _holds(user, ADMINISTRATION_WIDE_ROLES, obj)


@rules.predicate
def is_strategy_directorate(user: User, obj: Any = None) -> bool:
    return _holds(user, (Role.STRATEGY,), obj)


@rules.predicate
def is_administration_admin(user: User, obj: Any = None) -> bool:
    return _holds(user, (Role.ADMIN,), obj)


@rules.predicate
def is_unit_member(user: User, obj: Any = None) -> bool:
    """Unit data entry or approver of the object's own unit."""
    return obj is not None and _holds(user, UNIT_ROLES, obj, same_unit=True)


@rules.predicate
def is_financial_services(user: User, obj: Any = None) -> bool:
    """Financial services staff (Mali Hizmetler) of the object's administration."""
    return _holds(user, (Role.FINANCE,), obj)


@rules.predicate
def is_unit_approver(user: User, obj: Any = None) -> bool:
    return obj is not None and _holds(user, (Role.UNIT_APPROVER,), obj, same_unit=True)


# The quarterly Form-3 of a unit (objects: Unit or Submission).
rules.add_perm("submissions.view_form", is_unit_member | is_administration_wide)
rules.add_perm("submissions.edit_form", is_unit_member)
rules.add_perm("submissions.submit_form", is_unit_approver)
rules.add_perm("submissions.review", is_strategy_directorate)
rules.add_perm("submissions.grant_exception", is_strategy_directorate)
# The thread of an indicator's quarter: read by whoever sees the form; written by the unit and the
# directorate (top management and admins read).
rules.add_perm("submissions.comment", is_unit_member | is_strategy_directorate)
# Plan maintenance (objects: Administration). Top management reads; the directorate and admins edit.
rules.add_perm("plans.view_plan", is_administration_wide)
rules.add_perm("plans.edit_plan", is_strategy_directorate | is_administration_admin)
# Yearly texts of the evaluation tables (objects: the responsible Unit), as the quarterly Form-3.
rules.add_perm("plans.view_texts", is_unit_member | is_administration_wide)
rules.add_perm("plans.write_texts", is_unit_member)
rules.add_perm("plans.submit_texts", is_unit_approver)
rules.add_perm("plans.accept_texts", is_strategy_directorate)
# Administration-wide pages.
rules.add_perm("reports.view_printed_audit", is_administration_wide)
# Denetime hazırlık (the Court of Accounts' reading of a year): the directorate and admins; admins
# close the year (domain.md §4), from that page or with `manage.py close_year`.
rules.add_perm("reports.view_audit_readiness", is_strategy_directorate | is_administration_admin)
rules.add_perm("reports.close_year", is_administration_admin)
# The budget (objects: Administration, BudgetLine): its tables and the money-beside-performance page
# are administration-wide; only financial services enter lines, transfers and spending.
rules.add_perm("budget.view_budget", is_administration_wide | is_financial_services)
rules.add_perm("budget.enter_budget", is_financial_services)
# The import workbook: upload (dry run, then confirm), the template and the current data as a workbook.
rules.add_perm("imports.import_workbook", is_strategy_directorate | is_administration_admin)
# The year-end exports (object: Administration): admins and the strategy directorate.
rules.add_perm("exports.generate", is_strategy_directorate | is_administration_admin)


def only_financial_services(user: User) -> bool:
    """Whether every role the user holds is financial services (their work is the budget)."""
    roles = {role for _admin, _unit, role in role_index(user)}
    return roles == {Role.FINANCE} and not getattr(user, "is_superuser", False)


def can_see_whole_administration(user: User) -> bool:
    """Return whether the user sees every unit's figures (strategy directorate, admins, top management)."""
    return bool(is_administration_wide(user))


def can_use_django_admin(user: User) -> bool:
    """Return whether the user may open the Django admin: a superuser, or staff holding the admin role.

    Staff status alone is not enough: a strategy user marked staff by mistake stays out.
    """
    if not getattr(user, "is_active", False):
        return False
    return bool(user.is_superuser or (user.is_staff and _holds(user, (Role.ADMIN,))))


# Roles that must pass the second log-in step when REQUIRE_2FA is on (superusers too).
TWO_FACTOR_ROLES = (Role.ADMIN, Role.STRATEGY)


def two_factor_required(user: User, *, enforced: bool) -> bool:
    """Return whether the user must use two-factor log-in: enforced, and an admin, strategy or superuser."""
    if not enforced or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or any(role in TWO_FACTOR_ROLES for _, _, role in role_index(user)))
