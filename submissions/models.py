"""A spending unit's quarterly Form-3 submission and its workflow state."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit
from core.models import TimeStampedModel
from indicators.models import PPIndicator
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
    # The figures as the directorate last approved them and as it last returned them,
    # {indicator id: {field: text}}, so the review shows what changed since (submissions.services).
    approved_values = models.JSONField(
        _("onaylanan değerler"), default=dict, db_default=models.Value({}, models.JSONField()), blank=True
    )
    returned_values = models.JSONField(
        _("iade edilen değerler"), default=dict, db_default=models.Value({}, models.JSONField()), blank=True
    )

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


def evidence_path(instance: "Evidence", filename: str) -> str:
    """Store evidence under its unit and quarter with a random name: the uploader's name never reaches the disk."""
    extension = filename.rsplit(".", 1)[-1].lower()
    indicator = instance.indicator
    folder = f"kanit/{indicator.responsible_unit.code}/{indicator.performance_program.year}/{instance.quarter}"
    return f"{folder}/{uuid.uuid4().hex}.{extension}"


class Evidence(TimeStampedModel):
    """A file behind an indicator's quarter (kanıt): the record or document a reported value rests on.

    A removed file's row stays (without its stored file) so the history still names it.
    """

    indicator = models.ForeignKey(
        PPIndicator, verbose_name=_("performans göstergesi"), on_delete=models.CASCADE, related_name="evidence"
    )
    quarter = models.PositiveSmallIntegerField(_("dönem"))
    file = models.FileField(_("dosya"), upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("dosya adı"), max_length=200)
    content_type = models.CharField(_("dosya türü"), max_length=100)
    size = models.PositiveBigIntegerField(_("boyut (bayt)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("yükleyen"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField(_("kaldırılma"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("kanıt dosyası")
        verbose_name_plural = _("kanıt dosyaları")
        ordering = ["indicator", "quarter", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="evidence_quarter_1_4"),
        ]
        indexes = [models.Index(fields=["indicator", "quarter"])]

    def __str__(self) -> str:
        return self.original_name


class ReviewComment(models.Model):
    """One message of the thread of an indicator's quarter between the directorate and the unit.

    A return reason is a comment written with a return, naming what to fix on that row.
    """

    indicator = models.ForeignKey(
        "indicators.PPIndicator", verbose_name=_("gösterge"), on_delete=models.CASCADE, related_name="review_comments"
    )
    quarter = models.PositiveSmallIntegerField(_("dönem"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("yorum"))
    is_return_reason = models.BooleanField(_("iade gerekçesi"), default=False)
    created_at = models.DateTimeField(_("yazılma"))

    class Meta:
        verbose_name = _("inceleme yorumu")
        verbose_name_plural = _("inceleme yorumları")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["indicator", "quarter"])]
        constraints = [
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="review_comment_quarter_1_4"),
            models.CheckConstraint(condition=~Q(body=""), name="review_comment_has_body"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} Q{self.quarter}: {self.body[:40]}"
