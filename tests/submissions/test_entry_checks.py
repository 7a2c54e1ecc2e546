"""The entry checks on Form-3 (indicators.checks): a count's decimals refused, an outlier confirmed with a comment."""

from decimal import Decimal

import pytest

from indicators.models import QuarterlyValue
from tests.factories import QuarterlyValueFactory
from tests.submissions.test_views import FULL, form_data, login, url

pytestmark = pytest.mark.django_db


def test_a_count_indicator_refuses_decimals_on_the_form_and_keeps_what_was_typed(client, scenario):
    login(client, scenario.entry)
    response = client.post(url(scenario), form_data(scenario, **{**FULL, "sum": {"value": "32.031,5"}}))
    content = response.content.decode()
    assert response.status_code == 400
    assert "“Sayı” ile ölçülen bir gösterge tam sayı alır; ondalık girilemez." in content
    assert 'value="32.031,5"' in content
    assert not QuarterlyValue.objects.exists()


def test_the_live_preview_shows_an_outlier_before_saving(client, scenario):
    indicator = scenario.indicators["sum"]
    QuarterlyValueFactory(indicator=indicator, quarter=2, value=Decimal(1000))
    login(client, scenario.entry)
    preview = url(scenario, "submissions:preview", indicator_id=indicator.pk)
    content = client.post(preview, {f"i{indicator.pk}-value": "9.000"}).content.decode()
    assert "Olağan dışı değer: 9.000, önceki dönem değerine (1.000) göre 3 kattan fazla değişti." in content
    assert "Olağan dışı" not in client.post(preview, {f"i{indicator.pk}-value": "1.200"}).content.decode()


def test_an_outlier_asks_for_confirmation_then_is_stored_with_its_comment_and_shown(client, scenario):
    indicator = scenario.indicators["sum"]
    QuarterlyValueFactory(indicator=indicator, quarter=2, value=Decimal(1000))
    login(client, scenario.entry)
    outlier = {**FULL, "sum": {**FULL["sum"], "value": "9.000"}}
    response = client.post(url(scenario), form_data(scenario, **outlier))
    content = response.content.decode()
    assert response.status_code == 400
    assert "Değer olağan dışı görünüyor" in content and "Değeri doğruluyorum" in content
    assert 'data-testid="entry-warnings"' in content
    assert not QuarterlyValue.objects.filter(quarter=3).exists()  # the whole form waits for the answer

    answer = {"confirm_warnings": "on", "warning_comment": "Operasyon yapıldı."}
    confirmed = {**outlier, "sum": {**outlier["sum"], **answer}}
    assert client.post(url(scenario), form_data(scenario, **confirmed)).status_code == 302
    row = QuarterlyValue.objects.get(indicator=indicator, quarter=3)
    assert row.warning_comment == "Operasyon yapıldı."
    assert [w["code"] for w in row.confirmed_warnings] == ["outlier_previous_quarter"]
    page = client.get(url(scenario)).content.decode()
    assert "Olağan dışı değer: 9.000" in page and 'value="Operasyon yapıldı."' in page
