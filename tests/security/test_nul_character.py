"""A NUL character in a URL's path or query answers the 400 page, never a server error (PostgreSQL's
text cannot hold it), and changes nothing."""

import pytest
from django.test import Client

from core.models import AuditEntry
from tests.scenario import QUARTER, YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(scenario) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(scenario.strategy)
    return client


@pytest.mark.parametrize(
    "url",
    [
        f"/izleme/DB1%00/{YEAR}/{QUARTER}/",
        f"/izleme/%00/{YEAR}/{QUARTER}/gecmis/1/",
        "/panel/gostergeler/?unit=DB1%00",
        "/?year=2026%00",
        "/?q%00=1",
    ],
)
def test_a_nul_character_answers_400_in_turkish(browser, url):
    response = browser.get(url)
    assert response.status_code == 400
    assert "İstek anlaşılamadı." in response.content.decode()


def test_a_nul_character_in_a_post_url_writes_nothing(browser):
    entries = AuditEntry.objects.count()
    response = browser.post(f"/izleme/DB1%00/{YEAR}/{QUARTER}/gonder/", {"action": "submit"})
    assert response.status_code == 400
    assert AuditEntry.objects.count() == entries
