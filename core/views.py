"""Views of the shared kernel."""

import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@login_not_required
@never_cache
@require_GET
def health(request):
    """Answer "ok" when the app and its database answer (health checks, the benchmarks' trivial view)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def server_error(request):
    """Answer 503 with "try again" while the database is unreachable; Django's 500 page otherwise.

    Django calls this (handler500) inside its exception handler, so the exception is at hand.
    During a database restart a save either committed or did not: the page says to check.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError) and _is_unreachable(error):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "5"
        return response
    return defaults.server_error(request)


def _is_unreachable(error: DatabaseError) -> bool:
    """Return whether the error means the database cannot be reached (not a bad query)."""
    return isinstance(error, OperationalError | InterfaceError)
