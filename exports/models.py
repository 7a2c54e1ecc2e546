"""Generated export files and the jobs that build them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Administration
from exports.choices import Format, JobStatus, Report, file_suffix


class ExportJob(models.Model):
    """One requested export: who asked for which report, year and format, its progress and its file."""

    administration = models.ForeignKey(
        Administration, verbose_name=_("idare"), on_delete=models.CASCADE, related_name="export_jobs"
    )
    year = models.PositiveSmallIntegerField(_("yıl"))
    report = models.CharField(_("rapor"), max_length=30, choices=Report.choices)
    format = models.CharField(_("biçim"), max_length=10, choices=Format.choices)
    # The requesting user's language: the file's labels are written in it.
    language = models.CharField(_("dil"), max_length=10, default="tr")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("isteyen"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="export_jobs",
    )
    created_at = models.DateTimeField(_("istenme"), auto_now_add=True)
    started_at = models.DateTimeField(_("başlama"), null=True, blank=True)
    finished_at = models.DateTimeField(_("bitiş"), null=True, blank=True)
    status = models.CharField(_("durum"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("ilerleme (%)"), default=0)
    file = models.FileField(_("dosya"), upload_to="exports/%Y/%m/", blank=True)
    # The Word template uploaded with an annual report's DOCX request (exports.word_template); empty: the default.
    template = models.FileField(_("Word şablonu"), upload_to="exports/templates/%Y/%m/", blank=True)
    error = models.TextField(_("hata"), blank=True)

    class Meta:
        verbose_name = _("dışa aktarma")
        verbose_name_plural = _("dışa aktarmalar")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="export_job_progress_0_100"),
            models.CheckConstraint(condition=Q(report__in=Report.values), name="export_job_report_valid"),
            models.CheckConstraint(condition=Q(format__in=Format.values), name="export_job_format_valid"),
            models.CheckConstraint(condition=Q(status__in=JobStatus.values), name="export_job_status_valid"),
        ]
        indexes = [models.Index(fields=["administration", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.report} {self.year} {self.format}"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def filename(self) -> str:
        return f"{self.report}-{self.year}{file_suffix(self.format)}"
