"""Request wiring: the chosen language; the idle and absolute session limits."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _


class ChosenLanguageMiddleware(MiddlewareMixin):
    """Activate the language the user picked (cookie, else their saved choice), else Turkish.

    The browser's Accept-Language is deliberately ignored: civil servants often work on machines
    set up in English, and the official forms are Turkish. Runs after AuthenticationMiddleware.
    """

    def process_request(self, request):
        supported = {code for code, _ in settings.LANGUAGES}
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in supported and request.user.is_authenticated:
            chosen = request.user.language
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class NulCharacterMiddleware:
    """Refuse (400) a request whose path or query holds a NUL character.

    PostgreSQL's text cannot hold NUL, so a code taken from the URL (`/izleme/DB%00/…`) or a query
    parameter would reach the database and fail with a server error. Forms already refuse NUL in
    what is posted (Django's ProhibitNullCharactersValidator). Runs after the language is chosen, so
    the 400 page is in the person's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET
        if "\x00" in request.path or any("\x00" in k or any("\x00" in v for v in query.getlist(k)) for k in query):
            raise BadRequest("NUL character in the request's path or query")
        return self.get_response(request)


# Session keys: when the person logged in, and when the session was last refreshed (epoch seconds).
SESSION_STARTED = "_session_started"
SESSION_SEEN = "_session_seen"
# The stored session and its cookie are refreshed at most this often, not on every request.
REFRESH_EVERY_SECONDS = 60


def session_mark_started(sender, request, user, **kwargs) -> None:
    """Start the session's clocks at log-in (connected to user_logged_in in CoreConfig.ready)."""
    if hasattr(request, "session"):
        request.session[SESSION_STARTED] = request.session[SESSION_SEEN] = time.time()


class SessionTimeoutMiddleware:
    """End a signed-in session idle for SESSION_COOKIE_AGE or older than SESSION_ABSOLUTE_AGE.

    The idle limit holds twice: the stored session and its cookie expire SESSION_COOKIE_AGE after
    the last refresh, and this middleware refuses a session whose last refresh is older than that.
    Refreshing at most once a minute keeps ordinary page views free of a session write; the idle
    limit is therefore met at most a minute early, never late.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.get(SESSION_STARTED)
            seen = session.get(SESSION_SEEN, started)
            if started is None:
                session[SESSION_STARTED] = session[SESSION_SEEN] = now
            elif now - started > settings.SESSION_ABSOLUTE_AGE or now - seen > settings.SESSION_COOKIE_AGE:
                logout(request)
                messages.info(request, _("Oturumunuzun süresi doldu; lütfen yeniden giriş yapın."))
                if request.headers.get("HX-Request") == "true":
                    # An htmx call (the form's live preview) would swap the log-in page into a table
                    # cell; send the whole page there instead.
                    login = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}"
                    return HttpResponse(status=204, headers={"HX-Redirect": login})
            elif now - seen >= REFRESH_EVERY_SECONDS:
                session[SESSION_SEEN] = now
        return self.get_response(request)
