"""Error pages: a real connection failure answers 503 "try again"; any other error (a bug, a query
timeout) the Turkish 500 page with the menu and an error reference that is logged with the
traceback; an unknown address the Turkish 404 page with the menu."""

import logging
import re

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.urls("tests.core.error_urls")


@pytest.fixture
def client_500(db) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    return client


def test_a_real_connection_failure_answers_503_with_retry_after(client_500):
    response = client_500.post("/test-hata/ulasilamaz/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "Veritabanına şu anda ulaşılamıyor." in page and "kaydedilmemiş olabilir" in page


@pytest.mark.parametrize("url", ["/test-hata/bug/", "/test-hata/zaman-asimi/"])
def test_other_errors_answer_the_turkish_500_page_with_a_logged_reference(client_500, caplog, url):
    with caplog.at_level(logging.ERROR, logger="goc_perf.errors"):
        response = client_500.get(url)
    assert response.status_code == 500
    page = response.content.decode()
    assert "Beklenmeyen bir hata oluştu." in page
    assert "ulaşılamıyor" not in page
    assert "Gösterge paneli" in page and "Ana sayfaya dön" in page  # the menu and the way back
    reference = re.search(r'font-monospace">([0-9A-F]{8})<', page).group(1)
    logged = [r for r in caplog.records if r.name == "goc_perf.errors" and reference in r.getMessage()]
    assert len(logged) == 1 and logged[0].exc_info is not None
    assert logged[0].exc_info[0].__name__ in {"ValueError", "OperationalError"}


def test_an_unknown_address_answers_the_turkish_404_page_with_the_menu(db):
    client = Client()
    client.force_login(UserFactory())
    response = client.get("/boyle-bir-sayfa-yok/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Aradığınız sayfa bulunamadı." in page
    assert "Gösterge paneli" in page and "Ana sayfaya dön" in page
    assert "Not Found" not in page


def test_a_failed_csrf_check_answers_a_turkish_page_with_the_menu(db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    response = client.post("/i18n/setlang/", {"language": "tr"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Form güvenlik denetiminden geçemedi; hiçbir şey kaydedilmedi." in page
    assert "Gösterge paneli" in page and "CSRF verification failed" not in page
