"""Pages of the evaluation tables' yearly texts: the responsible unit writes, the directorate accepts."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.access import administration_or_403
from accounts.permissions import can_see_whole_administration
from accounts.selectors import visible_units
from core.exceptions import ApplicationError
from core.history import history_rows
from core.requests import chosen_year
from core.workflow import EDITABLE_STATES, Action, ReviewState
from plans.forms import CommentForm, TextsForm
from plans.models import SPIndicator, SPIndicatorYear, Target, TargetYear
from plans.selectors import plan_years, yearly_texts
from plans.services.texts import (
    sp_year_row,
    target_year_row,
    text_fields,
    yearly_texts_save,
    yearly_texts_transition,
)
from plans.views.common import run_service


def texts_index(request):
    """The year's targets and SP indicators whose texts the user may see, with their state."""
    administration = administration_or_403(request)
    years = plan_years(administration=administration)
    year = chosen_year(request, years, default=years[0] if years else None)
    units = None if can_see_whole_administration(request.user) else visible_units(user=request.user)
    targets, sp_rows = yearly_texts(administration=administration, year=year, units=units) if year else ([], [])
    return render(
        request,
        "plans/texts_index.html",
        {
            "targets": targets,
            "sp_rows": sp_rows,
            "year": year,
            "years": years,
            "state_labels": {s.value: s.label for s in ReviewState},
        },
    )


def _page(request, *, row, unit, title: str, back_url: str, self_url: str, materialize=None):
    if not request.user.has_perm("plans.view_texts", unit):
        raise PermissionDenied
    fields = text_fields(row)
    labels = {name: row._meta.get_field(name).verbose_name for name in fields}
    editable = row.text_state in EDITABLE_STATES and request.user.has_perm("plans.write_texts", unit)
    form = TextsForm(
        initial={"version": row.text_version, **{name: getattr(row, name) for name in fields}},
        fields=fields,
        labels=labels,
    )
    if request.method == "POST":
        response, form, row = _post(
            request,
            row=row,
            unit=unit,
            form=form,
            fields=fields,
            labels=labels,
            self_url=self_url,
            materialize=materialize,
        )
        if response is not None:
            return response
    history = history_rows(objects=[row])
    return render(
        request,
        "plans/texts.html",
        {
            "row": row,
            "title": title,
            "unit": unit,
            "form": form,
            "editable": editable,
            "can_submit": request.user.has_perm("plans.submit_texts", unit) and row.text_state in EDITABLE_STATES,
            "can_review": request.user.has_perm("plans.accept_texts", unit) and row.text_state == ReviewState.SUBMITTED,
            "comment_form": CommentForm(),
            "history": history,
            "back": back_url,
        },
    )


def _post(request, *, row, unit, form, fields, labels, self_url: str, materialize):
    """Save or move the texts through the workflow; return (a redirect or None, the form, the row)."""
    action = request.POST.get("action", "save")
    perm = {
        "save": "plans.write_texts",
        Action.SUBMIT: "plans.submit_texts",
        Action.APPROVE: "plans.accept_texts",
        Action.RETURN: "plans.accept_texts",
    }.get(action)
    if perm is None or not request.user.has_perm(perm, unit):
        raise PermissionDenied  # refused before anything is written
    if row.pk is None and materialize is not None:
        row = materialize()  # the first save creates the year's row; viewing writes nothing
    if action == "save":
        form = TextsForm(request.POST, fields=fields, labels=labels)
        if form.is_valid() and run_service(
            request,
            lambda: yearly_texts_save(
                row=row,
                values=form.text_values(),
                actor=request.user,
                expected_version=form.cleaned_data["version"],
            ),
            _("Metinler kaydedildi."),
        ):
            return redirect(self_url), form, row
    else:
        comment = CommentForm(request.POST)
        text = comment.cleaned_data["comment"] if comment.is_valid() else ""
        messages_for = {
            Action.SUBMIT: _("Metinler Strateji Geliştirme'ye gönderildi."),
            Action.APPROVE: _("Metinler kabul edildi."),
            Action.RETURN: _("Metinler iade edildi."),
        }
        run_service(
            request,
            lambda: yearly_texts_transition(row=row, action=action, actor=request.user, comment=text),
            messages_for[action],
        )
        return redirect(self_url), form, row
    return None, form, row


def target_texts(request, target_id: int, year: int):
    """A target's deviation reason and measures for a year."""
    administration = administration_or_403(request)
    target = get_object_or_404(
        Target.objects.select_related("responsible_unit", "aim__plan"),
        pk=target_id,
        aim__plan__administration=administration,
    )
    plan = target.aim.plan
    if not plan.start_year <= year <= plan.end_year:
        raise Http404
    if not request.user.has_perm("plans.view_texts", target.responsible_unit):
        raise PermissionDenied  # a user without the right is refused (403); a missing id is 404
    row = TargetYear.objects.filter(target=target, year=year).first() or TargetYear(target=target, year=year)
    return _page(
        request,
        row=row,
        unit=target.responsible_unit,
        title=f"{target.code} {target.title} · {year}",
        back_url=f"{reverse('plans:texts_index')}?year={year}",
        self_url=reverse("plans:target_texts", args=[target.pk, year]),
        materialize=lambda: target_year_row(target=target, year=year),
    )


def sp_texts(request, indicator_id: int, year: int):
    """An SP indicator's four assessments for a year."""
    administration = administration_or_403(request)
    indicator = get_object_or_404(
        SPIndicator.objects.select_related("responsible_unit"),
        pk=indicator_id,
        target__aim__plan__administration=administration,
    )
    if not request.user.has_perm("plans.view_texts", indicator.responsible_unit):
        raise PermissionDenied
    try:
        row: SPIndicatorYear = sp_year_row(indicator=indicator, year=year)
    except ApplicationError:
        raise Http404 from None
    return _page(
        request,
        row=row,
        unit=indicator.responsible_unit,
        title=f"{indicator.code} {indicator.name} · {year}",
        back_url=f"{reverse('plans:texts_index')}?year={year}",
        self_url=reverse("plans:sp_texts", args=[indicator.pk, year]),
    )
