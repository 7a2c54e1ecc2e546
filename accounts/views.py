"""Log-in plumbing: the lockout page, the client address for django-axes, the language choice, two-factor log-in."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from accounts.forms import TwoFactorCodeForm
from accounts.middleware import STEP_VERIFY, pending_step, step_done, step_forget
from accounts.permissions import two_factor_required
from accounts.selectors import TwoFactorStatus, two_factor_status
from accounts.two_factor_services import (
    recovery_codes_renew,
    two_factor_code_check,
    two_factor_disable,
    two_factor_enable,
    two_factor_secret_new,
    two_factor_secret_text,
    two_factor_setup_url,
)
from core.exceptions import ApplicationError


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


# The session key holding the secret shown in the QR code, until it is confirmed.
ENROL_SECRET = "two_factor_enrol_key"  # noqa: S105 (a session key name, not a password)


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@require_http_methods(["GET", "POST"])
def two_factor_verify(request) -> HttpResponse:
    """The log-in's second step: a code of the authenticator app, or one recovery code."""
    step = pending_step(request)
    if step != STEP_VERIFY:
        return redirect(reverse("accounts:two_factor") if step else _next_url(request))
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = two_factor_code_check(user=request.user, code=form.cleaned_data["code"])
        if check.device is not None:
            step_done(request, check.device)
            return redirect(_next_url(request))
        form.add_error("code", check.message)
    context = {"form": form, "next": _next_url(request)}
    return render(request, "registration/two_factor_verify.html", context, status=400 if form.errors else 200)


def _recovery_codes_page(request, codes: list[str], *, first_time: bool) -> HttpResponse:
    # Shown in this answer only (never stored in the session, never shown again).
    done = _next_url(request) if first_time else reverse("accounts:two_factor")
    context = {"codes": codes, "first_time": first_time, "done": done}
    response = render(request, "registration/two_factor_codes.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _two_factor_post(request, status: TwoFactorStatus, required: bool) -> HttpResponse | None:
    action = request.POST.get("action")
    user = request.user
    if action == "codes" and status.enabled:
        return _recovery_codes_page(request, recovery_codes_renew(user=user), first_time=False)
    if action == "disable" and status.enabled and not required:
        two_factor_disable(user=user, actor=user)
        step_forget(request)
        messages.success(request, _("İki adımlı giriş kapatıldı."))
        return redirect("accounts:two_factor")
    if action == "enable" and not status.enabled and request.session.get(ENROL_SECRET):
        form = TwoFactorCodeForm(request.POST)
        if form.is_valid():
            device, codes = two_factor_enable(
                user=user, key=request.session[ENROL_SECRET], code=form.cleaned_data["code"]
            )
            del request.session[ENROL_SECRET]
            step_done(request, device)
            return _recovery_codes_page(request, codes, first_time=True)
        return None
    return HttpResponseBadRequest(_("Bu işlem yapılamaz."))


@require_http_methods(["GET", "POST"])
def two_factor(request) -> HttpResponse:
    """The user's two-factor log-in: set up the app (QR code), renew recovery codes, turn it off."""
    status = two_factor_status(user=request.user)
    required = two_factor_required(request.user, enforced=settings.REQUIRE_2FA)
    form = TwoFactorCodeForm(request.POST if request.POST.get("action") == "enable" else None)
    error = ""
    if request.method == "POST":
        try:
            answer = _two_factor_post(request, status, required)
        except ApplicationError as exc:
            answer, error = None, exc.message
        if answer is not None:
            return answer
    context = {"status": status, "required": required, "form": form, "error": error, "next": _next_url(request)}
    if not status.enabled:
        key = request.session.setdefault(ENROL_SECRET, two_factor_secret_new())
        url = two_factor_setup_url(user=request.user, key=key)
        context |= {
            "qr": segno.make(url, error="m").svg_data_uri(scale=5, border=2),
            "secret": two_factor_secret_text(key),
        }
    invalid = bool(error or form.errors)
    return render(request, "registration/two_factor.html", context, status=400 if invalid else 200)
