"""A locked quarter refuses every write path (form, admin, import), changes nothing and records why."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from core.models import AuditEntry
from imports.dataset import read_csv_folder
from imports.demo import DEMO_DATA_DIR
from imports.services import LockedQuartersError, dataset_import, workbook_import
from indicators.models import PPIndicator, QuarterlyValue
from submissions.choices import SubmissionState
from submissions.models import Submission
from tests.factories import QuarterlyValueFactory
from tests.scenario import PASSWORD, QUARTER, YEAR

pytestmark = pytest.mark.django_db


def refusals():
    return list(AuditEntry.objects.filter(action="refused").order_by("id"))


def test_form_save_in_a_submitted_quarter_is_refused_and_recorded(client, scenario):
    indicator = scenario.indicators["sum"]
    QuarterlyValueFactory(indicator=indicator, quarter=QUARTER, value=Decimal(10))
    Submission.objects.create(unit=scenario.unit, year=YEAR, quarter=QUARTER, state=SubmissionState.SUBMITTED)
    assert client.login(username=scenario.entry.username, password=PASSWORD)
    url = reverse("submissions:unit_quarter", args=[scenario.unit.code, YEAR, QUARTER])
    response = client.post(url, {"form_version": "1", f"i{indicator.pk}-version": "1", f"i{indicator.pk}-value": "99"})
    assert response.status_code == 400
    assert "Bu form kilitli: Gönderildi, inceleniyor." in response.content.decode()
    assert QuarterlyValue.objects.get(indicator=indicator).value == Decimal(10)
    (entry,) = refusals()
    assert entry.reason == "Form-3: Gönderildi, inceleniyor"
    assert entry.actor == scenario.entry
    assert entry.changes == {f"{indicator.pk}.value": [None, "99"]}
    # The refusal shows in the quarter's history page.
    history = client.get(reverse("submissions:history", args=[scenario.unit.code, YEAR, QUARTER, indicator.pk]))
    assert "Form-3: Gönderildi, inceleniyor" in history.content.decode()


def test_import_that_changes_an_approved_quarter_writes_nothing_and_records_each_row(demo):
    dataset = read_csv_folder(DEMO_DATA_DIR)
    rows = dataset.rows["quarterly_values"]
    first = next(r for r in rows if r["indicator_code"] == "GYH.01" and r["quarter"] == 1)
    rows[rows.index(first)] = {**first, "value": first["value"] + 1}
    before = list(QuarterlyValue.objects.order_by("pk").values_list("pk", "value", "version"))
    with pytest.raises(LockedQuartersError) as refused:
        dataset_import(dataset=dataset)
    assert [str(e) for e in refused.value.errors] == [
        f"quarterly_values, satır {first['_row']}, sütun “value”: 2024 yılı 1. dönem kilitli (Onaylandı); "
        "“GYH.01” göstergesinin bu dönemdeki değeri değiştirilemez."
    ]
    assert list(QuarterlyValue.objects.order_by("pk").values_list("pk", "value", "version")) == before
    (entry,) = refusals()
    assert entry.reason == "İçe aktarma: Onaylandı"
    assert entry.changes["GYH.01.value"] == [None, str(first["value"] + 1)]


def test_import_of_an_open_quarter_gives_changed_rows_a_new_version(demo):
    indicator = PPIndicator.objects.get(code="GYH.01")
    Submission.objects.filter(unit=indicator.responsible_unit, year=2024, quarter=1).update(state=SubmissionState.DRAFT)
    dataset = read_csv_folder(DEMO_DATA_DIR)
    rows = dataset.rows["quarterly_values"]
    first = next(r for r in rows if r["indicator_code"] == "GYH.01" and r["quarter"] == 1)
    rows[rows.index(first)] = {**first, "value": first["value"] + 1}
    version = QuarterlyValue.objects.get(indicator=indicator, quarter=1).version
    dataset_import(dataset=dataset)
    stored = QuarterlyValue.objects.get(indicator=indicator, quarter=1)
    assert (stored.value, stored.version) == (first["value"] + 1, version + 1)
    assert QuarterlyValue.objects.get(indicator=indicator, quarter=2).version == 1  # unchanged rows keep theirs
    assert refusals() == []


def _admin_client(client):
    get_user_model().objects.create_superuser("kok", "kok@example.gov.tr", PASSWORD)
    assert client.login(username="kok", password=PASSWORD)


def _admin_data(row: QuarterlyValue, **changes) -> dict[str, str]:
    data = {
        "indicator": str(row.indicator_id),
        "quarter": str(row.quarter),
        "value": "" if row.value is None else str(row.value),
        "numerator": "",
        "denominator": "",
        "year_end_estimate": "",
        "narrative": row.narrative,
        "no_data_reason": "",
    }
    return {**data, **changes}


def test_admin_cannot_change_or_delete_an_approved_quarter_and_the_attempt_is_recorded(client, demo):
    _admin_client(client)
    value = QuarterlyValue.objects.get(indicator__code="GYH.01", quarter=2)
    before = (value.value, value.version)
    change = reverse("admin:indicators_quarterlyvalue_change", args=[value.pk])
    assert client.get(change).status_code == 200  # shown read-only
    assert client.post(change, _admin_data(value, value="1")).status_code == 403
    delete = reverse("admin:indicators_quarterlyvalue_delete", args=[value.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    value.refresh_from_db()
    assert (value.value, value.version) == before
    assert [e.reason for e in refusals()] == ["Yönetim paneli: Onaylandı"] * 2
    # Nor can a new row be added to the locked quarter, nor an open one's figures moved into it.
    add = reverse("admin:indicators_quarterlyvalue_add")
    response = client.post(add, _admin_data(value, value="1"))
    assert response.status_code == 200 and "Bu dönem kilitli (Onaylandı)" in response.content.decode()
    assert QuarterlyValue.objects.filter(indicator=value.indicator, quarter=2).count() == 1
    assert len(refusals()) == 3


def test_admin_edit_of_an_open_quarter_is_versioned_and_audited(client, scenario, django_capture_on_commit_callbacks):
    _admin_client(client)
    value = QuarterlyValueFactory(indicator=scenario.indicators["sum"], quarter=QUARTER, value=Decimal(10))
    change = reverse("admin:indicators_quarterlyvalue_change", args=[value.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(change, _admin_data(value, value="12"))
    assert response.status_code == 302
    value.refresh_from_db()
    assert (value.value, value.version) == (Decimal(12), 2)
    entry = AuditEntry.objects.get(action="update", object_id=str(value.pk))
    assert entry.changes == {"value": ["10.0000", "12"]} and entry.reason == "Yönetim paneli"
    assert callbacks  # a recompute is asked for


def test_an_outlier_typed_in_the_admin_asks_the_form3s_confirmation_and_comment(client, scenario):
    _admin_client(client)
    indicator = scenario.indicators["sum"]
    QuarterlyValueFactory(indicator=indicator, quarter=QUARTER - 1, value=Decimal(1000))
    value = QuarterlyValueFactory(indicator=indicator, quarter=QUARTER, value=Decimal(1200))
    change = reverse("admin:indicators_quarterlyvalue_change", args=[value.pk])
    response = client.post(change, _admin_data(value, value="32031"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Değer olağan dışı görünüyor: Olağan dışı değer: 32.031, önceki dönem değerine (1.000)" in page
    assert "Değeri doğruluyorum" in page
    value.refresh_from_db()
    assert (value.value, value.version) == (Decimal(1200), 1)  # nothing saved
    # Ticked without a comment: still refused, as on the Form-3.
    assert client.post(change, _admin_data(value, value="32031", confirm_warnings="on")).status_code == 200
    answer = {"value": "32031", "confirm_warnings": "on", "warning_comment": "Yıl sonu devri."}
    assert client.post(change, _admin_data(value, **answer)).status_code == 302
    value.refresh_from_db()
    assert value.value == Decimal(32031) and value.warning_comment == "Yıl sonu devri."
    assert [w["code"] for w in value.confirmed_warnings] == ["outlier_previous_quarter"]
    entry = AuditEntry.objects.get(action="update", object_id=str(value.pk))
    assert entry.changes["confirmed_warnings"][1].startswith("Olağan dışı değer: 32.031")
    assert entry.changes["warning_comment"] == [None, "Yıl sonu devri."]


def test_the_indicator_page_shows_quarters_read_only(client, demo):
    _admin_client(client)
    indicator = PPIndicator.objects.get(code="GYH.01")
    form = client.get(reverse("admin:indicators_ppindicator_change", args=[indicator.pk])).context[
        "inline_admin_formsets"
    ]
    (inline,) = form
    assert not inline.has_change_permission and not inline.has_add_permission


def test_a_refused_workbook_import_keeps_its_refusal_record(demo):
    dataset = read_csv_folder(DEMO_DATA_DIR)
    rows = dataset.rows["quarterly_values"]
    first = next(r for r in rows if r["indicator_code"] == "GYH.01" and r["quarter"] == 3)
    rows[rows.index(first)] = {**first, "value": first["value"] + 1}
    admin = get_user_model().objects.get(username="yonetici")
    with pytest.raises(LockedQuartersError):
        workbook_import(dataset=dataset, administration=demo, actor=admin)
    (entry,) = refusals()  # recorded once, though the import's own transaction was undone
    assert (entry.reason, entry.actor) == ("İçe aktarma: Onaylandı", admin)
