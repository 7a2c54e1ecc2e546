"""The Form-4 summary (built, frozen at year close, rebuilt only after a reasoned reopen) and the audit page."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.exceptions import ApplicationError
from core.models import AuditEntry
from indicators.models import PPIndicatorResult
from plans.models import PerformanceProgram
from reports.models import Form4Row
from reports.services import form4_build, year_close, year_reopen
from reports.tasks import form4_build_task

pytestmark = pytest.mark.django_db


def test_form4_lists_every_indicator_with_its_stored_result(demo):
    summary = form4_build(administration_id=demo.pk, year=2024)
    rows = {row.indicator_code: row for row in summary.rows.all()}
    assert len(rows) == 22
    assert (rows["GYH.01"].target_value, rows["GYH.01"].year_end_value, rows["GYH.01"].status) == (
        Decimal(950000),
        Decimal(913719),
        "partially_reached",
    )
    assert rows["GYH.16"].status == "not_computable"  # printed "Ulaşılamadı" with a value of 0


def test_build_task_is_idempotent(demo):
    first = form4_build_task.run(administration_id=demo.pk, year=2024)
    second = form4_build_task.run(administration_id=demo.pk, year=2024)
    assert first == second
    assert Form4Row.objects.count() == 22


def test_closed_year_is_frozen_until_reopened_with_a_reason(demo):
    summary = year_close(administration_id=demo.pk, year=2024, actor=None).summary
    assert summary.frozen_at is not None
    assert PerformanceProgram.objects.get(administration=demo, year=2024).is_closed
    # A later change of the stored results does not reach the frozen Form-4.
    PPIndicatorResult.objects.filter(indicator__code="GYH.01").update(status="exceeded")
    with pytest.raises(ApplicationError, match="kapatıldı"):
        form4_build(administration_id=demo.pk, year=2024)
    assert Form4Row.objects.get(indicator_code="GYH.01").status == "partially_reached"
    with pytest.raises(ApplicationError, match="gerekçe"):
        year_reopen(administration_id=demo.pk, year=2024, actor=None, reason="  ")
    year_reopen(administration_id=demo.pk, year=2024, actor=None, reason="Sayıştay düzeltmesi")
    assert AuditEntry.objects.get(action="year_reopen").reason == "Sayıştay düzeltmesi"
    form4_build(administration_id=demo.pk, year=2024)
    assert Form4Row.objects.get(indicator_code="GYH.01").status == "exceeded"


def test_close_year_command_refuses_a_second_close(demo):
    call_command("close_year", year=2024, stdout=io.StringIO())
    with pytest.raises(CommandError, match="zaten kapatılmış"):
        call_command("close_year", year=2024, stdout=io.StringIO())


def test_audit_printed_command_lists_the_reports_errors(demo):
    out = io.StringIO()
    call_command("audit_printed", year=2024, stdout=out)
    text = out.getvalue()
    assert "PG3.4.1" in text and "56,26" in text  # printed 81
    assert "1.406.575.925" in text  # printed 1.406.575.924
    assert text.strip().endswith("47 fark.")


def test_recompute_command(demo):
    out = io.StringIO()
    call_command("recompute", year=2024, unit="VDB", stdout=out)
    assert "2 PP göstergesi" in out.getvalue()
    with pytest.raises(CommandError, match="“YOK” kodlu birim yok"):
        call_command("recompute", year=2024, unit="YOK", stdout=io.StringIO())


def test_audit_page_for_the_strategy_directorate(client, demo):
    client.login(username="strateji", password="Demo-strateji-2024")
    content = client.get(reverse("printed_audit")).content.decode()
    assert "47 değer" in content
    assert "Tablo 17" in content and "PG3.4.1" in content and "56,26" in content


def test_unit_users_may_not_see_the_audit_page(client, demo):
    client.login(username="birim.veri", password="Demo-birim-2024")
    response = client.get(reverse("printed_audit"))
    assert response.status_code == 403
    assert "Bu sayfayı görme yetkiniz yok" in response.content.decode()


def test_navigation_offers_the_audit_page_only_to_those_who_may_see_it(client, demo):
    client.login(username="birim.veri", password="Demo-birim-2024")
    assert reverse("printed_audit") not in client.get(reverse("home")).content.decode()
    client.login(username="ust.yonetim", password="Demo-ust-2024")
    assert reverse("printed_audit") in client.get(reverse("home")).content.decode()
