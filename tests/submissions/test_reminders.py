"""Deadline reminders, the daily late list and the lock recorded at the deadline."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from core.models import AuditEntry
from submissions.models import QuarterDeadline, QuarterException, Submission
from submissions.reminders import record_deadline_locks, send_deadline_reminders, send_late_report
from submissions.tasks import deadline_locks_task, deadline_reminders_task, late_report_task
from tests.scenario import PASSWORD, QUARTER, YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def earlier_quarters_approved(scenario):
    for unit in (scenario.unit, scenario.other_unit):
        for quarter in (1, 2):
            Submission.objects.create(unit=unit, year=YEAR, quarter=quarter, state="approved")


def test_units_with_an_unsent_form_are_reminded_n_days_before_the_deadline(scenario):
    Submission.objects.create(unit=scenario.other_unit, year=YEAR, quarter=QUARTER, state="submitted")
    assert send_deadline_reminders(today=date(2026, 10, 25), days_before=5) == 0  # the deadline is 6 days off
    sent = send_deadline_reminders(today=date(2026, 10, 26), days_before=5)
    assert sent == 1  # only the unit that has not sent; the other unit already submitted
    message = mail.outbox[0]
    assert set(message.to) == {"veri@example.gov.tr", "onay@example.gov.tr"}
    assert "31.10.2026" in message.subject and scenario.unit.name in message.body


def test_the_directorate_gets_the_daily_late_list(scenario):
    assert send_late_report(today=date(2026, 10, 31)) == 0  # the deadline day itself is not late
    assert send_late_report(today=date(2026, 11, 2)) == 1
    assert mail.outbox[0].to == ["strateji@example.gov.tr"]
    body = mail.outbox[0].body
    assert f"{scenario.unit.name}: 2026/3. dönem (son gün 31.10.2026)" in body
    assert f"{scenario.other_unit.name}: 2026/3. dönem" in body
    assert "2026/2." not in body  # approved quarters are not late


def test_an_exception_keeps_a_unit_off_the_late_list(scenario):
    QuarterException.objects.create(
        unit=scenario.unit, year=YEAR, quarter=QUARTER, expires_on=date(2026, 11, 10), reason="Arıza"
    )
    send_late_report(today=date(2026, 11, 2))
    assert scenario.unit.name not in mail.outbox[0].body
    assert scenario.other_unit.name in mail.outbox[0].body
    send_late_report(today=date(2026, 11, 11))  # the exception has run out
    assert f"{scenario.unit.name}: 2026/3. dönem (son gün 10.11.2026)" in mail.outbox[1].body


def test_the_lock_at_the_deadline_is_recorded_in_each_late_forms_history(scenario):
    Submission.objects.create(unit=scenario.other_unit, year=YEAR, quarter=QUARTER, state="approved")
    assert record_deadline_locks(today=date(2026, 11, 1)) == 1
    entry = AuditEntry.objects.get(action="lock")
    assert entry.reason == "Süre doldu" and entry.object_repr.startswith(scenario.unit.code)
    assert record_deadline_locks(today=date(2026, 11, 2)) == 0  # only the day after the deadline


def test_the_jobs_use_the_configured_clock(scenario, today, settings):
    settings.REMINDER_DAYS_BEFORE = 5
    today(date(2026, 10, 26))
    assert deadline_reminders_task.run() == 2  # both units, neither has sent its third quarter
    today(date(2026, 11, 1))
    assert deadline_locks_task.run() == 2
    assert late_report_task.run() == 1


def test_an_administration_may_move_a_quarters_deadline(client, scenario, today):
    QuarterDeadline.objects.create(
        administration=scenario.administration, year=YEAR, quarter=QUARTER, deadline=date(2026, 11, 15), reason="Bayram"
    )
    today(date(2026, 11, 10))  # past the default 31.10, before the moved deadline
    client.login(username=scenario.entry.username, password=PASSWORD)
    page = client.get(reverse("submissions:unit_quarter", args=[scenario.unit.code, YEAR, QUARTER])).content.decode()
    assert "Kilitli" not in page and "15.11.2026" in page
    assert send_deadline_reminders(today=date(2026, 11, 10), days_before=5) == 2
    assert "15.11.2026" in mail.outbox[0].subject
    assert send_late_report(today=date(2026, 11, 10)) == 0
    assert record_deadline_locks(today=date(2026, 11, 16)) == 2
    today(date(2026, 11, 16))
    page = client.get(reverse("submissions:unit_quarter", args=[scenario.unit.code, YEAR, QUARTER])).content.decode()
    assert "Kilitli: Süre doldu" in page
