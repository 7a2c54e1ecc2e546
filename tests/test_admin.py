"""The Django admin: every model is there and its list answers; figure edits trigger a recompute."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from accounts.models import Unit
from budget.models import BudgetAggregate
from core.models import AuditEntry
from exports.builders.budget import budget_unit_export
from exports.selectors import budget_rows
from indicators.models import PPIndicator, PPIndicatorResult
from plans.models import Revision

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"core", "accounts", "plans", "indicators", "submissions", "budget", "reports"}


def test_every_project_model_is_registered():
    models = [m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS]
    assert [m.__name__ for m in models if m not in admin.site._registry] == []


def test_every_changelist_answers_with_search_and_filters(client, demo):
    client.login(username="yonetici", password="Demo-yonetici-2024")
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        params = {"q": "göç"} if model_admin.search_fields else {}
        response = client.get(url, params)
        assert response.status_code == 200, url


def test_only_admins_reach_the_admin(client, demo):
    client.login(username="strateji", password="Demo-strateji-2024")
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_changing_a_target_in_the_admin_recomputes(client, demo, django_capture_on_commit_callbacks):
    client.login(username="yonetici", password="Demo-yonetici-2024")
    indicator = PPIndicator.objects.get(code="GYH.01")
    url = reverse("admin:indicators_ppindicator_change", args=[indicator.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() if form[name].value() is not None else "" for name in form.fields}
    data["target_value"] = "900000"
    data["reason"] = "Hedef ara dönemde revize edildi"  # the indicator has values: a reason is required
    data.update(
        {
            "quarterly_values-TOTAL_FORMS": "4",
            "quarterly_values-INITIAL_FORMS": "4",
            "quarterly_values-MIN_NUM_FORMS": "0",
            "quarterly_values-MAX_NUM_FORMS": "1000",
        }
    )
    for i, value in enumerate(indicator.quarterly_values.order_by("quarter")):
        for field in ("quarter", "value", "numerator", "denominator", "year_end_estimate", "no_data_reason"):
            current = getattr(value, field)
            data[f"quarterly_values-{i}-{field}"] = "" if current is None else str(current)
        data[f"quarterly_values-{i}-id"] = str(value.pk)
        data[f"quarterly_values-{i}-indicator"] = str(indicator.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    result = PPIndicatorResult.objects.get(indicator=indicator)
    assert result.realization_rate.quantize(Decimal("0.01")) == Decimal("101.52")  # 913.719 ÷ 900.000
    assert result.status == "exceeded"
    revision = Revision.objects.get(object_id=indicator.pk, field="target_value")
    assert (revision.new_value, revision.reason) == ("900000", "Hedef ara dönemde revize edildi")


def test_a_units_order_is_kept_in_the_admin_with_a_reason_and_moves_its_tablo_11_row(client, demo):
    client.login(username="yonetici", password="Demo-yonetici-2024")
    unit = Unit.objects.get(code="IGIM")
    before = unit.seq
    url = reverse("admin:accounts_unit_change", args=[unit.pk])
    form = client.get(url).context["adminform"].form
    assert form["seq"].label == "Sıra"
    data = {name: form[name].value() if form[name].value() is not None else "" for name in form.fields}
    data.update(seq="1", reason="Kurumsal sınıflandırma sırası")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    unit.refresh_from_db()
    assert unit.seq == 1
    entry = AuditEntry.objects.filter(object_id=str(unit.pk)).latest("pk")
    assert entry.changes["seq"] == [str(before), "1"] and entry.reason == "Kurumsal sınıflandırma sırası"
    rows = budget_rows(administration=demo, year=2024, levels=[BudgetAggregate.Level.UNIT])
    export = budget_unit_export(rows=rows, year=2024, administration=demo.name)
    assert [row[1] for row in export.csv_rows][:2] == ["IGIM", "OKM"]
