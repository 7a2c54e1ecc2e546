"""Vocabularies of the budget app, each defined once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TransferKind(models.TextChoices):
    # Ekleme: appropriation added to one line from outside the administration's lines (yedek ödenek …).
    ADDITION = "addition", _("Ekleme")
    # Aktarma: appropriation moved from one line to another line of the same year.
    TRANSFER = "transfer", _("Aktarma")
    # Düşme: appropriation taken away from one line (it leaves the administration's budget).
    DEDUCTION = "deduction", _("Düşme")


MONTHS = tuple(range(1, 13))

# Between a programme, its sub-programme and its activity in an aggregate's path ("P › SP › activity").
PATH_SEPARATOR = " › "
