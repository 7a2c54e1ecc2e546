"""Optional LDAP / Active Directory log-in, switched on by LDAP_SERVER_URI (docs/security.md).

Imported by base.py only when LDAP_SERVER_URI is set, so python-ldap (requirements/ldap.txt) is needed
only where LDAP is used.
"""

import environ
import ldap
from django_auth_ldap.config import ActiveDirectoryGroupType, GroupOfNamesType, LDAPSearch

env = environ.Env()

AUTH_LDAP_SERVER_URI = env("LDAP_SERVER_URI")
AUTH_LDAP_START_TLS = env.bool("LDAP_START_TLS", default=False)
AUTH_LDAP_BIND_DN = env("LDAP_BIND_DN", default="")
AUTH_LDAP_BIND_PASSWORD = env("LDAP_BIND_PASSWORD", default="")
# Active Directory: sAMAccountName; OpenLDAP: uid.
AUTH_LDAP_USER_SEARCH = LDAPSearch(
    env("LDAP_USER_BASE_DN"), ldap.SCOPE_SUBTREE, env("LDAP_USER_FILTER", default="(sAMAccountName=%(user)s)")
)
AUTH_LDAP_GROUP_SEARCH = LDAPSearch(
    env("LDAP_GROUP_BASE_DN", default=env("LDAP_USER_BASE_DN")), ldap.SCOPE_SUBTREE, "(objectClass=group)"
)
AUTH_LDAP_GROUP_TYPE = (
    ActiveDirectoryGroupType() if env.bool("LDAP_ACTIVE_DIRECTORY", default=True) else GroupOfNamesType()
)
AUTH_LDAP_FIND_GROUP_PERMS = False
AUTH_LDAP_ALWAYS_UPDATE_USER = True
AUTH_LDAP_USER_ATTR_MAP = {"first_name": "givenName", "last_name": "sn", "email": "mail"}
AUTH_LDAP_CONNECTION_OPTIONS = {ldap.OPT_REFERRALS: 0, ldap.OPT_NETWORK_TIMEOUT: 10}
# The directory attribute that holds the user's unit code (e.g. department: "IKAMET"), the
# administration those units belong to, and which directory group gives which role.
LDAP_UNIT_ATTRIBUTE = env("LDAP_UNIT_ATTRIBUTE", default="department")
LDAP_ADMINISTRATION_CODE = env("LDAP_ADMINISTRATION_CODE")
# Pairs of role and group DN separated by ";", e.g. unit_entry=CN=goc-veri,OU=Gruplar,DC=goc,DC=gov,DC=tr
LDAP_ROLE_GROUPS = env("LDAP_ROLE_GROUPS", default="")
