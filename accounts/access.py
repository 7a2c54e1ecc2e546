"""The one "the user's administration, or 403" of every page."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from accounts.models import Administration
from accounts.selectors import administration_for_user


def administration_or_403(request: HttpRequest, perm: str | None = None) -> Administration:
    """Return the administration the user works in, when they hold `perm` on it (any role when `perm`
    is None); else refuse with 403 (PermissionDenied), as every page does for a user without a role."""
    administration = administration_for_user(user=request.user)  # type: ignore[arg-type]
    if administration is None or (perm is not None and not request.user.has_perm(perm, administration)):
        raise PermissionDenied
    return administration
