"""Language selection: Turkish unless the user chose another language."""

from django.conf import settings
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin


class ChosenLanguageMiddleware(MiddlewareMixin):
    """Activate the language the user picked (cookie), else the default, Turkish.

    The browser's Accept-Language is deliberately ignored: civil servants often work on machines
    set up in English, and the official forms are Turkish.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
