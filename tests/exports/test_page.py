"""The exports page: who may use it, the job and its progress, the history, downloads, queries."""

import io
import re
from unittest.mock import patch

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.choices import Role
from exports.choices import JobStatus
from exports.models import ExportJob
from exports.services import export_job_run
from exports.tasks import export_job_run_task
from tests.factories import AdministrationFactory, RoleAssignmentFactory, UnitFactory, UserFactory
from tests.scenario import PASSWORD, YEAR

pytestmark = pytest.mark.django_db
PAGE = reverse("exports:page")


def _login(client, user) -> None:
    assert client.login(username=user.username, password=PASSWORD)


def _admin(scenario):
    user = UserFactory(username="yonetici.tst")
    RoleAssignmentFactory(user=user, unit=scenario.unit, role=Role.ADMIN)
    return user


def _job(scenario, **fields) -> ExportJob:
    values = {"administration": scenario.administration, "year": YEAR, "report": "form3", "format": "csv"}
    return ExportJob.objects.create(**(values | fields))


def test_anonymous_is_sent_to_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ["entry", "approver", "top"])
def test_unit_users_and_top_management_may_not_export(client, scenario, role):
    _login(client, getattr(scenario, role))
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"year": YEAR, "report": "form3", "format": "csv"}).status_code == 403
    assert not ExportJob.objects.exists()
    assert "Dışa aktarma" not in client.get(reverse("dashboards:overview")).content.decode()


def test_strategy_directorate_and_admins_see_the_page_and_the_nav_entry(client, scenario):
    for user in (scenario.strategy, _admin(scenario)):
        _login(client, user)
        response = client.get(PAGE)
        content = response.content.decode()
        assert response.status_code == 200
        assert f'href="{PAGE}"' in content  # the nav entry
        assert "Form-3 (Tablo 15)" in content and "Excel (XLSX)" in content


def test_a_request_runs_the_job_and_the_file_is_kept_for_download(client, scenario, django_capture_on_commit_callbacks):
    _login(client, scenario.strategy)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PAGE, {"year": YEAR, "report": "form3", "format": "xlsx"})
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert (job.status, job.progress, job.requested_by, job.language) == (JobStatus.DONE, 100, scenario.strategy, "tr")
    assert job.started_at and job.finished_at
    page = client.get(PAGE).content.decode()
    download = reverse("exports:job_download", args=[job.pk])
    assert download in page and "form3-2026.xlsx" in page
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="form3-2026.xlsx"')
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    names = [row[1].value for row in workbook["Form-3"].iter_rows(min_row=5)]
    assert "Sınır dışı edilen yabancı sayısı" in names


def test_with_the_in_process_default_the_request_lands_on_the_finished_files_link(
    client, scenario, django_capture_on_commit_callbacks
):
    """No "queued" message for a file already made: the page opens on its download link."""
    _login(client, scenario.strategy)
    with django_capture_on_commit_callbacks(execute=True):  # the request's own commit runs the job
        response = client.post(PAGE, {"year": YEAR, "report": "form4", "format": "csv"})
    job = ExportJob.objects.get()
    assert response["Location"] == f"{PAGE}?job={job.pk}"
    response = client.get(response["Location"])
    notice = re.search(r'data-testid="export-notice".*?</div>', response.content.decode(), re.S).group(0)
    assert "Dosyanız hazır" in notice and reverse("exports:job_download", args=[job.pk]) in notice
    assert "hx-get" not in notice and "sıraya alındı" not in response.content.decode()


def test_with_celery_the_notice_follows_the_jobs_progress_until_its_link(
    client, scenario, django_capture_on_commit_callbacks
):
    """A job a worker has not finished yet: the notice shows its progress and polls, then offers the file."""
    _login(client, scenario.strategy)
    with patch.object(export_job_run_task, "delay") as queued, django_capture_on_commit_callbacks(execute=True):
        response = client.post(PAGE, {"year": YEAR, "report": "form3", "format": "csv"})
    job = ExportJob.objects.get()
    queued.assert_called_once_with(job.pk)
    page = client.get(response["Location"]).content.decode()
    notice_url = reverse("exports:job_status", args=[job.pk]) + "?notice=1"
    assert f'hx-get="{notice_url}"' in page and "Dosyanız hazırlanıyor" in page and '<progress value="0"' in page
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, progress=60)
    assert '<progress value="60"' in client.get(notice_url).content.decode()
    export_job_run(job_id=job.pk)  # what the worker does
    fragment = client.get(notice_url).content.decode()
    assert "Dosyanız hazır" in fragment and "hx-get" not in fragment
    assert reverse("exports:job_download", args=[job.pk]) in fragment


def test_the_job_writes_in_the_requesting_users_language(client, scenario, django_capture_on_commit_callbacks):
    _login(client, scenario.strategy)
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PAGE, {"year": YEAR, "report": "form4", "format": "csv"}, HTTP_ACCEPT_LANGUAGE="en")
    job = ExportJob.objects.get()
    assert job.language == "en"
    with_xlsx = _job(scenario, report="form4", format="xlsx", language="en")
    export_job_run(job_id=with_xlsx.pk)
    with_xlsx.refresh_from_db()
    labels = [c.value for c in load_workbook(with_xlsx.file.path).active[3]]
    assert "Performance indicator" in labels


def test_a_queued_job_polls_its_progress_and_survives_a_reload(client, scenario):
    job = _job(scenario, status=JobStatus.RUNNING, progress=40)
    _login(client, scenario.strategy)
    for _ in range(2):  # a reload shows the same job, still polling
        content = client.get(PAGE).content.decode()
        status_url = reverse("exports:job_status", args=[job.pk])
        assert f'hx-get="{status_url}"' in content and 'hx-trigger="every 1s"' in content
        assert '<progress value="40" max="100"' in content
    fragment = client.get(status_url).content.decode()
    assert fragment.lstrip().startswith("<tr") and "Hazırlanıyor" in fragment
    export_job_run(job_id=job.pk)
    fragment = client.get(status_url).content.decode()
    assert "hx-get" not in fragment and "Hazır" in fragment  # finished: the row stops polling
    assert reverse("exports:job_download", args=[job.pk]) in fragment
    assert "<script" not in content.split("</main>")[0].split("<main")[1]  # no inline JavaScript


def test_a_failed_job_says_why_and_offers_no_file(client, scenario, monkeypatch):
    job = _job(scenario)

    def broken(_export):
        raise ValueError("disk dolu")

    monkeypatch.setitem(__import__("exports.renderers", fromlist=["RENDERERS"]).RENDERERS, "csv", broken)
    export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "disk dolu" in job.error
    _login(client, scenario.strategy)
    assert "disk dolu" in client.get(PAGE).content.decode()
    assert client.get(reverse("exports:job_download", args=[job.pk])).status_code == 404


def test_a_finished_job_is_not_run_again(scenario):
    job = _job(scenario)
    export_job_run(job_id=job.pk)
    job.refresh_from_db()
    first = job.file.name
    export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.file.name == first


def test_an_invalid_year_is_refused_in_turkish_and_nothing_is_queued(client, scenario):
    _login(client, scenario.strategy)
    response = client.post(PAGE, {"year": 1999, "report": "form3", "format": "csv"})
    assert response.status_code == 200
    assert not ExportJob.objects.exists()
    assert "Geçerli bir seçim yapın" in response.content.decode() or "Bu yıl için veri yok" in response.content.decode()


def test_another_administrations_files_are_not_found(client, scenario):
    other = AdministrationFactory(code="OTH")
    job = ExportJob.objects.create(administration=other, year=YEAR, report="form3", format="csv")
    export_job_run(job_id=job.pk)
    _login(client, scenario.strategy)
    assert client.get(reverse("exports:job_download", args=[job.pk])).status_code == 404
    assert client.get(reverse("exports:job_status", args=[job.pk])).status_code == 404
    assert "form3-2026.csv" not in client.get(PAGE).content.decode()


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(PAGE).status_code == 200
    return len(captured)


def test_page_queries_do_not_grow_with_the_history(client, scenario):
    users = [UserFactory(username=f"kisi{i}") for i in range(3)]
    for user in users:
        RoleAssignmentFactory(user=user, unit=UnitFactory(administration=scenario.administration), role=Role.STRATEGY)
    _login(client, scenario.strategy)
    for i in range(2):
        _job(scenario, requested_by=users[i % 3])
    few = _queries(client)
    for i in range(40):
        _job(scenario, requested_by=users[i % 3], status=JobStatus.RUNNING if i % 2 else JobStatus.DONE)
    many = _queries(client)
    assert many == few
