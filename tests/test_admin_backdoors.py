"""The Django admin's back doors of issue 14, each reproduced: nothing changes, or the service runs.

A superuser tries what the issue found: editing a submission's state, deleting an approved
quarter, changing an indicator's target without a reason, giving a role unaudited, editing a
result row, moving a deadline into a closed year. Each is refused with a clear Turkish message
and nothing changes, or it goes through the product's service with its revision and audit entry.
"""

from datetime import date
from decimal import Decimal

import lxml.html
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.choices import Role
from accounts.models import RoleAssignment, User
from core.models import AuditEntry
from indicators.models import PPIndicator, PPIndicatorResult
from plans.models import PerformanceProgram, Revision, SPIndicator
from reports.services import year_close
from submissions.choices import SubmissionState
from submissions.models import QuarterDeadline, Submission

pytestmark = pytest.mark.django_db

REASON_REQUIRED = "Bu alan zorunlu."


@pytest.fixture
def admin_client(client, demo):
    client.force_login(User.objects.create_superuser("kok", "kok@example.gov.tr", "Kok-parola-2024"))
    return client


def _form(client, url: str) -> dict[str, list[str]]:
    """Return what the browser would submit from the change form at `url`."""
    page = client.get(url)
    assert page.status_code == 200
    (form,) = [f for f in lxml.html.fromstring(page.content).forms if f.get("id", "").endswith("_form")]
    data: dict[str, list[str]] = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return data


def _text(response) -> str:
    return response.content.decode()


def test_a_submissions_state_year_and_quarter_cannot_be_edited(admin_client):
    submission = Submission.objects.filter(state=SubmissionState.APPROVED).first()
    url = reverse("admin:submissions_submission_change", args=[submission.pk])
    page = admin_client.get(url)
    assert "yalnızca onay akışıyla değişir" in _text(page)  # the page says why and where
    assert 'name="state"' not in _text(page) and 'name="year"' not in _text(page)
    response = admin_client.post(url, {"state": SubmissionState.DRAFT, "year": "2025", "quarter": "1"})
    assert response.status_code == 403
    submission.refresh_from_db()
    assert (submission.state, submission.year) == (SubmissionState.APPROVED, 2024)


def test_an_approved_submission_cannot_be_deleted(admin_client):
    submission = Submission.objects.filter(state=SubmissionState.APPROVED).first()
    response = admin_client.post(reverse("admin:submissions_submission_delete", args=[submission.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Submission.objects.filter(pk=submission.pk, state=SubmissionState.APPROVED).exists()
    changelist = reverse("admin:submissions_submission_changelist")
    response = admin_client.post(changelist, {"action": "delete_selected", "_selected_action": [submission.pk]})
    assert Submission.objects.filter(pk=submission.pk).exists()  # no bulk delete either


def test_a_target_change_without_a_reason_is_refused_and_with_one_revised(admin_client):
    indicator = PPIndicator.objects.get(code="GYH.01")
    url = reverse("admin:indicators_ppindicator_change", args=[indicator.pk])
    data = {**_form(admin_client, url), "target_value": ["900000"], "reason": [""]}
    response = admin_client.post(url, data)
    assert response.status_code == 200 and REASON_REQUIRED in _text(response)
    indicator.refresh_from_db()
    assert indicator.target_value != Decimal(900000)
    assert not Revision.objects.filter(object_id=indicator.pk).exists()

    response = admin_client.post(url, {**data, "reason": ["Ara dönem revizyonu"]})
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.target_value == Decimal(900000)
    revision = Revision.objects.get(object_id=indicator.pk, field="target_value")
    assert (revision.new_value, revision.reason) == ("900000", "Ara dönem revizyonu")
    entry = AuditEntry.objects.get(object_id=str(indicator.pk), action="update", reason="Ara dönem revizyonu")
    assert entry.changes["target_value"][1] == "900000"


def test_an_sp_indicators_weight_is_read_only_and_its_baseline_needs_a_reason(admin_client):
    indicator = SPIndicator.objects.filter(years__actual_value__isnull=False).first() or SPIndicator.objects.first()
    url = reverse("admin:plans_spindicator_change", args=[indicator.pk])
    data = _form(admin_client, url)
    assert "weight" not in data  # changed on the target's weights screen (the sum stays 100)
    response = admin_client.post(url, {**data, "weight": ["99"], "baseline": ["12345"], "reason": [""]})
    assert response.status_code == 200 and REASON_REQUIRED in _text(response)
    before = (indicator.weight, indicator.baseline)
    indicator.refresh_from_db()
    assert (indicator.weight, indicator.baseline) == before


def test_an_indicator_of_a_closed_year_is_refused_with_the_closing_message(admin_client, demo):
    year_close(administration_id=demo.pk, year=2024, actor=User.objects.get(username="yonetici"))
    indicator = PPIndicator.objects.get(code="GYH.01")
    url = reverse("admin:indicators_ppindicator_change", args=[indicator.pk])
    data = {**_form(admin_client, url), "target_value": ["900000"], "reason": ["Düzeltme"]}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "2024 yılı kapatıldı" in _text(response) and "close_year --year 2024 --reopen" in _text(response)
    indicator.refresh_from_db()
    assert indicator.target_value != Decimal(900000)
    refusal = AuditEntry.objects.get(action="refused")
    assert refusal.reason == "Plan bakımı: Yıl kapatıldı"


def test_a_closed_year_cannot_be_reopened_in_the_admin(admin_client, demo):
    year_close(administration_id=demo.pk, year=2024, actor=User.objects.get(username="yonetici"))
    programme = PerformanceProgram.objects.get(administration=demo, year=2024)
    url = reverse("admin:plans_performanceprogram_change", args=[programme.pk])
    assert "close_year" in _text(admin_client.get(url))
    assert admin_client.post(url, {"is_closed": ""}).status_code == 403
    programme.refresh_from_db()
    assert programme.is_closed


def test_a_role_is_given_through_the_service_with_its_reason_and_audit(admin_client, demo):
    person = User.objects.create_user("yeni", password="Yeni-parola-2024")
    unit = PPIndicator.objects.get(code="GYH.01").responsible_unit
    url = reverse("admin:accounts_roleassignment_add")
    data = {"user": person.pk, "unit": unit.pk, "role": Role.UNIT_APPROVER}
    response = admin_client.post(url, {**data, "reason": ""})
    assert response.status_code == 200 and REASON_REQUIRED in _text(response)
    assert not RoleAssignment.objects.filter(user=person).exists()

    response = admin_client.post(url, {**data, "reason": "Birim yöneticisi atandı"})
    assert response.status_code == 302
    (assignment,) = RoleAssignment.objects.filter(user=person)
    assert (assignment.role, assignment.administration) == (Role.UNIT_APPROVER, demo)
    entry = AuditEntry.objects.get(object_id=str(person.pk), action="role_add")
    assert entry.reason == "Birim yöneticisi atandı" and entry.actor.username == "kok"

    response = admin_client.post(reverse("admin:accounts_roleassignment_delete", args=[assignment.pk]), {"post": "yes"})
    assert response.status_code == 302 and not RoleAssignment.objects.filter(user=person).exists()
    assert AuditEntry.objects.filter(object_id=str(person.pk), action="role_remove").exists()


def test_the_users_page_shows_roles_read_only(admin_client):
    person = User.objects.get(username="yonetici")
    page = admin_client.get(reverse("admin:accounts_user_change", args=[person.pk]))
    (inline,) = page.context["inline_admin_formsets"]
    assert not inline.has_add_permission and not inline.has_change_permission and not inline.has_delete_permission


def test_a_result_row_cannot_be_edited_or_deleted(admin_client):
    result = PPIndicatorResult.objects.first()
    before = (result.realization_rate, result.status)
    url = reverse("admin:indicators_ppindicatorresult_change", args=[result.pk])
    page = admin_client.get(url)
    assert "Hesaplanan sonuç" in _text(page)
    assert admin_client.post(url, {"realization_rate": "100", "status": "reached"}).status_code == 403
    delete = reverse("admin:indicators_ppindicatorresult_delete", args=[result.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    result.refresh_from_db()
    assert (result.realization_rate, result.status) == before


def test_a_deadline_is_set_with_a_reason_and_refused_in_a_closed_year(admin_client, demo):
    url = reverse("admin:submissions_quarterdeadline_add")
    data = {"administration": demo.pk, "year": "2024", "quarter": "4", "deadline": "14.02.2025"}
    response = admin_client.post(url, {**data, "reason": "Bayram tatili"})
    assert response.status_code == 302, _text(response)[:3000]
    deadline = QuarterDeadline.objects.get(administration=demo, year=2024, quarter=4)
    assert deadline.deadline == date(2025, 2, 14) and deadline.reason == "Bayram tatili"
    assert AuditEntry.objects.get(object_id=str(deadline.pk), action="create").reason == "Bayram tatili"

    year_close(administration_id=demo.pk, year=2024, actor=User.objects.get(username="yonetici"))
    change = reverse("admin:submissions_quarterdeadline_change", args=[deadline.pk])
    response = admin_client.post(change, {**data, "deadline": "28.02.2025", "reason": "Uzatma"})
    assert response.status_code == 200 and "2024 yılı kapatıldı" in _text(response)
    deadline.refresh_from_db()
    assert deadline.deadline == date(2025, 2, 14)
    assert AuditEntry.objects.get(action="refused").reason == "Yönetim paneli: Yıl kapatıldı"
    response = admin_client.post(
        reverse("admin:submissions_quarterdeadline_delete", args=[deadline.pk]), {"post": "yes"}
    )
    assert QuarterDeadline.objects.filter(pk=deadline.pk).exists()
    assert any("2024 yılı kapatıldı" in str(m) for m in get_messages(response.wsgi_request))
