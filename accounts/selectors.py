"""Reads about users, their administration and their units."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Administration, Unit, User
from accounts.permissions import ADMINISTRATION_WIDE_ROLES, UNIT_ROLES, role_index


def administration_for_user(*, user: User) -> Administration | None:
    """Return the administration the user works in (the first one for a superuser without roles)."""
    assignment = user.roles.select_related("administration").order_by("id").first()
    if assignment is not None:
        return assignment.administration
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


def visible_units(*, user: User) -> QuerySet[Unit]:
    """Return the units whose data the user may see: all of their administration, or their own."""
    roles = role_index(user)
    wide = {admin_id for admin_id, _, role in roles if role in ADMINISTRATION_WIDE_ROLES}
    own = {unit_id for _, unit_id, role in roles if role in UNIT_ROLES}
    if user.is_superuser:
        return Unit.objects.all()
    return Unit.objects.filter(administration_id__in=wide) | Unit.objects.filter(pk__in=own)


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
