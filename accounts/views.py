"""Log-in plumbing: the lockout page, the client address for django-axes, the language choice."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language


def client_ip(request: HttpRequest) -> str:
    """Return the client's address: the peer's, or behind TRUSTED_PROXY_COUNT proxies, X-Forwarded-For's.

    Only the entries the trusted proxies appended are believed; anything further left is the
    client's own claim and could be forged to dodge the lockout.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """Show the log-in page with the lockout message (HTTP 429) instead of checking the password."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        "form": AuthenticationForm(request),
        "locked_out": True,
        "cooloff_minutes": minutes,
        "next": request.POST.get("next", "") or request.GET.get("next", ""),
    }
    return render(request, "registration/login.html", context, status=429)


@login_not_required  # the log-in page offers the language menu too; it only sets a cookie
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language (Django's view) and keep the choice for the user's e-mails."""
    response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return response
