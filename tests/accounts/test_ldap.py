"""LDAP / Active Directory log-in: directory groups and the unit attribute become roles."""

from pathlib import Path
from types import SimpleNamespace

import pytest

from accounts.choices import Role
from accounts.ldap import UnitLDAPBackend, parse_role_groups, roles_from_directory
from accounts.models import RoleAssignment
from core.models import AuditEntry
from tests.factories import AdministrationFactory, RoleAssignmentFactory, UnitFactory, UserFactory

ENTRY_DN = "CN=goc-veri,OU=Gruplar,DC=goc,DC=gov,DC=tr"
APPROVER_DN = "CN=goc-onay,OU=Gruplar,DC=goc,DC=gov,DC=tr"
ROOT = Path(__file__).resolve().parents[2]
ROLE_GROUPS = f"unit_entry={ENTRY_DN}; unit_approver={APPROVER_DN}"


def test_role_groups_are_parsed_case_insensitively():
    assert parse_role_groups(ROLE_GROUPS) == {
        ENTRY_DN.lower(): Role.UNIT_ENTRY,
        APPROVER_DN.lower(): Role.UNIT_APPROVER,
    }
    assert parse_role_groups("") == {}


def test_an_unknown_role_in_the_mapping_is_refused():
    with pytest.raises(ValueError, match="kral"):
        parse_role_groups(f"kral={ENTRY_DN}")


@pytest.mark.parametrize(
    ("groups", "units", "expected"),
    [
        ([ENTRY_DN], ["IKAMET"], {("IKAMET", Role.UNIT_ENTRY)}),
        (
            [ENTRY_DN.upper(), APPROVER_DN, "CN=baska"],
            ["IKAMET"],
            {("IKAMET", "unit_entry"), ("IKAMET", "unit_approver")},
        ),
        (["CN=baska"], ["IKAMET"], set()),
        ([ENTRY_DN], [], set()),  # no unit in the directory: no role
        ([ENTRY_DN], ["IKAMET", "SGDB"], set()),  # ambiguous unit: no role
    ],
)
def test_roles_from_directory(groups, units, expected):
    assert roles_from_directory(group_dns=groups, unit_codes=units, mapping=parse_role_groups(ROLE_GROUPS)) == expected


@pytest.mark.django_db
def test_a_directory_log_in_synchronises_the_roles(settings, monkeypatch):
    settings.LDAP_UNIT_ATTRIBUTE = "department"
    settings.LDAP_ADMINISTRATION_CODE = "GIB"
    settings.LDAP_ROLE_GROUPS = ROLE_GROUPS
    administration = AdministrationFactory(code="GIB")
    ikamet = UnitFactory(administration=administration, code="IKAMET")
    old_unit = UnitFactory(administration=administration, code="ESKI")
    user = UserFactory(username="ayse")
    RoleAssignmentFactory(user=user, unit=old_unit, role=Role.UNIT_APPROVER)
    # The directory said yes to the password; it lists the user's groups and unit attribute.
    ldap_user = SimpleNamespace(group_dns={ENTRY_DN.lower()}, attrs={"department": [b"IKAMET"]})
    monkeypatch.setattr("django_auth_ldap.backend.LDAPBackend.authenticate_ldap_user", lambda self, lu, pw: user)
    assert UnitLDAPBackend().authenticate_ldap_user(ldap_user, "parola") == user
    assert set(RoleAssignment.objects.filter(user=user).values_list("unit__code", "role")) == {("IKAMET", "unit_entry")}
    assert set(AuditEntry.objects.filter(object_id=str(user.pk)).values_list("action", flat=True)) == {
        "role_add",
        "role_remove",
    }
    # A second log-in with the same directory entry changes nothing.
    UnitLDAPBackend().authenticate_ldap_user(ldap_user, "parola")
    assert AuditEntry.objects.filter(object_id=str(user.pk)).count() == 2
    assert ikamet.role_assignments.count() == 1


def test_ldap_is_switched_on_by_the_environment():
    import subprocess
    import sys

    code = "from django.conf import settings as s; print(s.AUTHENTICATION_BACKENDS); print(s.AUTH_LDAP_SERVER_URI)"
    env = {
        "DJANGO_SETTINGS_MODULE": "goc_perf.settings.base",
        "LDAP_SERVER_URI": "ldap://dc.goc.gov.tr",
        "LDAP_USER_BASE_DN": "OU=Personel,DC=goc,DC=gov,DC=tr",
        "LDAP_ADMINISTRATION_CODE": "GIB",
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    assert "accounts.ldap.UnitLDAPBackend" in out and "ldap://dc.goc.gov.tr" in out
    env.pop("LDAP_SERVER_URI")
    code = "from django.conf import settings; print(settings.AUTHENTICATION_BACKENDS)"
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    assert "ldap" not in out.lower()
