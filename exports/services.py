"""Writes of the exports app: build a report's file, and request and run export jobs."""

import logging
from collections.abc import Callable
from typing import Any

from celery import current_app
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Administration
from core.exceptions import ApplicationError
from exports.builders.layout import Export
from exports.choices import Format, JobStatus, Report
from exports.models import ExportJob
from exports.registry import REPORT_BUILDERS, REPORT_RENDERERS
from exports.renderers import RENDERERS
from exports.word_template import TemplateRefused, template_check
from plans.selectors import programme_for_year

EXPORT_TASK = "exports.tasks.export_job_run_task"

logger = logging.getLogger(__name__)
Progress = Callable[[int], None]


def export_build(*, administration: Administration, year: int, report: str) -> Export:
    """Read the stored results a report needs and lay them out once for every format."""
    builder = REPORT_BUILDERS.get(report)
    if builder is None:
        raise ApplicationError(_("Bilinmeyen rapor: %(report)s") % {"report": report})
    return builder(administration, year)


def format_refusal(*, report: str, fmt: str) -> str | None:
    """Return why a report cannot be made in a format, or None (the annual report: DOCX and PDF only)."""
    if fmt not in Format.values:
        return _("Bilinmeyen biçim: %(format)s") % {"format": fmt}
    own = REPORT_RENDERERS.get(report)
    if own is not None and fmt not in own:
        labels = ", ".join(str(Format(value).label) for value in own)
        return _("Bu rapor yalnızca şu biçimlerde üretilir: %(formats)s.") % {"formats": labels}
    return None


def export_render(
    *,
    administration: Administration,
    year: int,
    report: str,
    fmt: str,
    progress: Progress | None = None,
    template: bytes | None = None,
) -> bytes:
    """Return the file of one report and year in one format (in the active language).

    A year without a performance programme, or a report with no row, is refused: no empty file.
    `template` is a Word template for the annual report's DOCX (exports.word_template; None: the default).
    """
    refusal = format_refusal(report=report, fmt=fmt)
    if refusal:
        raise ApplicationError(refusal)
    if template is not None and report not in REPORT_RENDERERS:
        raise ApplicationError(_("Word şablonu yalnızca faaliyet raporu için kullanılır."))
    programme_for_year(administration_id=administration.pk, year=year)
    export = export_build(administration=administration, year=year, report=report)
    if not export.csv_rows:
        raise ApplicationError(
            _("%(year)s yılı için bu raporda yazılacak satır yok; boş dosya yazılmadı.") % {"year": year}
        )
    if progress:
        progress(40)
    own = REPORT_RENDERERS.get(report)
    try:
        content = own[fmt](export, template=template) if own else RENDERERS[fmt](export)
    except TemplateRefused as error:
        raise ApplicationError(str(error)) from error
    if progress:
        progress(90)
    return content


@transaction.atomic
def export_job_request(
    *,
    administration: Administration,
    year: int,
    report: str,
    fmt: str,
    actor: Any,
    language: str,
    template: bytes | None = None,
) -> ExportJob:
    """Record a requested export (with its Word template, checked) and queue its job once the request commits."""
    if report not in Report.values or fmt not in Format.values:
        raise ApplicationError(_("Rapor ya da biçim geçersiz."))
    refusal = format_refusal(report=report, fmt=fmt)
    if refusal:
        raise ApplicationError(refusal)
    if template is not None:
        try:
            template_check(template)
        except TemplateRefused as error:
            raise ApplicationError(str(error)) from error
    job = ExportJob(
        administration=administration,
        year=year,
        report=report,
        format=fmt,
        language=language,
        requested_by=actor,
    )
    if template is not None:
        job.template.save(f"{report}-{year}-sablon.docx", ContentFile(template), save=False)
    job.full_clean()
    job.save()
    # Addressed by the task's name: the task runs export_job_run of this module in turn.
    transaction.on_commit(lambda: current_app.tasks[EXPORT_TASK].delay(job.pk))
    return job


def export_job_run(*, job_id: int) -> ExportJob:
    """Build a job's file, recording its progress as it goes; a finished job is left alone.

    Not one transaction on purpose: the page polls the progress while the file is being built.
    """
    job = ExportJob.objects.select_related("administration").get(pk=job_id)
    if job.is_finished:
        return job
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now(), progress=5)

    def progress(percent: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(progress=percent)

    try:
        template = job.template.read() if job.template else None
        with translation.override(job.language):
            content = export_render(
                administration=job.administration,
                year=job.year,
                report=job.report,
                fmt=job.format,
                progress=progress,
                template=template,
            )
    except OperationalError:
        raise  # the database went away: the task retries
    except Exception as error:
        # Recorded on the job, which the page shows; the log keeps the traceback.
        logger.exception("Export job %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, finished_at=timezone.now(), error=str(error)[:2000]
        )
        job.refresh_from_db()
        return job
    job.refresh_from_db()
    job.file.save(job.filename, ContentFile(content), save=False)
    job.status = JobStatus.DONE
    job.progress = 100
    job.finished_at = timezone.now()
    job.save(update_fields=["file", "status", "progress", "finished_at"])
    return job
