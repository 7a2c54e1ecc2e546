"""E-mail never blocks a request: the return mail is queued to a Celery task after the commit and sent
there, with retries; a mail server outage leaves the return saved and the page calm; every mail links
to the page it is about (SITE_URL)."""

import smtplib
from datetime import date

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from core.tasks import mail_send_task
from submissions.models import Submission
from submissions.reminders import send_deadline_reminders, send_late_report
from tests.scenario import QUARTER, YEAR
from tests.submissions.test_views import _submitted, login

pytestmark = pytest.mark.django_db


class DownBackend(BaseEmailBackend):
    """A mail server that is not there: every send fails as smtplib does."""

    attempts = 0

    def send_messages(self, email_messages):
        DownBackend.attempts += 1
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def _return(client, scenario, capture):
    submission = _submitted(client, scenario)
    login(client, scenario.strategy)
    with capture(execute=True):
        response = client.post(
            reverse("submissions:review_one", args=[submission.pk]),
            {"action": "return", "comment": "Oranı kontrol edin."},
            follow=True,
        )
    return submission, response


def test_the_return_mail_is_queued_to_the_task_with_the_forms_link(
    client, scenario, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://perf.goc.gov.tr"
    queued = []
    monkeypatch.setattr(mail_send_task, "delay", lambda *message: queued.append(message))
    _return(client, scenario, django_capture_on_commit_callbacks)
    assert mail.outbox == []  # nothing was sent by the request itself
    assert len(queued) == 1
    subject, body, _from, to = queued[0]
    assert "iade edildi" in subject
    assert set(to) == {"veri@example.gov.tr", "onay@example.gov.tr"}
    link = f"https://perf.goc.gov.tr/izleme/{scenario.unit.code}/{YEAR}/{QUARTER}/"
    assert "Oranı kontrol edin." in body and link in body
    mail_send_task.apply(args=queued[0])  # the worker's side
    assert mail.outbox[0].body == body


def test_a_mail_server_outage_leaves_the_return_saved_and_the_page_calm(
    client, scenario, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.submissions.test_mail_task.DownBackend"
    DownBackend.attempts = 0
    submission, response = _return(client, scenario, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert Submission.objects.get(pk=submission.pk).state == "returned"
    page = response.content.decode()
    assert "e-posta" not in page.lower() and "hata" not in page.lower()
    assert DownBackend.attempts >= 1  # the task tried
    # and Celery schedules a retry rather than dropping the message
    with pytest.raises(Retry):
        mail_send_task.apply(args=("Konu", "Metin", "goc-perf@localhost", ["veri@example.gov.tr"]))


def test_reminders_and_the_late_list_link_to_their_pages(scenario, settings):
    settings.SITE_URL = "https://perf.goc.gov.tr/"
    assert send_deadline_reminders(today=date(2026, 10, 26), days_before=5) >= 1
    assert f"https://perf.goc.gov.tr/izleme/{scenario.unit.code}/{YEAR}/{QUARTER}/" in mail.outbox[0].body
    mail.outbox.clear()
    assert send_late_report(today=date(2026, 11, 20)) >= 1
    assert "https://perf.goc.gov.tr/izleme/" in mail.outbox[0].body
