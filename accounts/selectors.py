"""Reads about users, their administration and their units."""

import hashlib
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Administration, Unit, User
from accounts.permissions import ADMINISTRATION_WIDE_ROLES, UNIT_ROLES, role_assignments, role_index


def administration_for_user(*, user: User) -> Administration | None:
    """Return the administration the user works in (the first one for a superuser without roles)."""
    assignments = role_assignments(user)
    if assignments:
        return assignments[0].administration
    if user.is_superuser:
        return Administration.objects.order_by("name").first()
    return None


def administration_by_code(code: str | None) -> Administration:
    """Return the administration with this code, or the only one when no code is given.

    Raise LookupError with a Turkish message when there is none or the choice is ambiguous.
    """
    administrations = Administration.objects.all()
    if code:
        administrations = administrations.filter(code=code)
    found = list(administrations[:2])
    if len(found) != 1:
        raise LookupError(_("İdare belirsiz: bir idare kodu verin.") if found else _("İdare bulunamadı."))
    return found[0]


def _visible(user: User) -> tuple[set[int], set[int]]:
    """The administrations the user sees whole and the units they see as their own (the one rule)."""
    roles = role_index(user)
    wide = {admin_id for admin_id, _, role in roles if role in ADMINISTRATION_WIDE_ROLES}
    own = {unit_id for _, unit_id, role in roles if role in UNIT_ROLES}
    return wide, own


def visible_units(*, user: User) -> QuerySet[Unit]:
    """Return the units whose data the user may see: all of their administration, or their own."""
    wide, own = _visible(user)
    if user.is_superuser:
        return Unit.objects.all()
    return Unit.objects.filter(administration_id__in=wide) | Unit.objects.filter(pk__in=own)


def unit_visible(*, user: User, unit: Unit) -> bool:
    """Return whether the unit is one of visible_units (for a page showing one object; no query)."""
    wide, own = _visible(user)
    return bool(user.is_superuser or unit.administration_id in wide or unit.pk in own)


def visible_units_scope(*, user: User) -> str:
    """Return a text that is the same for two users exactly when visible_units gives them the same units
    (their roles and superuser flag), without a query: for cache keys. Units added to an administration
    are not in it; a key that depends on them also names the units' changes."""
    roles = ",".join(f"{admin_id}-{unit_id}-{role}" for admin_id, unit_id, role in sorted(role_index(user)))
    return hashlib.sha256(f"{bool(user.is_superuser)}:{roles}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class TwoFactorStatus:
    enabled: bool
    recovery_codes_left: int


def two_factor_status(*, user: User) -> TwoFactorStatus:
    """Return whether the user's authenticator app is set up and how many recovery codes are unused."""
    enabled = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    codes = StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
    return TwoFactorStatus(enabled=enabled, recovery_codes_left=codes)


def two_factor_has_device(*, user: User) -> bool:
    """Return whether the user's log-in asks for a code (an authenticator app is set up)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
