"""Who may do what: the one place for these rules (domain.md §4)."""

from accounts.choices import Role
from accounts.models import User

# Roles that see every unit's data of their administration.
ADMINISTRATION_WIDE_ROLES = (Role.STRATEGY, Role.ADMIN, Role.TOP_MANAGEMENT)


def can_see_whole_administration(user: User) -> bool:
    """Return whether the user sees every unit's figures (strategy directorate, admins, top management)."""
    if user.is_superuser:
        return True
    return user.roles.filter(role__in=ADMINISTRATION_WIDE_ROLES).exists()
