"""Pages of evidence files (kanıt): attach to an indicator's quarter, download, remove."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import Unit
from accounts.selectors import visible_units
from core import clock
from core.exceptions import ApplicationError
from indicators.models import PPIndicator
from submissions.evidence import evidence_add, evidence_max_bytes, evidence_remove, size_refusal
from submissions.models import Evidence
from submissions.selectors import quarter_evidence, unit_indicators

# The accepted kinds as the upload field announces them (the bytes decide, core.files).
ACCEPT = ".pdf,.xlsx,.docx,.png,.jpg,.jpeg"
# Room for the multipart envelope around the file when the request's length is checked.
ENVELOPE_BYTES = 64 * 1024


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Kanıt dosyası"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control form-control-sm", "accept": ACCEPT}),
    )


@dataclass
class EvidenceRow:
    """One indicator of the quarter with its files, for the Form-3 and review page."""

    indicator: PPIndicator
    files: list[Evidence]
    form: EvidenceForm

    @property
    def missing(self) -> bool:
        return self.indicator.evidence_required and not self.files


def evidence_rows(indicators, quarter: int) -> list[EvidenceRow]:
    """Return each indicator's files of the quarter (one query)."""
    found = quarter_evidence(indicator_ids=[i.pk for i in indicators], quarters=[quarter])
    return [
        EvidenceRow(indicator=i, files=found.get((i.pk, quarter), []), form=EvidenceForm(prefix=f"ev{i.pk}"))
        for i in indicators
    ]


def _unit_or_404(request, unit_code: str) -> Unit:
    unit = get_object_or_404(visible_units(user=request.user), code=unit_code)
    if not request.user.has_perm("submissions.view_form", unit):
        raise Http404
    return unit


def _visible_evidence_or_404(request, pk: int) -> Evidence:
    """Return a kept file of a unit the user may see; any other answers like a missing one."""
    evidence = get_object_or_404(
        Evidence.objects.select_related("indicator__responsible_unit", "indicator__performance_program").filter(
            indicator__responsible_unit__in=visible_units(user=request.user), removed_at__isnull=True
        ),
        pk=pk,
    )
    if not request.user.has_perm("submissions.view_form", evidence.indicator.responsible_unit):
        raise Http404
    return evidence


def _back(unit_code: str, year: int, quarter: int):
    return redirect("submissions:unit_quarter", unit_code=unit_code, year=year, quarter=quarter)


@require_POST
def evidence_upload(request, unit_code: str, year: int, quarter: int, indicator_id: int):
    """Attach a file to an indicator's quarter (unit users, while the quarter is open)."""
    if quarter not in (1, 2, 3, 4):
        raise Http404
    unit = _unit_or_404(request, unit_code)
    indicator = get_object_or_404(unit_indicators(unit=unit, year=year), pk=indicator_id)
    if not request.user.has_perm("submissions.edit_form", unit):
        raise PermissionDenied
    # Refused before the body is read: an oversized upload is never parsed or written to disk.
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > evidence_max_bytes() + ENVELOPE_BYTES:
        messages.error(request, size_refusal(length) or "")
        return _back(unit.code, year, quarter)
    form = EvidenceForm(request.POST, request.FILES, prefix=f"ev{indicator.pk}")
    if not form.is_valid():
        messages.error(request, _("Yüklenecek dosyayı seçin."))
        return _back(unit.code, year, quarter)
    upload = form.cleaned_data["file"]
    try:
        evidence_add(
            indicator=indicator,
            quarter=quarter,
            handle=upload,
            name=upload.name,
            size=upload.size,
            actor=request.user,
            today=clock.today(),
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Kanıt dosyası eklendi: %(code)s.") % {"code": indicator.code})
    return _back(unit.code, year, quarter)


def evidence_download(request, pk: int):
    """Send a file as an attachment, to those who may see its unit only (others: 404)."""
    evidence = _visible_evidence_or_404(request, pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=evidence.original_name, content_type=evidence.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def evidence_delete(request, pk: int):
    """Remove a file while its quarter is open (the unit's users); the history keeps it."""
    evidence = _visible_evidence_or_404(request, pk)
    unit = evidence.indicator.responsible_unit
    if not request.user.has_perm("submissions.edit_form", unit):
        raise PermissionDenied
    try:
        evidence_remove(evidence=evidence, actor=request.user, today=clock.today())
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Kanıt dosyası kaldırıldı: %(name)s.") % {"name": evidence.original_name})
    return _back(unit.code, evidence.indicator.performance_program.year, evidence.quarter)
