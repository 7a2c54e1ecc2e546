"""Today's date in the administration's time zone: the one place views ask, so tests can set it."""

from datetime import date

from django.utils import timezone


def today() -> date:
    return timezone.localdate()
