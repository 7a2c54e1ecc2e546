"""The second log-in step: which step a signed-in session still owes, and the middleware holding it there."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.models import Device

from accounts.permissions import two_factor_required
from accounts.selectors import two_factor_has_device

# The session remembers [REQUIRE_2FA at the time, the step owed], so an ordinary page costs no query.
SESSION_STEP = "two_factor_step"
STEP_VERIFY, STEP_ENROL = "verify", "enrol"
# Open to a session that still owes its step: the step's own page, leaving, the language menu.
ALWAYS_OPEN = {"logout", "set_language", "health", "login"}
STEP_PAGES = {STEP_VERIFY: "accounts:two_factor_verify", STEP_ENROL: "accounts:two_factor"}


def _step_for(user) -> str:
    if two_factor_has_device(user=user):
        return STEP_VERIFY
    if two_factor_required(user, enforced=settings.REQUIRE_2FA):
        return STEP_ENROL
    return ""


def session_mark_step(sender, request, user, **kwargs) -> None:
    """Write the step the new session owes (connected to user_logged_in in AccountsConfig.ready)."""
    if hasattr(request, "session"):
        request.session[SESSION_STEP] = [settings.REQUIRE_2FA, _step_for(user)]


def pending_step(request: HttpRequest) -> str:
    """Return the step ("verify", "enrol") a signed-in, not yet verified session owes, or ""."""
    user = request.user
    is_verified = getattr(user, "is_verified", None)  # installed by OTPMiddleware
    if not user.is_authenticated or is_verified is None or is_verified() or not hasattr(request, "session"):
        return ""
    stored = request.session.get(SESSION_STEP)
    if not stored or stored[0] != settings.REQUIRE_2FA:  # REQUIRE_2FA changed since: decide again
        stored = [settings.REQUIRE_2FA, _step_for(user)]
        request.session[SESSION_STEP] = stored
    return stored[1]


def step_done(request: HttpRequest, device: Device) -> None:
    """Mark the session verified by this device (django-otp) and owing nothing more."""
    otp_login(request, device)
    request.session[SESSION_STEP] = [settings.REQUIRE_2FA, ""]


def step_forget(request: HttpRequest) -> None:
    """After two-factor log-in was turned off: the session owes nothing and is verified by nothing."""
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session[SESSION_STEP] = [settings.REQUIRE_2FA, ""]


class TwoFactorMiddleware(MiddlewareMixin):
    """Send a session that owes its code (or must set up the app) to that page, whatever it asked for.

    After django-otp's OTPMiddleware (request.user.is_verified()) and the log-in requirement; the
    Django admin and the API's session calls are held too.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        step = pending_step(request)
        if not step:
            return None
        name = request.resolver_match.view_name if request.resolver_match else ""
        if name in ALWAYS_OPEN or name == STEP_PAGES[step]:
            return None
        target = f"{reverse(STEP_PAGES[step])}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request") == "true":
            return HttpResponse(status=204, headers={"HX-Redirect": target})
        return redirect(target)
