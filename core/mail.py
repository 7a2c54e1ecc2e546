"""E-mails in each recipient's own language, sent by a Celery task (never inside a request), each
linking to the page it is about (SITE_URL)."""

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils import translation

from core.tasks import mail_send_task

Message = tuple[str, str, str, list[str]]
logger = logging.getLogger(__name__)


def site_link(path: str) -> str:
    """Return the full address of a page of the site (SITE_URL + path), for e-mails."""
    return settings.SITE_URL.rstrip("/") + path


def mails_queue(messages: Iterable[Message]) -> int:
    """Hand each message to the mail task (one task per message, so a retry resends only that one);
    return how many were queued. A broker outage is logged: the caller's work stays done."""
    queued = 0
    for message in messages:
        try:
            mail_send_task.delay(*message)
        except Exception:
            logger.exception("E-mail to %s could not be queued", message[3])
            continue
        queued += 1
    return queued


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
