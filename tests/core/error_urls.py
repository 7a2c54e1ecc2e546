"""The project's URLs plus three views that fail in the ways tests/core/test_server_error.py needs."""

import psycopg
from django.db import connection, transaction
from django.urls import path

from goc_perf.urls import handler500
from goc_perf.urls import urlpatterns as project_urlpatterns


def bug(request):
    raise ValueError("a bug in a view")


def statement_timeout(request):
    """A real OperationalError from a database that answered (query cancelled by statement_timeout)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 1")
        cursor.execute("SELECT pg_sleep(1)")


def unreachable(request):
    """A real connection failure (nothing listens on port 1), wrapped by Django like any of its own."""
    with connection.wrap_database_errors:
        psycopg.connect("host=127.0.0.1 port=1 dbname=x user=x connect_timeout=2")


urlpatterns = [
    path("test-hata/bug/", bug),
    path("test-hata/zaman-asimi/", statement_timeout),
    path("test-hata/ulasilamaz/", unreachable),
    *project_urlpatterns,
]
__all__ = ["handler500", "urlpatterns"]
