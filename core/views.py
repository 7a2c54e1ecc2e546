"""Views of the shared kernel."""

import logging
import secrets
import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
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


logger = logging.getLogger("goc_perf.errors")

# SQLSTATEs of a server that cannot be reached or is going away: class 08 (connection exception) and
# 57P01-57P03 (admin shutdown, crash shutdown, cannot connect now). A lock or statement timeout, a
# deadlock or a serialization failure is an OperationalError too, but the database answered.
_UNREACHABLE_STATES = ("08", "57P01", "57P02", "57P03")


def server_error(request):
    """Answer 503 with "try again" when the database cannot be reached; otherwise the Turkish 500 page
    with navigation and an error reference, the reference logged with the traceback.

    Django calls this (handler500) inside its exception handler, so the exception is at hand.
    During a database restart a save either committed or did not: the 503 page says to check.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError) and is_unreachable(error):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "5"
        return response
    reference = secrets.token_hex(4).upper()
    logger.error("Server error, reference %s (%s %s)", reference, request.method, request.path, exc_info=error)
    try:
        return render(request, "500.html", {"reference": reference}, status=500)
    except Exception:  # the page's menu needs what just failed: the same text without the menu
        logger.exception("The 500 page with the menu could not be drawn (reference %s)", reference)
        return HttpResponse(render_to_string("500_plain.html", {"reference": reference}), status=500)


def is_unreachable(error: DatabaseError) -> bool:
    """Return whether the error means the database cannot be reached (not a bad query or a timeout).

    Django raises its own error from the driver's (psycopg), whose SQLSTATE says which: none at all
    when no connection could be made, class 08 or a shutdown state when it was lost.
    """
    if isinstance(error, InterfaceError):  # Django's "connection already closed"
        return True
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if cause is None or not hasattr(cause, "sqlstate"):
        return False
    state = cause.sqlstate
    return state is None or state.startswith(_UNREACHABLE_STATES)
