"""The exports page: request a report file, follow its job, download it later."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from accounts.access import administration_or_403
from core.exceptions import ApplicationError
from core.refusals import refuse
from exports.choices import CONTENT_TYPES, Format, JobStatus
from exports.forms import ExportForm
from exports.models import ExportJob
from exports.selectors import export_jobs_for_page
from exports.services import export_job_request
from exports.word_template import DEFAULT_TEMPLATE
from plans.selectors import latest_programme_year, plan_years

JOBS_PER_PAGE = 20


def _administration(request):
    return administration_or_403(request, "exports.generate")


class ExportPageView(View):
    """The form, the history of generated files and the progress of the running jobs."""

    def get(self, request, form=None):
        administration = _administration(request)
        years = plan_years(administration=administration)
        if form is None:
            initial = {
                "year": latest_programme_year(administration=administration),
                "language": (translation.get_language() or "tr")[:2],
            }
            form = ExportForm(years=years, initial=initial)
        page = Paginator(export_jobs_for_page(administration=administration), JOBS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        # The job just requested (?job=…): its file link, or its progress until the file is made.
        requested = None
        if (request.GET.get("job") or "").isdigit():
            requested = ExportJob.objects.filter(pk=request.GET["job"], administration=administration).first()
        return render(
            request,
            "exports/page.html",
            {
                "administration": administration,
                "form": form,
                "page": page,
                "jobs": list(page.object_list),
                "requested": requested,
            },
        )

    def post(self, request):
        administration = _administration(request)
        form = ExportForm(request.POST, request.FILES, years=plan_years(administration=administration))
        if not form.is_valid():
            return self.get(request, form=form)
        try:
            job = export_job_request(
                administration=administration,
                year=form.cleaned_data["year"],
                report=form.cleaned_data["report"],
                fmt=form.cleaned_data["format"],
                actor=request.user,
                language=form.cleaned_data["language"] or (translation.get_language() or "tr")[:2],
                template=form.cleaned_data["template"],
            )
        except ApplicationError as error:
            status = refuse(request, error)
            response = self.get(request, form=form)
            response.status_code = status
            return response
        # With the in-process default the file is already made; with Celery the notice follows its progress.
        return redirect(f"{reverse('exports:page')}?job={job.pk}")


def template_download(request):
    """Send the default Word template of the activity report, to start one's own from."""
    _administration(request)
    return FileResponse(
        DEFAULT_TEMPLATE.open("rb"),
        as_attachment=True,
        filename="faaliyet-raporu-sablonu.docx",
        content_type=CONTENT_TYPES[Format.DOCX],
    )


def _job(request, pk: int) -> ExportJob:
    administration = _administration(request)
    return get_object_or_404(ExportJob.objects.select_related("requested_by"), pk=pk, administration=administration)


def job_status(request, pk: int):
    """Return one job's row (or, with ?notice=1, the notice of the job just requested) for htmx polling.

    A finished job's row or notice no longer polls.
    """
    template = "exports/_job_notice.html" if request.GET.get("notice") else "exports/_job_row.html"
    return render(request, template, {"job": _job(request, pk)})


def job_download(request, pk: int):
    """Send a generated file as an attachment."""
    job = _job(request, pk)
    if job.status != JobStatus.DONE or not job.file:
        raise Http404(_("Dosya henüz hazır değil."))
    return FileResponse(
        job.file.open("rb"), as_attachment=True, filename=job.filename, content_type=CONTENT_TYPES[job.format]
    )
