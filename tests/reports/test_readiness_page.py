"""Denetime hazırlık on the database: the 2024 demo's result, planted defects, queries, access, closing."""

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from accounts.choices import Role
from core.audit import audit_record
from exports.choices import Format, Report
from exports.models import ExportJob
from indicators.checks import narrative_requirement
from indicators.models import PPIndicator, QuarterlyValue
from plans.choices import Status
from plans.models import PerformanceProgram, SPIndicator, SPIndicatorYear, SubProgramGoal
from reports.models import PrintedFigure
from reports.printed import printed_differences
from reports.readiness import audit_readiness
from submissions.services import quarter_problems
from tests.factories import (
    AimFactory,
    PPIndicatorFactory,
    QuarterlyValueFactory,
    RoleAssignmentFactory,
    SPIndicatorYearFactory,
    StrategicPlanFactory,
    SubProgramFactory,
    TargetFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)
USERS = {
    "birim.veri": "Demo-birim-2024",
    "birim.onay": "Demo-onay-2024",
    "strateji": "Demo-strateji-2024",
    "yonetici": "Demo-yonetici-2024",
    "ust.yonetim": "Demo-ust-2024",
    "mali.hizmetler": "Demo-mali-2024",
}
MAY_VIEW = {"strateji", "yonetici"}
MAY_CLOSE = {"yonetici"}


@pytest.fixture(autouse=True)
def _turkish():
    with translation.override("tr"):
        yield


def _report(demo, year=2024):
    return {c.key: c for c in audit_readiness(administration=demo, year=year, today=TODAY).criteria}


def _login(client, username):
    assert client.login(username=username, password=USERS[username])
    return client


# --- The 2024 demo's result, each criterion counted again from the data ------------------------


def _pp(demo):
    return PPIndicator.objects.filter(performance_program__administration=demo, performance_program__year=2024)


def _sp(demo):
    return SPIndicator.objects.filter(target__aim__plan__administration=demo)


def test_the_demo_definitions_and_links_are_what_the_data_gives(demo):
    report = _report(demo)
    pp, sp = _pp(demo), _sp(demo)
    incomplete_pp = pp.filter(Q(unit_of_measure="") | Q(prev_value__isnull=True) | Q(data_source=""))
    with_target = SPIndicatorYear.objects.filter(indicator__in=sp, year=2024).values("indicator")
    incomplete_sp = sp.filter(Q(unit_of_measure="") | Q(data_source="") | ~Q(pk__in=with_target))
    assert report["definitions"].checked == pp.count() + sp.count()
    assert len(report["definitions"].findings) == incomplete_pp.count() + incomplete_sp.count()
    assert {f.subject for f in report["definitions"].findings} == {
        *incomplete_pp.values_list("code", flat=True),
        *incomplete_sp.values_list("code", flat=True),
    }
    unlinked = pp.filter(Q(goal__isnull=True) | Q(sp_indicator__isnull=True))
    assert {f.subject for f in report["links"].findings} == set(unlinked.values_list("code", flat=True))
    assert report["links"].passed == pp.count() - unlinked.count()


def test_the_demo_quarters_evidence_and_narratives_follow_the_forms_own_rules(demo):
    report = _report(demo)
    indicators = list(_pp(demo).prefetch_related("quarterly_values").order_by("code"))
    for indicator in indicators:
        indicator.quarters = list(indicator.quarterly_values.order_by("quarter"))
    # The submission's own check: a quarter without a value or a reason, or a missing narrative.
    missing, narratives = set(), set()
    for quarter in (1, 2, 3, 4):
        for pk, problem in quarter_problems(indicators, quarter).items():
            code = next(i.code for i in indicators if i.pk == pk)
            (missing if "Değer girin" in problem else narratives).add((code, quarter))
    assert {(f.subject, f.quarter) for f in report["quarters"].findings} == missing
    assert {(f.subject, f.quarter) for f in report["narratives"].findings} == narratives
    required = _pp(demo).filter(evidence_required=True).count()
    assert report["evidence"].checked == required


def test_the_demo_figures_list_every_printed_difference_and_no_stale_result(demo):
    report = _report(demo)
    differences = printed_differences(administration=demo, year=2024)
    assert len(differences) > 0
    assert len(report["figures"].findings) == len(differences)
    assert all(f.url == reverse("printed_audit") + "?year=2024" for f in report["figures"].findings)
    printed = PrintedFigure.objects.filter(administration=demo, year=2024).count()
    assert report["figures"].checked == _pp(demo).count() + _sp(demo).count() + printed
    assert report["figures"].passed == report["figures"].checked - len(differences)


def test_the_demo_has_no_target_changed_without_a_reason_until_one_is_planted(demo):
    assert _report(demo)["revisions"].findings == []
    indicator = _pp(demo).get(code="GYH.01")
    audit_record(actor=None, obj=indicator, action="update", changes={"target_value": ["950000", "990000"]})
    findings = _report(demo)["revisions"].findings
    assert [(f.subject, f.url) for f in findings] == [
        ("GYH.01", reverse("plans:pp_indicator_detail", args=[indicator.pk]))
    ]
    assert "950.000 → 990.000" in findings[0].message
    # Recorded with its reason: no finding.
    from core.models import AuditEntry

    AuditEntry.objects.filter(object_id=str(indicator.pk), action="update").update(reason="Revize programı")
    assert _report(demo)["revisions"].findings == []


# --- Planted defects on the database, each found and then fixed ----------------------------------


def _codes(demo, key):
    return {(f.subject, f.quarter) for f in _report(demo)[key].findings}


def test_a_filled_data_source_fixes_the_definition(demo):
    indicator = _pp(demo).get(code="GYH.01")
    before = _codes(demo, "definitions")
    PPIndicator.objects.filter(pk=indicator.pk).update(data_source="e-İkamet", unit_of_measure="Sayı")
    fixed = _codes(demo, "definitions")
    if ("GYH.01", None) in before:
        assert fixed == before - {("GYH.01", None)}
    PPIndicator.objects.filter(pk=indicator.pk).update(unit_of_measure="")
    assert ("GYH.01", None) in _codes(demo, "definitions")


def test_an_unlinked_goal_is_found(demo):
    indicator = _pp(demo).filter(goal__isnull=False, sp_indicator__isnull=False).first()
    assert (indicator.code, None) not in _codes(demo, "links")
    goal = indicator.goal_id
    PPIndicator.objects.filter(pk=indicator.pk).update(goal=None)
    assert (indicator.code, None) in _codes(demo, "links")
    PPIndicator.objects.filter(pk=indicator.pk).update(goal=SubProgramGoal.objects.get(pk=goal))
    assert (indicator.code, None) not in _codes(demo, "links")


def test_a_missing_quarter_and_required_evidence_are_found(demo):
    value = QuarterlyValue.objects.filter(indicator__in=_pp(demo), quarter=2, value__isnull=False).first()
    code = value.indicator.code
    value.delete()
    assert (code, 2) in _codes(demo, "quarters")
    PPIndicator.objects.filter(pk=value.indicator_id).update(evidence_required=True)
    reported = QuarterlyValue.objects.filter(indicator_id=value.indicator_id, value__isnull=False)
    assert _codes(demo, "evidence") == {(code, q) for q in reported.values_list("quarter", flat=True)}


def test_a_deviation_without_narrative_is_found(demo):
    indicator = next(i for i in _pp(demo).select_related("result") if narrative_requirement(Status(i.result.status)))
    quarter = 4
    assert (indicator.code, quarter) not in _codes(demo, "narratives")
    QuarterlyValue.objects.filter(indicator=indicator, quarter=quarter).update(narrative="")
    assert (indicator.code, quarter) in _codes(demo, "narratives")


def test_a_hand_typed_c_differing_from_the_linked_pp_indicators_is_found(demo):
    sp = _sp(demo).filter(pp_indicators__isnull=False).distinct().first()
    SPIndicatorYear.objects.filter(indicator=sp, year=2024).update(actual_value=Decimal("123456789"))
    found = [f for f in _report(demo)["figures"].findings if f.subject == sp.code]
    assert len(found) == 1 and "123.456.789" in found[0].message
    SPIndicatorYear.objects.filter(indicator=sp, year=2024).update(actual_value=None)
    assert not [f for f in _report(demo)["figures"].findings if f.subject == sp.code]


# --- A constant number of queries: 10 and 100 indicators ------------------------------------------


def _administration_with(count: int):
    unit = UnitFactory()
    administration = unit.administration
    target = TargetFactory(
        aim=AimFactory(plan=StrategicPlanFactory(administration=administration)), responsible_unit=unit
    )
    sub_program = SubProgramFactory(program__performance_program__administration=administration)
    goal = SubProgramGoal.objects.create(sub_program=sub_program, text="Hedef")
    return administration, unit, target, sub_program, goal


def _grow(administration, unit, target, sub_program, goal, count: int) -> None:
    for _ in range(count):
        sp = SPIndicatorYearFactory(indicator__target=target, indicator__responsible_unit=unit).indicator
        indicator = PPIndicatorFactory(
            sub_program=sub_program, responsible_unit=unit, goal=goal, sp_indicator=sp, evidence_required=True
        )
        for quarter in (1, 2, 3):
            QuarterlyValueFactory(indicator=indicator, quarter=quarter)
        audit_record(actor=None, obj=indicator, action="update", changes={"target_value": ["900", "1000"]})


def _count_queries(administration) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        report = audit_readiness(administration=administration, year=2024, today=TODAY)
    return len(captured), report.finding_count


def test_the_selector_reads_in_a_constant_number_of_queries():
    world = _administration_with(10)
    _grow(*world, 10)
    small, small_findings = _count_queries(world[0])
    _grow(*world, 90)
    large, large_findings = _count_queries(world[0])
    print(f"queries: 10 indicators {small}, 100 indicators {large}")
    assert large_findings > small_findings > 0
    assert large == small


def test_the_page_reads_in_a_constant_number_of_queries(client):
    world = _administration_with(10)
    user = UserFactory()
    RoleAssignmentFactory(user=user, unit=world[1], role=Role.STRATEGY)
    client.force_login(user)
    _grow(*world, 10)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("audit_readiness")).status_code == 200
    _grow(*world, 90)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("audit_readiness"))
    assert response.status_code == 200
    assert response.content.decode().count("Düzelt<") > 100
    assert len(large) == len(small)


# --- Who may see it, hostile parameters, the page's text ------------------------------------------


@pytest.mark.parametrize("username", sorted(USERS))
def test_only_the_directorate_and_admins_see_the_page(client, demo, username):
    response = _login(client, username).get(reverse("audit_readiness"))
    assert response.status_code == (200 if username in MAY_VIEW else 403)
    nav = reverse("audit_readiness") in client.get(reverse("my_work")).content.decode()
    assert nav is (username in MAY_VIEW)


@pytest.mark.parametrize("username", sorted(USERS))
def test_only_admins_close_the_year_from_the_page(client, demo, username):
    response = _login(client, username).post(reverse("audit_readiness_close"), {"year": "2024", "confirm": "1"})
    closed = PerformanceProgram.objects.get(administration=demo, year=2024).is_closed
    if username in MAY_CLOSE:
        assert response.status_code == 302 and closed
    else:
        assert response.status_code == 403 and not closed


def test_anonymous_visitors_are_sent_to_log_in(client, demo):
    for url in (reverse("audit_readiness"), reverse("audit_readiness_close")):
        response = client.get(url) if url.endswith("hazirlik/") else client.post(url, {"year": "2024", "confirm": "1"})
        assert response.status_code == 302 and reverse("login") in response["Location"]
    assert not PerformanceProgram.objects.get(administration=demo, year=2024).is_closed


@pytest.mark.parametrize("year", ["abc", "99999", "-1", "2024abc", "1e3", "0", "2024" * 50])
def test_a_hostile_year_gets_a_turkish_message_and_the_latest_year(client, demo, year):
    response = _login(client, "strateji").get(reverse("audit_readiness"), {"year": year})
    assert response.status_code == 200
    page = response.content.decode()
    assert "için veri yok; son yıl gösteriliyor" in page
    assert "Denetime hazırlık · 2024" in page


@pytest.mark.parametrize("year", ["abc", "99999", "", "2023"])
def test_closing_a_hostile_year_is_refused_with_a_message(client, demo, year):
    response = _login(client, "yonetici").post(
        reverse("audit_readiness_close"), {"year": year, "confirm": "1"}, follow=True
    )
    assert response.status_code == 200
    assert "Kapatılacak yılı listeden seçin." in response.content.decode()
    assert not PerformanceProgram.objects.filter(administration=demo, is_closed=True).exists()


def test_the_page_shows_the_counts_in_turkish_and_links_each_finding(client, demo):
    report = audit_readiness(administration=demo, year=2024, today=TODAY)
    page = _login(client, "strateji").get(reverse("audit_readiness"), {"year": "2024"}).content.decode()
    for criterion in report.criteria:
        assert f'id="criterion-{criterion.key}"' in page
        assert str(criterion.title) in page
    figures = next(c for c in report.criteria if c.key == "figures")
    assert f'<td class="text-end d-none d-sm-table-cell">{figures.checked}</td>' in page
    assert "Basılı 46,80, kurallarla hesaplanan 46,81." in page  # Tablo 7 code 6, Turkish decimals
    first = report.criteria[0].findings[0]
    assert f'href="{first.url}"' in page
    assert "Yılı kapat" not in page  # the directorate reads; admins close


def test_the_page_in_english(client, demo):
    _login(client, "strateji")
    client.cookies["django_language"] = "en"
    page = client.get(reverse("audit_readiness"), {"year": "2024"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Audit readiness" in page
    assert "Indicator definitions" in page


# --- Closing the year: the same check, as warnings --------------------------------------------------


def test_closing_from_the_page_needs_the_confirmation_and_warns_with_the_findings(client, demo):
    count = audit_readiness(administration=demo, year=2024, today=TODAY).finding_count
    _login(client, "yonetici")
    page = client.get(reverse("audit_readiness"), {"year": "2024"}).content.decode()
    assert "Yılı kapat" in page and "kapatmayı engellemez" in page
    refused = client.post(reverse("audit_readiness_close"), {"year": "2024"}, follow=True).content.decode()
    assert "bulguları gördüğünüzü onaylayın" in refused
    assert not PerformanceProgram.objects.get(administration=demo, year=2024).is_closed
    closed = client.post(reverse("audit_readiness_close"), {"year": "2024", "confirm": "1"}, follow=True)
    text = closed.content.decode()
    assert PerformanceProgram.objects.get(administration=demo, year=2024).is_closed
    assert f"{count} bulgusuyla kapatıldı" in text
    assert "2024 yılı kapatıldı; Form-4 donduruldu." in text


def test_the_close_year_command_prints_the_findings_as_warnings_and_closes(demo):
    report = audit_readiness(administration=demo, year=2024, today=TODAY)
    out = io.StringIO()
    call_command("close_year", "--year", "2024", stdout=out)
    text = out.getvalue()
    assert f"denetime hazırlık {report.finding_count} bulgu gösteriyor (kapatmayı engellemez)" in text
    for criterion in report.criteria:
        assert f"{criterion.title}: {criterion.passed} uygun, {len(criterion.findings)} bulgu" in text
    assert "2024 yılı kapatıldı" in text
    assert PerformanceProgram.objects.get(administration=demo, year=2024).is_closed


def test_the_close_service_returns_the_findings_it_closed_with(demo):
    from reports.services import year_close

    expected = audit_readiness(administration=demo, year=2024, today=TODAY).finding_count
    closing = year_close(administration_id=demo.pk, year=2024, actor=None)
    assert closing.readiness.finding_count == expected
    assert closing.summary.frozen_at is not None


# --- The export, through the exports registry ----------------------------------------------------


def _export(demo, fmt, capture):
    from accounts.models import User
    from exports.services import export_job_request

    with capture(execute=True):
        job = export_job_request(
            administration=demo,
            year=2024,
            report=Report.AUDIT_READINESS,
            fmt=fmt,
            actor=User.objects.get(username="strateji"),
            language="tr",
        )
    job.refresh_from_db()
    return job


def test_the_xlsx_export_has_the_counts_and_every_finding(demo, django_capture_on_commit_callbacks):
    report = audit_readiness(administration=demo, year=2024, today=TODAY)
    job = _export(demo, Format.XLSX, django_capture_on_commit_callbacks)
    workbook = openpyxl.load_workbook(job.file.path)
    assert workbook.sheetnames[:2] == ["Özet", "Bulgular"]
    summary = [row for row in workbook["Özet"].iter_rows(values_only=True) if row and row[0]]
    by_title = {row[0]: row for row in summary}
    for criterion in report.criteria:
        row = by_title[criterion.title]
        assert (row[2], row[3], row[4]) == (criterion.checked, criterion.passed, len(criterion.findings))
    findings = [row for row in workbook["Bulgular"].iter_rows(values_only=True) if row and row[3]]
    assert len(findings) == report.finding_count + 1  # and the header row
    assert any(str(row[3]).endswith(report.criteria[0].findings[0].url) for row in findings)


def test_the_csv_and_pdf_exports(demo, django_capture_on_commit_callbacks):
    report = audit_readiness(administration=demo, year=2024, today=TODAY)
    csv_job = _export(demo, Format.CSV, django_capture_on_commit_callbacks)
    lines = Path(csv_job.file.path).read_text(encoding="utf-8-sig").strip().splitlines()
    assert lines[0] == "year,criterion,subject,quarter,finding,url"
    assert len(lines) == report.finding_count + 1
    pdf_job = _export(demo, Format.PDF, django_capture_on_commit_callbacks)
    text = " ".join(page.extract_text() for page in PdfReader(pdf_job.file.path).pages)
    assert "Denetime hazırlık — 2024" in text
    assert "Ölçütlere göre özet" in text
    assert ExportJob.objects.filter(report=Report.AUDIT_READINESS, status="done").count() == 2


def test_admins_find_a_past_year_still_open_on_their_work_list(client, demo):
    link = reverse("audit_readiness") + "?year=2024"
    assert link in _login(client, "yonetici").get(reverse("my_work")).content.decode()
    assert link not in _login(client, "strateji").get(reverse("my_work")).content.decode()
    PerformanceProgram.objects.filter(administration=demo, year=2024).update(is_closed=True)
    assert link not in _login(client, "yonetici").get(reverse("my_work")).content.decode()
