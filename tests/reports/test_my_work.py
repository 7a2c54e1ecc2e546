"""İşlerim: each person's list of what to do now, with deadlines and links, in a constant number of queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.choices import Role
from plans.models import PerformanceProgram, TargetYear
from submissions.choices import SubmissionState
from submissions.models import Submission
from tests.factories import (
    AimFactory,
    PPIndicatorFactory,
    RoleAssignmentFactory,
    SPIndicatorFactory,
    SPIndicatorYearFactory,
    StrategicPlanFactory,
    TargetFactory,
    UnitFactory,
    UserFactory,
)
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
    idle = UserFactory(username="bos")
    no_indicators = UnitFactory(administration=scenario.administration, code="BOS", name="Göstergesiz Birim")
    RoleAssignmentFactory(user=idle, unit=no_indicators, role=Role.UNIT_ENTRY)
    assert "Şu an sizi bekleyen bir iş yok." in _page(client, idle)


def _plan(scenario):
    """The strategic plan with a target of the unit (no texts yet) and an SP indicator of it (a draft row)."""
    aim = AimFactory(plan=StrategicPlanFactory(administration=scenario.administration, start_year=2024))
    target = TargetFactory(aim=aim, code="H1.1", responsible_unit=scenario.unit)
    sp_indicator = SPIndicatorFactory(target=target, code="PG1.1.1", responsible_unit=scenario.unit)
    return target, SPIndicatorYearFactory(indicator=sp_indicator, year=YEAR)


def test_the_years_evaluation_texts_to_write_are_listed_once_its_last_quarter_began(client, scenario, today):
    target, sp_row = _plan(scenario)
    today(date(2026, 9, 30))
    assert "değerlendirme metnini yazıp gönderin" not in _page(client, scenario.entry)
    today(date(2026, 10, 15))
    page = _page(client, scenario.entry)
    assert "2026 yılının 2 değerlendirme metnini yazıp gönderin" in page
    assert "H1.1, PG1.1.1" in page
    assert f'href="{reverse("plans:texts_index")}?year=2026"' in page
    assert "değerlendirme metnini yazıp gönderin" not in _page(client, scenario.other_entry)
    sp_row.text_state = SubmissionState.SUBMITTED
    sp_row.save(update_fields=["text_state"])
    TargetYear.objects.create(target=target, year=YEAR, text_state=SubmissionState.RETURNED)
    page = _page(client, scenario.entry)
    assert "İade edilen hedef metnini düzeltin: H1.1" in page
    assert "değerlendirme metnini yazıp gönderin" not in page  # submitted: the directorate's turn


def test_a_closed_years_texts_are_not_asked_for(client, scenario):
    _plan(scenario)
    PerformanceProgram.objects.filter(administration=scenario.administration, year=YEAR).update(is_closed=True)
    assert "değerlendirme metnini yazıp gönderin" not in _page(client, scenario.entry)


def test_the_directorate_sees_the_late_units_and_the_quarters_progress(client, scenario, today):
    Submission.objects.create(unit=scenario.unit, year=YEAR, quarter=1, state=SubmissionState.APPROVED)
    Submission.objects.create(unit=scenario.unit, year=YEAR, quarter=2, state=SubmissionState.APPROVED)
    Submission.objects.create(unit=scenario.other_unit, year=YEAR, quarter=1, state=SubmissionState.APPROVED)
    Submission.objects.create(unit=scenario.unit, year=YEAR, quarter=3, state=SubmissionState.APPROVED)
    today(date(2026, 11, 5))  # the third quarter's deadline (31.10) has passed
    page = _page(client, scenario.strategy)
    assert "2026/3. dönem: 1 / 2 birimin formu onaylandı" in page
    assert "1 birim süresi geçen formunu göndermedi" in page
    assert scenario.other_unit.name in page
    assert f"{reverse('submissions:forms_index')}?year=2026&amp;late=1" in page
    top = _page(client, scenario.top)
    assert "2026/3. dönem: 1 / 2 birimin formu onaylandı" in top
    assert "süresi geçen formunu göndermedi" not in top  # reminding the units is the directorate's work


def test_top_management_sees_the_indicators_at_risk(client, scenario):
    from indicators.models import PPIndicatorResult
    from plans.choices import Status

    for indicator in (scenario.indicators["sum"], scenario.other_indicator):
        PPIndicatorResult.objects.create(
            indicator=indicator, status=Status.NOT_COMPUTABLE, projected_status=Status.NOT_COMPUTABLE,
            projected_status_trend=Status.NOT_COMPUTABLE,
            quarters={"q3": {"status": "not_computable", "projected": "not_reached", "trend": "not_computable"}},
        )  # fmt: skip
    page = _page(client, scenario.top)
    assert "2 gösterge yıl sonunda hedefin gerisinde kalabilir (2026/3. dönem)" in page
    url = reverse("dashboards:indicator_table") + "?year=2026&amp;quarter=3&amp;at_risk=true"
    assert url in page
    table = client.get(url.replace("&amp;", "&")).content.decode()  # the link opens exactly those indicators
    assert "T.01" in table and "T.99" in table and "T.02" not in table


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


@pytest.mark.parametrize("user", ["entry", "strategy", "top"])
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
