"""E-mails in each recipient's own language."""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils import translation

Message = tuple[str, str, str, list[str]]


def messages_in_recipients_languages(
    recipients: Iterable[tuple[str, str]], compose: Callable[[], tuple[str, str]]
) -> list[Message]:
    """Return one (subject, body, from, to) per language among (address, language) recipients.

    `compose` builds the subject and body with gettext; it runs once per language with that
    language active, so every recipient reads the message in the language they chose.
    """
    by_language: dict[str, list[str]] = defaultdict(list)
    for address, language in recipients:
        if address not in by_language[language or settings.LANGUAGE_CODE]:
            by_language[language or settings.LANGUAGE_CODE].append(address)
    messages = []
    for language, addresses in sorted(by_language.items()):
        with translation.override(language):
            subject, body = compose()
        messages.append((str(subject), str(body), settings.DEFAULT_FROM_EMAIL, addresses))
    return messages
