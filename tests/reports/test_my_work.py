"""İşlerim: each person's list of what to do now, with deadlines and links, in a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.choices import Role
from submissions.choices import SubmissionState
from submissions.models import Submission
from tests.factories import PPIndicatorFactory, RoleAssignmentFactory, UnitFactory, UserFactory
from tests.scenario import PASSWORD, QUARTER, YEAR

pytestmark = pytest.mark.django_db


def _page(client, user) -> str:
    assert client.login(username=user.username, password=PASSWORD)
    response = client.get(reverse("my_work"))
    assert response.status_code == 200
    return response.content.decode()


def _form_url(unit, quarter=QUARTER):
    return reverse("submissions:unit_quarter", args=[unit.code, YEAR, quarter])


def test_the_unit_sees_its_open_form_with_its_deadline_and_link(client, scenario):
    page = _page(client, scenario.entry)
    assert "Form-3 değerlerini girin" in page
    assert "Son gün: 31.10.2026" in page
    assert f'href="{_form_url(scenario.unit)}"' in page
    assert scenario.other_unit.name not in page  # another unit's form is not this user's work
    approver = _page(client, scenario.approver)
    assert "Form-3&#x27;ü tamamlayıp gönderin" in approver or "Form-3'ü tamamlayıp gönderin" in approver


def test_a_returned_form_and_missing_evidence_are_listed(client, scenario):
    Submission.objects.create(unit=scenario.unit, year=YEAR, quarter=QUARTER, state=SubmissionState.RETURNED)
    indicator = scenario.indicators["sum"]
    indicator.evidence_required = True
    indicator.save(update_fields=["evidence_required"])
    page = _page(client, scenario.entry)
    assert "İade edilen formu düzeltip yeniden gönderin" in page
    assert "Kanıt dosyası ekleyin: T.01" in page
    assert f"{_form_url(scenario.unit)}#evidence-title" in page


def test_the_directorate_sees_the_forms_to_review(client, scenario):
    Submission.objects.create(unit=scenario.unit, year=YEAR, quarter=QUARTER, state=SubmissionState.SUBMITTED)
    page = _page(client, scenario.strategy)
    assert "Formu inceleyin, onaylayın ya da iade edin" in page
    assert scenario.unit.name in page
    assert "Form-3 değerlerini girin" not in page


def test_nothing_to_do_says_so(client, scenario):
    assert "Şu an sizi bekleyen bir iş yok." in _page(client, scenario.top)


def test_financial_services_land_on_the_budget(client, scenario):
    finance = UserFactory(username="mali")
    RoleAssignmentFactory(user=finance, unit=scenario.unit, role=Role.FINANCE)
    assert client.login(username="mali", password=PASSWORD)
    assert client.get(reverse("start"))["Location"] == reverse("budget:execution")
    assert "Bütçe: ödenek, aktarma ve harcama girişleri" in client.get(reverse("my_work")).content.decode()
    client.login(username=scenario.entry.username, password=PASSWORD)
    assert client.get(reverse("start"))["Location"] == reverse("my_work")


def _grow(scenario, start: int, units: int, indicators: int) -> None:
    """Add units the entry user works in, each with indicators requiring evidence and a submitted form."""
    for n in range(start, start + units):
        unit = UnitFactory(administration=scenario.administration, code=f"EK{n}", name=f"Ek Birim {n}")
        RoleAssignmentFactory(user=scenario.entry, unit=unit, role=Role.UNIT_ENTRY)
        for i in range(indicators):
            PPIndicatorFactory(
                code=f"E{n}.{i}", sub_program=scenario.indicators["sum"].sub_program, responsible_unit=unit,
                evidence_required=True,
            )  # fmt: skip
        Submission.objects.create(unit=unit, year=YEAR, quarter=2, state=SubmissionState.SUBMITTED)


@pytest.mark.parametrize("user", ["entry", "strategy"])
def test_the_page_runs_the_same_number_of_queries_at_two_sizes(client, scenario, user):
    person = getattr(scenario, user)
    assert client.login(username=person.username, password=PASSWORD)
    counts = []
    for start, units, indicators in ((0, 1, 2), (1, 6, 10)):
        _grow(scenario, start, units, indicators)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("my_work")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
