"""A spending unit's quarterly Form-3 submission and its workflow state."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit
from core.models import TimeStampedModel
from submissions.choices import SubmissionState


class Submission(TimeStampedModel):
    """One unit's Form-3 for one quarter: the values of the indicators it is responsible for."""

    unit = models.ForeignKey(Unit, verbose_name=_("birim"), on_delete=models.PROTECT, related_name="submissions")
    year = models.PositiveSmallIntegerField(_("yıl"))
    quarter = models.PositiveSmallIntegerField(_("dönem"))
    state = models.CharField(_("durum"), max_length=20, choices=SubmissionState.choices, default=SubmissionState.DRAFT)
    review_comment = models.TextField(_("inceleme notu"), blank=True)
    submitted_at = models.DateTimeField(_("gönderilme"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("incelenme"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(_("sürüm"), default=1)

    class Meta:
        verbose_name = _("üç aylık izleme formu")
        verbose_name_plural = _("üç aylık izleme formları")
        ordering = ["-year", "-quarter", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "quarter"], name="submission_one_per_unit_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="submission_quarter_1_4"),
            models.CheckConstraint(condition=Q(state__in=SubmissionState.values), name="submission_state_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.year}/{self.quarter}"


class QuarterException(TimeStampedModel):
    """The strategy directorate reopened a quarter for one unit, with a reason, until a date."""

    unit = models.ForeignKey(Unit, verbose_name=_("birim"), on_delete=models.PROTECT, related_name="quarter_exceptions")
    year = models.PositiveSmallIntegerField(_("yıl"))
    quarter = models.PositiveSmallIntegerField(_("dönem"))
    expires_on = models.DateField(_("son gün"))
    reason = models.TextField(_("gerekçe"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("dönem istisnası")
        verbose_name_plural = _("dönem istisnaları")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="quarter_exception_quarter_1_4"),
            models.CheckConstraint(condition=~Q(reason=""), name="quarter_exception_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.year}/{self.quarter} → {self.expires_on:%d.%m.%Y}"


class QuarterDeadline(TimeStampedModel):
    """A deadline other than the default (the last day of the following month) for one quarter."""

    administration = models.ForeignKey(
        "accounts.Administration", verbose_name=_("idare"), on_delete=models.CASCADE, related_name="quarter_deadlines"
    )
    year = models.PositiveSmallIntegerField(_("yıl"))
    quarter = models.PositiveSmallIntegerField(_("dönem"))
    deadline = models.DateField(_("son gün"))
    reason = models.TextField(_("gerekçe"), blank=True)

    class Meta:
        verbose_name = _("dönem son günü")
        verbose_name_plural = _("dönem son günleri")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["administration", "year", "quarter"], name="quarter_deadline_unique"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="quarter_deadline_quarter_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.year}/{self.quarter} → {self.deadline:%d.%m.%Y}"
