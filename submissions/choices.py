"""The workflow states of a unit's quarterly submission, defined once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionState(models.TextChoices):
    # The unit is entering values; editable by the unit.
    DRAFT = "draft", _("Taslak")
    # Sent by the unit approver; waits for the strategy directorate.
    SUBMITTED = "submitted", _("Gönderildi")
    # Sent back by the directorate with a comment; editable by the unit again.
    RETURNED = "returned", _("İade edildi")
    # Accepted by the directorate; locked.
    APPROVED = "approved", _("Onaylandı")
