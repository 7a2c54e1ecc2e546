"""Reads about users, their administration and their units."""

from accounts.models import Administration, User


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
        raise LookupError("İdare belirsiz: bir idare kodu verin." if found else "İdare bulunamadı.")
    return found[0]
