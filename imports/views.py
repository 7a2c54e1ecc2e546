"""Pages of the import workbook: upload with a dry-run preview, confirm, template and data downloads."""

import io
import uuid

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.access import administration_or_403
from accounts.models import Administration
from imports.dataset import DatasetError
from imports.forms import WorkbookConfirmForm, WorkbookUploadForm
from imports.selectors import administration_sheets
from imports.services import ImportSummary, workbook_import
from imports.workbook import read_workbook, template_build, workbook_build

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The session remembers the previewed upload; the file waits in storage until it is confirmed.
PENDING_KEY = "imports_pending"


def _administration(request: HttpRequest) -> Administration:
    return administration_or_403(request, "imports.import_workbook")


def _pending_path(token: str) -> str:
    return f"imports/pending/{token}.xlsx"


class UploadView(View):
    """Upload a workbook; show every problem, or what it would create, change and leave alone."""

    template_name = "imports/upload.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        _administration(request)
        return render(request, self.template_name, {"form": WorkbookUploadForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        administration = _administration(request)
        form = WorkbookUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        content = form.cleaned_data["workbook"].read()
        try:
            dataset = read_workbook(io.BytesIO(content))
            summary = workbook_import(dataset=dataset, administration=administration, actor=request.user, dry_run=True)
        except DatasetError as exc:
            context = {
                "form": WorkbookUploadForm(),
                "errors": exc.errors,
                "file_name": form.cleaned_data["workbook"].name,
            }
            return render(request, self.template_name, context, status=400)
        token = str(uuid.uuid4())
        previous = request.session.get(PENDING_KEY)
        if previous:
            default_storage.delete(_pending_path(previous["token"]))
        default_storage.save(_pending_path(token), ContentFile(content))
        request.session[PENDING_KEY] = {
            "token": token,
            "name": form.cleaned_data["workbook"].name,
            "fingerprint": summary.fingerprint,
            # Changes of indicators with values: confirming needs a reason (plan maintenance's rule).
            "needs_reason": bool(summary.revisions),
        }
        return _preview(
            request,
            summary=summary,
            file_name=form.cleaned_data["workbook"].name,
            confirm_form=WorkbookConfirmForm(initial={"token": token}),
        )


def _preview(
    request: HttpRequest,
    *,
    summary: ImportSummary,
    file_name: str,
    confirm_form: WorkbookConfirmForm,
    status: int = 200,
) -> HttpResponse:
    context = {"summary": summary, "file_name": file_name, "confirm_form": confirm_form}
    return render(request, "imports/preview.html", context, status=status)


class ConfirmView(View):
    """Import the previewed workbook for real: checked again, all or nothing."""

    def post(self, request: HttpRequest) -> HttpResponse:
        administration = _administration(request)
        form = WorkbookConfirmForm(request.POST)
        form.is_valid()
        pending = request.session.get(PENDING_KEY)
        if "token" in form.errors or not pending or str(form.cleaned_data["token"]) != pending["token"]:
            messages.error(request, _("Önizlenen dosya bulunamadı; çalışma kitabını yeniden yükleyin."))
            return redirect("imports:upload")
        path = _pending_path(pending["token"])
        if not default_storage.exists(path):
            messages.error(request, _("Önizlenen dosya bulunamadı; çalışma kitabını yeniden yükleyin."))
            return redirect("imports:upload")
        with default_storage.open(path, "rb") as handle:
            content = handle.read()
        reason = form.cleaned_data.get("reason", "").strip()
        if pending.get("needs_reason") and not reason and "reason" not in form.errors:
            form.add_error(
                "reason",
                _("Değerleri girilmiş göstergelerdeki bu değişiklikler için gerekçe yazın; hiçbir şey yazılmadı."),
            )
        if form.errors:
            # The preview again (the same dry run), the upload kept, so the reason can be typed in.
            try:
                summary = workbook_import(
                    dataset=read_workbook(io.BytesIO(content)),
                    administration=administration,
                    actor=request.user,
                    dry_run=True,
                )
            except DatasetError as exc:
                default_storage.delete(path)
                request.session.pop(PENDING_KEY, None)
                context = {"form": WorkbookUploadForm(), "errors": exc.errors, "file_name": pending["name"]}
                return render(request, "imports/upload.html", context, status=400)
            return _preview(request, summary=summary, file_name=pending["name"], confirm_form=form, status=400)
        try:
            summary = workbook_import(
                dataset=read_workbook(io.BytesIO(content)),
                administration=administration,
                actor=request.user,
                expected_fingerprint=pending["fingerprint"],
                reason=reason,
            )
        except DatasetError as exc:
            # The data changed since the preview (a unit saved, a quarter was locked): nothing written.
            context = {"form": WorkbookUploadForm(), "errors": exc.errors, "file_name": pending["name"]}
            return render(request, "imports/upload.html", context, status=400)
        finally:
            default_storage.delete(path)
            request.session.pop(PENDING_KEY, None)
        messages.success(
            request,
            _("Çalışma kitabı yüklendi: %(count)s kayıt yeni ya da güncellendi.") % {"count": summary.changed},
        )
        return redirect("imports:upload")


class TemplateDownloadView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        _administration(request)
        response = HttpResponse(template_build(), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="ice-aktarma-sablonu.xlsx"'
        return response


class DataDownloadView(View):
    """The administration's current data as the import workbook, to edit and upload again."""

    def get(self, request: HttpRequest) -> HttpResponse:
        administration = _administration(request)
        response = HttpResponse(workbook_build(administration_sheets(administration=administration)), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{administration.code}-veri.xlsx"'
        return response
