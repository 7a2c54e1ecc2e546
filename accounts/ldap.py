"""Optional LDAP / Active Directory log-in: which directory groups and unit give which roles.

The mapping (docs/security.md): the user's unit is the unit of LDAP_ADMINISTRATION_CODE whose code is
in the directory attribute LDAP_UNIT_ATTRIBUTE; each directory group named in LDAP_ROLE_GROUPS gives
its role in that unit (for the strategy, admin and top-management roles the unit only records where
the person sits: those roles see the whole administration). Roles are synchronised at every log-in:
a group left in the directory is a role removed here.
"""

from django.conf import settings
from django_auth_ldap.backend import LDAPBackend

from accounts.choices import Role
from accounts.services import user_roles_sync


def parse_role_groups(text: str) -> dict[str, str]:
    """Return {group DN in lower case: role} from "role=DN;role=DN"; unknown roles raise ValueError."""
    mapping: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(";"))):
        role, _, dn = item.partition("=")
        if role.strip() not in Role.values or not dn.strip():
            raise ValueError(f"LDAP_ROLE_GROUPS: “{item}” is not role=group-DN (roles: {', '.join(Role.values)})")
        mapping[dn.strip().lower()] = role.strip()
    return mapping


def roles_from_directory(
    *, group_dns: set[str] | list[str], unit_codes: list[str], mapping: dict[str, str]
) -> set[tuple[str, str]]:
    """Return the (unit code, role) pairs a directory user holds: every mapped group × the user's unit.

    A user with no unit code, or with several, gets no role: an ambiguous directory entry must not
    grant access to a unit's data.
    """
    if len(unit_codes) != 1:
        return set()
    unit_code = unit_codes[0].strip()
    return {(unit_code, mapping[dn.lower()]) for dn in group_dns if dn.lower() in mapping}


class UnitLDAPBackend(LDAPBackend):
    """django-auth-ldap's backend that also gives the user their roles from the directory."""

    def authenticate_ldap_user(self, ldap_user, password):
        user = super().authenticate_ldap_user(ldap_user, password)
        if user is not None:
            values = ldap_user.attrs.get(settings.LDAP_UNIT_ATTRIBUTE, [])
            wanted = roles_from_directory(
                group_dns=ldap_user.group_dns,
                unit_codes=[v.decode() if isinstance(v, bytes) else v for v in values],
                mapping=parse_role_groups(settings.LDAP_ROLE_GROUPS),
            )
            user_roles_sync(user=user, administration_code=settings.LDAP_ADMINISTRATION_CODE, roles=wanted)
        return user
