"""Pages of the quarterly Form-3: a unit's quarter, the live preview, the review queue, history."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from accounts.access import administration_or_403
from accounts.models import Unit
from accounts.selectors import visible_units
from core import clock
from core.exceptions import ApplicationError
from core.history import figure_places, history_rows
from core.refusals import refuse
from core.requests import chosen_year
from indicators.calculations import QuarterFigures, indicator_outcome
from indicators.checks import judged_status, narrative_requirement
from indicators.models import PPIndicator, QuarterlyValue
from indicators.selectors import entry_histories
from indicators.services import value_warnings
from plans.selectors import latest_programme_year, plan_years
from submissions.choices import SubmissionState
from submissions.evidence_views import evidence_rows
from submissions.forms import CommentForm, ExceptionForm, QuarterRowForm, ReturnForm
from submissions.models import Evidence, ReviewComment, Submission
from submissions.selectors import (
    FormStatus,
    comment_threads,
    current_return_reasons,
    evidence_missing,
    form_grid,
    form_status,
    review_queue,
    review_rows,
    unit_indicators,
)
from submissions.services import (
    RowErrors,
    RowInput,
    add_evidence_problems,
    quarter_exception_grant,
    quarter_problems,
    review_comment_add,
    submission_approve,
    submission_return,
    submission_save_and_submit,
    submission_save_values,
    submission_submit,
)


def _unit_or_404(request, unit_code: str) -> Unit:
    """Return a unit the user may see; any other unit answers exactly like a missing one."""
    unit = get_object_or_404(visible_units(user=request.user), code=unit_code)
    if not request.user.has_perm("submissions.view_form", unit):
        raise Http404
    return unit


def _check_quarter(year: int, quarter: int) -> None:
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        raise Http404


@dataclass
class Row:
    indicator: PPIndicator
    form: QuarterRowForm
    stored: dict[int, QuarterlyValue] = field(default_factory=dict)
    error: str = ""
    # What the saved row still lacks before the quarter can be submitted.
    missing: str = ""
    # The entry warnings to confirm (refused save) or confirmed (stored), as sentences.
    warnings: list[str] = field(default_factory=list)
    # The row's thread with the directorate, and the reason of the return the form is under.
    comments: list = field(default_factory=list)
    return_reason: str = ""
    # The row's own pages, reversed once for the whole form (a form draws hundreds of rows).
    preview_url: str = ""
    history_url: str = ""
    comment_url: str = ""

    @property
    def current(self) -> QuarterlyValue | None:
        return self.stored.get(self.form.quarter)


def indicator_url(name: str, **kwargs: Any) -> Callable[[int], str]:
    """Return the URL of a page of the form about one indicator, for any indicator id, reversed once."""
    marker = "2147483647"
    head, tail = reverse(name, kwargs={**kwargs, "indicator_id": int(marker)}).split(marker)
    return lambda pk: f"{head}{pk}{tail}"


def _rows(indicators, quarter: int, data=None, *, unit: Unit | None = None, year: int = 0) -> list[Row]:
    rows = []
    if unit is not None:
        where = {"unit_code": unit.code, "year": year, "quarter": quarter}
        urls = [indicator_url(f"submissions:{name}", **where) for name in ("preview", "history", "comment_add")]
    for indicator in indicators:
        stored = {q.quarter: q for q in indicator.quarters}
        current = stored.get(quarter)
        initial: dict[str, Any] = {"version": current.version if current else None}
        if current is not None:
            initial.update(
                value=current.value,
                numerator=current.numerator,
                denominator=current.denominator,
                year_end_estimate=current.year_end_estimate,
                narrative=current.narrative,
                no_data=bool(current.no_data_reason),
                no_data_reason=current.no_data_reason,
                confirm_warnings=bool(current.confirmed_warnings),
                warning_comment=current.warning_comment,
            )
        form = QuarterRowForm(data, initial=initial, prefix=f"i{indicator.pk}", indicator=indicator, quarter=quarter)
        warnings = [w["message"] for w in current.confirmed_warnings] if current else []
        row = Row(indicator=indicator, form=form, stored=stored, warnings=warnings)
        if unit is not None:
            row.preview_url, row.history_url, row.comment_url = (url(indicator.pk) for url in urls)
        rows.append(row)
    return rows


class UnitQuarterView(View):
    """A spending unit's Form-3 for one quarter: enter, save, submit; read-only when locked."""

    template_name = "submissions/unit_quarter.html"

    def setup_form(self, request, unit_code: str, year: int, quarter: int):
        _check_quarter(year, quarter)
        self.unit = _unit_or_404(request, unit_code)
        self.year, self.quarter = year, quarter
        self.indicators = list(unit_indicators(unit=self.unit, year=year))

    @cached_property
    def status(self) -> FormStatus:
        """The form's state and lock, read when the page is drawn (a save reads its own, under lock)."""
        return form_status(unit=self.unit, year=self.year, quarter=self.quarter, today=clock.today())

    @cached_property
    def can_edit(self) -> bool:
        return self.request.user.has_perm("submissions.edit_form", self.unit) and self.status.lock is None

    def get(self, request, unit_code: str, year: int, quarter: int):
        self.setup_form(request, unit_code, year, quarter)
        rows = _rows(self.indicators, quarter, unit=self.unit, year=year)
        if self.status.lock is None:
            problems = quarter_problems(self.indicators, quarter)
            add_evidence_problems(problems, evidence_missing(indicators=self.indicators, quarter=quarter))
            for row in rows:
                row.missing = problems.get(row.indicator.pk, "")
        return self.render(request, rows)

    def post(self, request, unit_code: str, year: int, quarter: int):
        self.setup_form(request, unit_code, year, quarter)
        if not request.user.has_perm("submissions.edit_form", self.unit):
            raise PermissionDenied
        submitting = request.POST.get("action") == "save_submit"
        if submitting and not request.user.has_perm("submissions.submit_form", self.unit):
            raise PermissionDenied
        rows = _rows(self.indicators, quarter, data=request.POST, unit=self.unit, year=year)
        if not all(row.form.is_valid() for row in rows):
            messages.error(request, _("Form kaydedilmedi: işaretli alanları düzeltin. Yazdıklarınız duruyor."))
            return self.render(request, rows, status=400)
        inputs = [
            RowInput(
                indicator_id=row.indicator.pk,
                version=row.form.cleaned_data["version"],
                value=row.form.cleaned_data["value"],
                numerator=row.form.cleaned_data["numerator"],
                denominator=row.form.cleaned_data["denominator"],
                year_end_estimate=row.form.cleaned_data["year_end_estimate"],
                narrative=row.form.cleaned_data["narrative"],
                no_data_reason=row.form.cleaned_data["no_data_reason"],
                confirm_warnings=row.form.cleaned_data["confirm_warnings"],
                warning_comment=row.form.cleaned_data["warning_comment"],
            )
            for row in rows
        ]
        expected_version = request.POST.get("form_version", "")
        if not expected_version.isascii() or not expected_version.isdigit():
            # A tampered or truncated page: the version the user loaded is unknown, so nothing is saved.
            messages.error(
                request, _("Form sürümü okunamadı; sayfayı yenileyip yeniden deneyin. Hiçbir şey kaydedilmedi.")
            )
            return self.render(request, rows, status=400)
        save = submission_save_and_submit if submitting else submission_save_values
        try:
            save(
                unit=self.unit,
                year=year,
                quarter=quarter,
                rows=inputs,
                actor=request.user,
                expected_version=int(expected_version),
                today=clock.today(),
                indicators=self.indicators,
            )
        except RowErrors as exc:
            for row in rows:
                row.error = exc.extra["rows"].get(row.indicator.pk, "")
                row.warnings = exc.extra.get("warnings", {}).get(row.indicator.pk, row.warnings)
            messages.error(request, exc.message)
            return self.render(request, rows, status=400)
        except ApplicationError as exc:
            # After a concurrent edit the message says what the other person saved.
            details = "; ".join(f"{name}: {value}" for name, value in exc.extra.get("current", {}).items())
            return self.render(request, rows, status=refuse(request, exc, details=details))
        if submitting:
            messages.success(request, _("Form kaydedildi ve Strateji Geliştirme'ye gönderildi."))
        else:
            messages.success(request, _("Form kaydedildi. Sonuçlar yeniden hesaplanıyor."))
        return redirect(request.path)

    def render(self, request, rows: list[Row], status: int = 200):
        threads = comment_threads(indicator_ids=[row.indicator.pk for row in rows], quarter=self.quarter)
        reasons = current_return_reasons(self.status, threads)
        for row in rows:
            row.comments = threads.get(row.indicator.pk, [])
            row.return_reason = reasons.get(row.indicator.pk, "")
        context = {
            "evidence_rows": evidence_rows(self.indicators, self.quarter),
            "can_change_evidence": self.can_edit,
            "evidence_limit_mb": settings.EVIDENCE_MAX_MB,
            "unit": self.unit,
            "year": self.year,
            "quarter": self.quarter,
            "quarters": (1, 2, 3, 4),
            "quarter_labels": [(q, _("%(q)s. Dönem") % {"q": q}) for q in (1, 2, 3, 4)],
            "status": self.status,
            "rows": rows,
            "missing": [row for row in rows if row.missing],
            "can_edit": self.can_edit,
            "can_submit": request.user.has_perm("submissions.submit_form", self.unit) and self.status.lock is None,
            "can_review": request.user.has_perm("submissions.review", self.unit),
            "can_grant": request.user.has_perm("submissions.grant_exception", self.unit),
            "exception_form": ExceptionForm(),
            "return_form": ReturnForm(),
            "can_comment": request.user.has_perm("submissions.comment", self.unit),
            "comment_form": CommentForm(),
        }
        return render(request, self.template_name, context, status=status)


@require_POST
def preview(request, unit_code: str, year: int, quarter: int, indicator_id: int):
    """Return the live year-end value, rate and status of one row as typed (htmx; saves nothing)."""
    _check_quarter(year, quarter)
    unit = _unit_or_404(request, unit_code)
    indicator = get_object_or_404(unit_indicators(unit=unit, year=year), pk=indicator_id)
    form = QuarterRowForm(request.POST, prefix=f"i{indicator.pk}", indicator=indicator, quarter=quarter)
    context: dict[str, Any] = {"indicator": indicator}
    if form.is_valid():
        data = form.cleaned_data
        quarters = [
            QuarterFigures(q.quarter, q.value, q.numerator, q.denominator, q.year_end_estimate)
            for q in getattr(indicator, "quarters", [])
            if q.quarter < quarter
        ]
        value = data["value"]
        if form.is_ratio and data["numerator"] is not None:
            value = data["numerator"] / data["denominator"] * 100
        quarters.append(
            QuarterFigures(quarter, value, data["numerator"], data["denominator"], data["year_end_estimate"])
        )
        outcome = indicator_outcome(
            method=indicator.aggregation,
            direction=indicator.direction,
            target=indicator.target_value,
            quarters=quarters,
        )
        context["outcome"] = outcome
        history = entry_histories(
            indicators=[indicator], quarter=quarter, administration_id=unit.administration_id, year=year
        )[indicator.pk]
        context["warnings"] = [w.message for w in value_warnings(indicator, value, history)]
        context["requirement"] = narrative_requirement(judged_status(outcome, quarter))
        context["narrative_given"] = bool(data["narrative"].strip())
    else:
        context["errors"] = [e for errors in form.errors.values() for e in errors]
    return render(request, "submissions/_outcome_cells.html", context)


@require_POST
def submit(request, unit_code: str, year: int, quarter: int):
    _check_quarter(year, quarter)
    unit = _unit_or_404(request, unit_code)
    if not request.user.has_perm("submissions.submit_form", unit):
        raise PermissionDenied
    try:
        submission_submit(unit=unit, year=year, quarter=quarter, actor=request.user, today=clock.today())
    except RowErrors as exc:
        names = dict(unit_indicators(unit=unit, year=year).values_list("pk", "name"))
        problems = "; ".join(f"{names.get(pk, pk)}: {text}" for pk, text in exc.extra["rows"].items())
        messages.error(request, f"{exc.message} {problems}")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Form Strateji Geliştirme'ye gönderildi."))
    return redirect("submissions:unit_quarter", unit_code=unit.code, year=year, quarter=quarter)


@require_POST
def grant_exception(request, unit_code: str, year: int, quarter: int):
    _check_quarter(year, quarter)
    unit = _unit_or_404(request, unit_code)
    if not request.user.has_perm("submissions.grant_exception", unit):
        raise PermissionDenied
    form = ExceptionForm(request.POST)
    if form.is_valid():
        try:
            quarter_exception_grant(
                unit=unit,
                year=year,
                quarter=quarter,
                actor=request.user,
                today=clock.today(),
                **form.cleaned_data,
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Dönem bu birim için yeniden açıldı."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("submissions:unit_quarter", unit_code=unit.code, year=year, quarter=quarter)


def review_list(request):
    """The strategy directorate's queue of submitted forms; approve or return one or many."""
    administration = administration_or_403(request, "submissions.review")
    queue = review_queue(administration_id=administration.pk)
    if request.method == "POST":
        chosen = list(queue.filter(pk__in=request.POST.getlist("submission")))
        action = request.POST.get("action")
        return_form = ReturnForm(request.POST)
        if not chosen:
            messages.error(request, _("Önce en az bir form seçin."))
        elif action == "approve":
            for submission in chosen:
                submission_approve(submission=submission, actor=request.user)
            messages.success(request, _("%(n)d form onaylandı.") % {"n": len(chosen)})
        elif action == "return" and return_form.is_valid():
            for submission in chosen:
                submission_return(
                    submission=submission, actor=request.user, comment=return_form.cleaned_data["comment"]
                )
            messages.success(request, _("%(n)d form iade edildi.") % {"n": len(chosen)})
        else:
            messages.error(request, " ".join(str(e) for errors in return_form.errors.values() for e in errors))
        return redirect("submissions:review_list")
    return render(request, "submissions/review_list.html", {"queue": queue, "return_form": ReturnForm()})


def review_one(request, pk: int):
    """The review of one submitted form: each row beside what it is compared with; approve or return it.

    A return may give each row its reason (`reason-<indicator id>`), which the unit sees on that row.
    """
    submission = get_object_or_404(
        Submission.objects.filter(unit__in=visible_units(user=request.user)).select_related("unit"), pk=pk
    )
    if not request.user.has_perm("submissions.review", submission.unit):
        raise PermissionDenied
    if request.method != "POST":
        rows = review_rows(submission=submission)
        return render(
            request,
            "submissions/review.html",
            {
                "evidence_rows": evidence_rows([row.indicator for row in rows], submission.quarter),
                "evidence_limit_mb": settings.EVIDENCE_MAX_MB,
                "can_change_evidence": False,
                "submission": submission,
                "unit": submission.unit,
                "year": submission.year,
                "quarter": submission.quarter,
                "rows": rows,
                "return_form": ReturnForm(),
                "comment_form": CommentForm(),
                "can_comment": request.user.has_perm("submissions.comment", submission.unit),
            },
        )
    try:
        if request.POST.get("action") == "approve":
            submission_approve(submission=submission, actor=request.user)
            messages.success(request, _("Form onaylandı."))
        else:
            form = ReturnForm(request.POST)
            comment = form.cleaned_data["comment"] if form.is_valid() else ""
            reasons = {
                int(name.removeprefix("reason-")): text
                for name, text in request.POST.items()
                if name.startswith("reason-") and name.removeprefix("reason-").isdigit()
            }
            submission_return(submission=submission, actor=request.user, comment=comment, reasons=reasons)
            messages.success(request, _("Form iade edildi."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("submissions:review_one", pk=submission.pk)
    return redirect(
        "submissions:unit_quarter", unit_code=submission.unit.code, year=submission.year, quarter=submission.quarter
    )


@require_POST
def comment_add(request, unit_code: str, year: int, quarter: int, indicator_id: int):
    """Add a message to an indicator's quarter thread; back to the page it was written on."""
    _check_quarter(year, quarter)
    unit = _unit_or_404(request, unit_code)
    indicator = get_object_or_404(unit_indicators(unit=unit, year=year), pk=indicator_id)
    if not request.user.has_perm("submissions.comment", unit):
        raise PermissionDenied
    form = CommentForm(request.POST)
    try:
        review_comment_add(
            indicator=indicator,
            quarter=quarter,
            body=form.cleaned_data["body"] if form.is_valid() else "",
            actor=request.user,
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Yorum eklendi."))
    back = request.POST.get("next", "")
    if back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(f"{back}#thread-{indicator.pk}")
    return redirect(
        reverse("submissions:unit_quarter", kwargs={"unit_code": unit.code, "year": year, "quarter": quarter})
        + f"#thread-{indicator.pk}"
    )


def history(request, unit_code: str, year: int, quarter: int, indicator_id: int):
    """Every recorded change of one indicator's quarter: its figures, warnings, files, thread and the form's state."""
    _check_quarter(year, quarter)
    unit = _unit_or_404(request, unit_code)
    indicator = get_object_or_404(unit_indicators(unit=unit, year=year), pk=indicator_id)
    objects = [
        *QuarterlyValue.objects.filter(indicator=indicator, quarter=quarter),
        *Submission.objects.filter(unit=unit, year=year, quarter=quarter),
        *ReviewComment.objects.filter(indicator=indicator, quarter=quarter),
    ]
    evidence = list(
        Evidence.objects.filter(indicator=indicator, quarter=quarter).select_related("uploaded_by", "removed_by")
    )
    history = history_rows(objects=[*objects, *evidence], places=figure_places(indicator))
    back = reverse("submissions:unit_quarter", kwargs={"unit_code": unit.code, "year": year, "quarter": quarter})
    return render(
        request,
        "submissions/history.html",
        {
            "unit": unit,
            "year": year,
            "quarter": quarter,
            "indicator": indicator,
            "history": history,
            "back": back,
            "evidence": evidence,
        },
    )


def forms_index(request):
    """Every form the user may open for a year: unit × quarter with state, lock and lateness."""
    administration = administration_or_403(request)
    years = plan_years(administration=administration)
    year = chosen_year(request, years, default=latest_programme_year(administration=administration))
    units = visible_units(user=request.user).filter(administration=administration)
    only_late = request.GET.get("late") == "1"
    rows = form_grid(units=units, year=year, today=clock.today()) if year else []
    if only_late:
        rows = [row for row in rows if any(cell.late for cell in row.cells)]
    return render(
        request,
        "submissions/forms_index.html",
        {
            "rows": rows,
            "year": year,
            "years": years,
            "only_late": only_late,
            "quarters": (1, 2, 3, 4),
            "state_labels": {s.value: s.label for s in SubmissionState},
        },
    )
