"""The import follows plan maintenance's rule: a changed target, weight, baseline, direction or aggregation
method of an indicator with values needs a reason and is kept as a versioned revision (command, web, service)."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import User
from core.models import AuditEntry
from imports.selectors import administration_sheets
from imports.services import RevisionReasonRequired, workbook_import
from imports.workbook import read_workbook, workbook_build
from indicators.models import PPIndicator, QuarterlyValue
from plans.models import Revision, SPIndicator, SPIndicatorYear
from plans.selectors import indicator_history, revision_markers
from tests.factories import QuarterlyValueFactory
from tests.scenario import PASSWORD

pytestmark = pytest.mark.django_db


def _row(sheets, sheet: str, **match) -> dict:
    return next(r for r in sheets[sheet] if all(r[k] == v for k, v in match.items()))


def _revised_sheets(administration) -> dict[str, list[dict]]:
    """The demo's data with figures of GYH.01 (quarterly values) and PG1.2.1 (an actual) changed."""
    sheets = administration_sheets(administration=administration)
    pp = _row(sheets, "pp_indicators", code="GYH.01")
    pp["target"], pp["aggregation"] = Decimal(960000), "sum"
    sp = _row(sheets, "sp_indicators", code="PG1.2.1")
    sp["weight"], sp["baseline"], sp["direction"] = Decimal(45), Decimal(1000000), "decrease"
    _row(sheets, "sp_yearly", indicator_code="PG1.2.1", year=2024)["target"] = Decimal(2000000)
    return sheets


def _import(administration, sheets, **options):
    dataset = read_workbook(io.BytesIO(workbook_build(sheets)))
    return workbook_import(dataset=dataset, administration=administration, **{"actor": None, **options})


def _state() -> tuple:
    gyh = PPIndicator.objects.get(code="GYH.01")
    sp = SPIndicator.objects.get(code="PG1.2.1")
    return (
        Revision.objects.count(),
        AuditEntry.objects.count(),
        (gyh.target_value, gyh.aggregation),
        (sp.weight, sp.baseline, sp.direction),
        SPIndicatorYear.objects.get(indicator=sp, year=2024).target_value,
    )


def test_without_a_reason_the_import_is_refused_naming_every_change_and_nothing_is_written(demo):
    before = _state()
    with pytest.raises(RevisionReasonRequired) as caught:
        _import(demo, _revised_sheets(demo))
    assert caught.value.codes == ["PG1.2.1", "GYH.01"]
    assert "gerekçe yazın" in caught.value.message
    assert [str(e) for e in caught.value.errors[1:]] == [
        "sp_indicators, sütun “weight”: PG1.2.1 Hedefe etkisi (%): 50 → 45",
        "sp_indicators, sütun “baseline”: PG1.2.1 Plan dönemi başlangıç değeri (A): 1.006.294 → 1.000.000",
        "sp_indicators, sütun “direction”: PG1.2.1 Yön: increase → decrease",
        "sp_yearly, sütun “target”: PG1.2.1 (2024) Hedeflenen değer: 1.906.294 → 2.000.000",
        "pp_indicators, sütun “aggregation”: GYH.01 (2024) Yıl sonu hesaplama yöntemi: last → sum",
        "pp_indicators, sütun “target”: GYH.01 (2024) Hedeflenen değer: 950.000 → 960.000",
    ]
    assert _state() == before


def test_the_dry_run_lists_the_revisions_without_a_reason_and_writes_nothing(demo):
    before = _state()
    summary = _import(demo, _revised_sheets(demo), dry_run=True)
    assert [(r.code, r.year, r.field_name) for r in summary.revisions] == [
        ("PG1.2.1", None, "weight"),
        ("PG1.2.1", None, "baseline"),
        ("PG1.2.1", None, "direction"),
        ("PG1.2.1", 2024, "target_value"),
        ("GYH.01", 2024, "aggregation"),
        ("GYH.01", 2024, "target_value"),
    ]
    assert _state() == before


def test_with_a_reason_every_changed_field_is_a_versioned_revision_in_the_history_and_the_exports(demo):
    user = User.objects.get(username="strateji")
    _import(demo, _revised_sheets(demo), actor=user, reason="  2025 revizyonu  ")
    gyh = PPIndicator.objects.get(code="GYH.01")
    sp = SPIndicator.objects.get(code="PG1.2.1")
    assert (gyh.target_value, gyh.aggregation, sp.direction) == (Decimal(960000), "sum", "decrease")
    rows = {
        (r.code, r.version, r.field, r.year, r.old_value, r.new_value, r.reason, r.actor)
        for r in Revision.objects.all()
    }
    reason = "2025 revizyonu"
    assert rows == {
        ("GYH.01", 1, "target_value", 2024, "950000", "960000", reason, user),
        ("GYH.01", 1, "aggregation", 2024, "last", "sum", reason, user),
        ("PG1.2.1", 1, "weight", None, "50", "45", reason, user),
        ("PG1.2.1", 1, "baseline", None, "1006294", "1000000", reason, user),
        ("PG1.2.1", 1, "direction", None, "increase", "decrease", reason, user),
        ("PG1.2.1", 2, "target_value", 2024, "1906294", "2000000", reason, user),
    }
    assert {(r.field, r.version) for r in indicator_history(indicator=gyh)} == {("target_value", 1), ("aggregation", 1)}
    markers = revision_markers(administration_id=demo.pk, year=2024)
    assert set(markers.pp) == {"GYH.01"} and set(markers.sp) == {"PG1.2.1"} and set(markers.targets) == {"H1.2"}
    audit = AuditEntry.objects.filter(object_id=str(gyh.pk), action="update").latest("pk")
    assert audit.reason == "İçe aktarma: 2025 revizyonu"
    # A later import continues the indicator's versions, as the plan screens do.
    sheets = administration_sheets(administration=demo)
    _row(sheets, "pp_indicators", code="GYH.01")["target"] = Decimal(970000)
    _import(demo, sheets, reason="İkinci revizyon")
    latest = indicator_history(indicator=gyh).first()
    assert (latest.version, latest.old_value, latest.new_value, latest.actor) == (2, "960000", "970000", None)


def test_a_new_yearly_target_of_an_indicator_with_values_needs_a_reason_too(demo):
    sheets = administration_sheets(administration=demo)
    sheets["sp_yearly"].append({**_row(sheets, "sp_yearly", indicator_code="PG1.2.1", year=2024), "year": 2025})
    with pytest.raises(RevisionReasonRequired) as caught:
        _import(demo, sheets)
    assert [str(e) for e in caught.value.errors[1:]] == [
        "sp_yearly, sütun “target”: PG1.2.1 (2025) Hedeflenen değer: — → 1.906.294"
    ]
    assert not SPIndicatorYear.objects.filter(year=2025).exists()
    _import(demo, sheets, reason="2025 hedefi eklendi")
    [revision] = Revision.objects.all()
    assert (revision.code, revision.year, revision.old_value, revision.new_value) == ("PG1.2.1", 2025, "", "1906294")


def test_indicators_without_values_need_no_reason_and_get_no_revision(demo):
    # PG4.1.1 feeds no PP indicator: without its actuals it has no values.
    SPIndicatorYear.objects.filter(indicator__code="PG4.1.1").update(actual_value=None)
    assert not QuarterlyValue.objects.filter(indicator__code="GYH.16").exists()
    sheets = administration_sheets(administration=demo)
    _row(sheets, "pp_indicators", code="GYH.16")["target"] = Decimal(12345)
    _row(sheets, "sp_indicators", code="PG4.1.1")["direction"] = "decrease"
    _row(sheets, "sp_yearly", indicator_code="PG4.1.1", year=2024)["target"] = Decimal(1)
    summary = _import(demo, sheets)
    assert summary.revisions == []
    assert PPIndicator.objects.get(code="GYH.16").target_value == Decimal(12345)
    assert SPIndicator.objects.get(code="PG4.1.1").direction == "decrease"
    assert not Revision.objects.exists()


def test_an_unchanged_re_import_needs_no_reason_and_writes_no_revision(demo):
    _import(demo, _revised_sheets(demo), reason="Revizyon")
    count = Revision.objects.count()
    summary = _import(demo, administration_sheets(administration=demo))
    assert (summary.changed, summary.revisions) == (0, [])
    assert _import(demo, administration_sheets(administration=demo), reason="Yine").changed == 0
    assert Revision.objects.count() == count == 6


def test_the_command_refuses_without_reason_lists_with_dry_run_and_writes_with_reason(demo, tmp_path):
    path = tmp_path / "veri.xlsx"
    path.write_bytes(workbook_build(_revised_sheets(demo)))
    before = _state()
    out = io.StringIO()
    call_command("import_workbook", str(path), dry_run=True, stdout=out)
    assert "gerekçe isteyen değişiklikler (PG1.2.1, GYH.01)" in out.getvalue()
    assert "  - pp_indicators: GYH.01 (2024) Hedeflenen değer: 950.000 → 960.000" in out.getvalue()
    assert "Deneme: hiçbir şey yazılmadı." in out.getvalue()
    with pytest.raises(CommandError) as caught:
        call_command("import_workbook", str(path), stdout=io.StringIO())
    message = str(caught.value)
    assert "hiçbir şey yazılmadı" in message and "(PG1.2.1, GYH.01)" in message and "--reason" in message
    assert "  - sp_yearly: PG1.2.1 (2024) Hedeflenen değer: 1.906.294 → 2.000.000" in message
    assert _state() == before
    out = io.StringIO()
    call_command("import_workbook", str(path), reason="Komutla revizyon", stdout=out)
    assert "Revizyonlar (gerekçe: Komutla revizyon):" in out.getvalue()
    assert set(Revision.objects.values_list("reason", "actor")) == {("Komutla revizyon", None)}
    assert Revision.objects.count() == 6


def _web_workbook(scenario, target: Decimal) -> bytes:
    sheets = administration_sheets(administration=scenario.administration)
    _row(sheets, "pp_indicators", code="T.01")["target"] = target
    return workbook_build(sheets)


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.usefixtures("_media")
def test_the_web_preview_lists_the_revision_and_confirming_needs_a_reason(client, scenario):
    QuarterlyValueFactory(indicator=scenario.indicators["sum"], quarter=1, value=Decimal(10))
    client.login(username=scenario.strategy.username, password=PASSWORD)
    upload = SimpleUploadedFile("veri.xlsx", _web_workbook(scenario, Decimal(60000)))
    preview = client.post(reverse("imports:upload"), {"workbook": upload})
    page = preview.content.decode()
    assert "gerekçe gerekli" in page and 'id="import-revisions"' in page
    assert "<td>T.01</td><td>2026</td><td>Hedeflenen değer</td><td>50.000</td><td>60.000</td>" in page
    token = preview.context["confirm_form"].initial["token"]
    before = (Revision.objects.count(), AuditEntry.objects.count())
    refused = client.post(reverse("imports:confirm"), {"token": token, "reason": "  "})
    assert refused.status_code == 400
    assert "bu değişiklikler için gerekçe yazın; hiçbir şey yazılmadı" in refused.content.decode()
    assert (Revision.objects.count(), AuditEntry.objects.count()) == before
    assert PPIndicator.objects.get(code="T.01").target_value == Decimal(50000)
    # The upload is kept: the reason can be typed in and confirmed.
    done = client.post(reverse("imports:confirm"), {"token": token, "reason": "Hedef güncellendi"}, follow=True)
    assert "kayıt yeni ya da güncellendi" in done.content.decode()
    indicator = PPIndicator.objects.get(code="T.01")
    assert indicator.target_value == Decimal(60000)
    [revision] = indicator_history(indicator=indicator)
    assert (revision.field, revision.old_value, revision.new_value, revision.version) == (
        "target_value",
        "50000",
        "60000",
        1,
    )
    assert (revision.reason, revision.actor) == ("Hedef güncellendi", scenario.strategy)


@pytest.mark.usefixtures("_media")
def test_the_web_import_of_an_indicator_without_values_asks_no_reason(client, scenario):
    client.login(username=scenario.strategy.username, password=PASSWORD)
    upload = SimpleUploadedFile("veri.xlsx", _web_workbook(scenario, Decimal(60000)))
    preview = client.post(reverse("imports:upload"), {"workbook": upload})
    assert 'id="import-revisions"' not in preview.content.decode()
    assert 'name="reason"' not in preview.content.decode()
    client.post(reverse("imports:confirm"), {"token": preview.context["confirm_form"].initial["token"]})
    assert PPIndicator.objects.get(code="T.01").target_value == Decimal(60000)
    assert not Revision.objects.exists()
