"""Show a service's refusal on a page: the one mapping of service errors to responses."""

from django.contrib import messages
from django.http import HttpRequest

from core.exceptions import ApplicationError


def refuse(request: HttpRequest, error: ApplicationError, *, details: str = "") -> int:
    """Show the refusal's message (and `details`) as the page's error; return the status the page answers
    with: 400 for a refused request, 409 when someone else saved in between (ApplicationError.status)."""
    messages.error(request, f"{error.message} {details}" if details else error.message)
    return error.status
