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
