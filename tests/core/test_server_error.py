"""A database that cannot be reached answers 503 "try again" in Turkish; other errors stay 500."""

import pytest
from django.db import OperationalError, ProgrammingError
from django.test import RequestFactory

from core.views import server_error


def _answer(error: Exception):
    try:
        raise error
    except Exception:
        return server_error(RequestFactory().post("/izleme/"))


def test_an_unreachable_database_answers_503_with_retry_after():
    response = _answer(OperationalError("connection failed: the database system is shutting down"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "Veritabanına şu anda ulaşılamıyor." in page and "kaydedilmemiş olabilir" in page


@pytest.mark.parametrize("error", [ProgrammingError("syntax error"), ValueError("bug")])
def test_other_errors_keep_the_500_page(error):
    assert _answer(error).status_code == 500
