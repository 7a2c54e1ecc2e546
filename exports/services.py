"""Writes of the exports app: build a report's file, and request and run export jobs."""

import logging
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Administration
from budget.models import BudgetAggregate
from core.exceptions import ApplicationError
from exports import selectors
from exports.builders.budget import budget_economic_export, budget_program_export, budget_unit_export
from exports.builders.form3 import form3_export
from exports.builders.form4 import form4_export
from exports.builders.layout import Export
from exports.builders.program_structure import program_structure_export
from exports.builders.sp_evaluation import sp_evaluation_export
from exports.choices import Format, JobStatus, Report
from exports.models import ExportJob
from exports.renderers import RENDERERS
from plans.selectors import programme_for_year, revision_markers

logger = logging.getLogger(__name__)
Level = BudgetAggregate.Level
Progress = Callable[[int], None]


def export_build(*, administration: Administration, year: int, report: str) -> Export:
    """Read the stored results a report needs and lay them out once for every format."""
    name = administration.name
    if report in (Report.FORM3, Report.FORM4, Report.SP_EVALUATION):
        # Rows whose figures depend on a revision (with its reason) are marked, and listed below.
        markers = revision_markers(administration_id=administration.pk, year=year)
        pp_revisions = {code: markers.note("pp", code) for code in markers.pp}
        sp_revisions = {code: markers.note(kind, code) for kind in ("sp", "targets") for code in getattr(markers, kind)}
    if report == Report.FORM3:
        form3 = selectors.form3_rows(administration=administration, year=year)
        return form3_export(rows=form3, year=year, administration=name, revisions=pp_revisions)
    if report == Report.FORM4:
        lines, frozen = selectors.form4_lines(administration=administration, year=year)
        return form4_export(lines=lines, year=year, administration=name, frozen=frozen, revisions=pp_revisions)
    if report == Report.SP_EVALUATION:
        blocks = selectors.sp_evaluation_blocks(administration=administration, year=year)
        return sp_evaluation_export(blocks=blocks, year=year, administration=name, revisions=sp_revisions)
    if report == Report.BUDGET_ECONOMIC:
        rows = selectors.budget_rows(administration=administration, year=year, levels=[Level.ECONOMIC, Level.TOTAL])
        return budget_economic_export(rows=rows, year=year, administration=name)
    if report == Report.BUDGET_PROGRAM:
        levels = [Level.PROGRAM, Level.SUB_PROGRAM, Level.ACTIVITY, Level.TOTAL]
        rows = selectors.budget_rows(administration=administration, year=year, levels=levels)
        return budget_program_export(rows=rows, year=year, administration=name)
    if report == Report.BUDGET_UNIT:
        rows = selectors.budget_rows(administration=administration, year=year, levels=[Level.UNIT, Level.TOTAL])
        return budget_unit_export(rows=rows, year=year, administration=name)
    if report == Report.PROGRAM_STRUCTURE:
        structure = selectors.program_structure_rows(administration=administration, year=year)
        return program_structure_export(rows=structure, year=year, administration=name)
    raise ApplicationError(_("Bilinmeyen rapor: %(report)s") % {"report": report})


def export_render(
    *, administration: Administration, year: int, report: str, fmt: str, progress: Progress | None = None
) -> bytes:
    """Return the file of one report and year in one format (in the active language).

    A year without a performance programme, or a report with no row, is refused: no empty file.
    """
    if fmt not in Format.values:
        raise ApplicationError(_("Bilinmeyen biçim: %(format)s") % {"format": fmt})
    programme_for_year(administration_id=administration.pk, year=year)
    export = export_build(administration=administration, year=year, report=report)
    if not export.csv_rows:
        raise ApplicationError(
            _("%(year)s yılı için bu raporda yazılacak satır yok; boş dosya yazılmadı.") % {"year": year}
        )
    if progress:
        progress(40)
    content = RENDERERS[fmt](export)
    if progress:
        progress(90)
    return content


@transaction.atomic
def export_job_request(
    *, administration: Administration, year: int, report: str, fmt: str, actor: Any, language: str
) -> ExportJob:
    """Record a requested export and queue its job once the request commits."""
    from exports.tasks import export_job_run_task

    if report not in Report.values or fmt not in Format.values:
        raise ApplicationError(_("Rapor ya da biçim geçersiz."))
    job = ExportJob(
        administration=administration,
        year=year,
        report=report,
        format=fmt,
        language=language,
        requested_by=actor,
    )
    job.full_clean()
    job.save()
    transaction.on_commit(lambda: export_job_run_task.delay(job.pk))
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
        with translation.override(job.language):
            content = export_render(
                administration=job.administration, year=job.year, report=job.report, fmt=job.format, progress=progress
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
