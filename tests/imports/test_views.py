"""The upload page: who may use it, the preview, the confirm step, errors shown and nothing written."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from accounts.choices import Role
from core.models import AuditEntry
from imports.selectors import administration_sheets
from imports.services import workbook_import
from imports.workbook import INSTRUCTIONS_SHEET, read_workbook, workbook_build
from indicators.models import PPIndicator, QuarterlyValue
from tests.factories import QuarterlyValueFactory, RoleAssignmentFactory, UserFactory
from tests.scenario import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(client, content: bytes, name: str = "veri.xlsx"):
    return client.post(reverse("imports:upload"), {"workbook": SimpleUploadedFile(name, content)})


def _workbook(scenario, **changes) -> bytes:
    sheets = administration_sheets(administration=scenario.administration)
    for row in sheets["pp_indicators"]:
        if row["code"] in changes:
            row["target"] = changes[row["code"]]
    return workbook_build(sheets)


@pytest.mark.parametrize(("role", "status"), [("strategy", 200), ("entry", 403), ("approver", 403), ("top", 403)])
def test_only_the_strategy_directorate_and_admins_may_import(client, scenario, role, status):
    client.login(username=getattr(scenario, role).username, password=PASSWORD)
    assert client.get(reverse("imports:upload")).status_code == status
    assert client.get(reverse("imports:template")).status_code == status
    assert client.get(reverse("imports:data")).status_code == status
    assert _upload(client, _workbook(scenario)).status_code == (200 if status == 200 else 403)


def test_preview_then_confirm_writes_the_change(client, scenario):
    client.login(username=scenario.strategy.username, password=PASSWORD)
    response = _upload(client, _workbook(scenario, **{"T.01": Decimal(60000)}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Önizleme" in page and "Onayla ve yükle" in page
    counts = response.context["summary"].counts["performans göstergesi"]
    assert (counts.created, counts.updated, counts.unchanged) == (0, 1, 4)
    assert "T.01 Sınır dışı edilen yabancı sayısı</strong>" in page
    assert "hedeflenen değer: 50.000 → 60.000" in page
    assert PPIndicator.objects.get(code="T.01").target_value == Decimal(50000)  # not yet
    token = response.context["confirm_form"].initial["token"]
    response = client.post(reverse("imports:confirm"), {"token": token}, follow=True)
    assert "kayıt yeni ya da güncellendi" in response.content.decode()
    indicator = PPIndicator.objects.get(code="T.01")
    assert indicator.target_value == Decimal(60000)
    entry = AuditEntry.objects.get(actor=scenario.strategy, object_id=str(indicator.pk), reason="İçe aktarma")
    assert entry.changes == {"target_value": ["50000.0000", "60000"]}
    # The preview's file is used once.
    again = client.post(reverse("imports:confirm"), {"token": token}, follow=True)
    assert "yeniden yükleyin" in again.content.decode()


def test_an_unchanged_workbook_offers_nothing_to_confirm(client, scenario):
    client.login(username=scenario.strategy.username, password=PASSWORD)
    # Made by factories, not by an import: their own order (sequence numbers) is left alone too.
    page = _upload(client, _workbook(scenario)).content.decode()
    assert "hiçbir şeyi değiştirmiyor" in page
    assert reverse("imports:confirm") not in page


def test_errors_are_listed_with_sheet_row_and_column_and_nothing_is_written(client, scenario):
    client.login(username=scenario.strategy.username, password=PASSWORD)
    book = load_workbook(io.BytesIO(_workbook(scenario)))
    book["quarterly_values"].append(["T.01", 2026, 9, "1.000"])
    book["pp_indicators"]["O2"] = "çok"  # the target column
    out = io.BytesIO()
    book.save(out)
    before = (QuarterlyValue.objects.count(), AuditEntry.objects.count())
    response = _upload(client, out.getvalue())
    page = response.content.decode()
    assert response.status_code == 400
    assert "Hiçbir şey yazılmadı" in page
    assert "Dönem 1 ile 4 arasında olmalı" in page and "“çok” bir sayı değil" in page
    errors = {(e.sheet, e.column) for e in response.context["errors"]}
    assert errors == {("quarterly_values", "quarter"), ("pp_indicators", "target")}
    assert (QuarterlyValue.objects.count(), AuditEntry.objects.count()) == before


def test_not_a_workbook_is_refused_with_a_message(client, scenario):
    client.login(username=scenario.strategy.username, password=PASSWORD)
    response = _upload(client, b"not a zip", name="veri.xlsx")
    assert response.status_code == 400
    assert "Excel (.xlsx) dosyası okunamadı" in response.content.decode()
    assert _upload(client, b"a,b", name="veri.csv").status_code == 400


def test_downloads_are_workbooks(client, scenario):
    client.login(username=scenario.strategy.username, password=PASSWORD)
    template = load_workbook(io.BytesIO(client.get(reverse("imports:template")).content))
    assert template.sheetnames[0] == INSTRUCTIONS_SHEET
    data = load_workbook(io.BytesIO(client.get(reverse("imports:data")).content))
    codes = [row[0] for row in data["pp_indicators"].iter_rows(min_row=2, values_only=True)]
    assert sorted(codes) == ["T.01", "T.02", "T.03", "T.04", "T.99"]


def test_admins_may_import_too(client, scenario):
    admin = UserFactory(username="yonetici")
    RoleAssignmentFactory(user=admin, unit=scenario.unit, role=Role.ADMIN)
    client.login(username="yonetici", password=PASSWORD)
    assert client.get(reverse("imports:upload")).status_code == 200
    assert "İçe aktarma" in client.get(reverse("home")).content.decode()  # offered in the navigation


def test_a_change_between_preview_and_confirm_is_refused(client, scenario):
    client.login(username=scenario.strategy.username, password=PASSWORD)
    indicator = scenario.indicators["sum"]
    QuarterlyValueFactory(indicator=indicator, quarter=3, value=Decimal(10))
    sheets = administration_sheets(administration=scenario.administration)
    for row in sheets["quarterly_values"]:
        row["value"] = Decimal(20)
    preview = _upload(client, workbook_build(sheets))
    assert preview.context["summary"].counts["üç aylık değer"].updated == 1
    # The unit saves the quarter while the directorate looks at the preview.
    QuarterlyValue.objects.filter(indicator=indicator, quarter=3).update(value=Decimal(15))
    response = client.post(reverse("imports:confirm"), {"token": preview.context["confirm_form"].initial["token"]})
    assert response.status_code == 400
    assert "Veriler önizlemeden sonra değişti" in response.content.decode()
    assert QuarterlyValue.objects.get(indicator=indicator, quarter=3).value == Decimal(15)


def test_an_imported_value_moves_the_rows_version_so_an_open_form_cannot_save_over_it(client, scenario):
    value = QuarterlyValueFactory(indicator=scenario.indicators["sum"], quarter=3, value=Decimal(10))
    sheets = administration_sheets(administration=scenario.administration)
    sheets["quarterly_values"][0]["value"] = Decimal(11)
    workbook_import(
        dataset=read_workbook(io.BytesIO(workbook_build(sheets))),
        administration=scenario.administration,
        actor=scenario.strategy,
    )
    value.refresh_from_db()
    assert (value.value, value.version) == (Decimal(11), 2)
