"""Pages of the strategic plan: plans, aims, targets with their weights, SP indicators and their history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Unit
from core.history import history_rows
from core.requests import chosen_year
from plans.forms import (
    AimForm,
    RetireForm,
    SPIndicatorForm,
    StrategicPlanForm,
    TargetForm,
    TargetValueForm,
    WeightsForm,
)
from plans.models import Aim, SPIndicator, StrategicPlan, Target
from plans.selectors import (
    indicator_history,
    plan_tree,
    plans_for,
    programmes_for,
    target_detail,
)
from plans.services import strategic
from plans.services.common import version_token
from plans.views.common import administration_or_403, render_form, retire, run_service


def _units(administration):
    return Unit.objects.filter(administration=administration, is_active=True).order_by("name")


def index(request):
    """The plans and programmes of the administration, with links to checks and rollover."""
    administration = administration_or_403(request)
    return render(
        request,
        "plans/index.html",
        {
            "plans": plans_for(administration=administration),
            "programmes": programmes_for(administration=administration),
            "can_edit": request.user.has_perm("plans.edit_plan", administration),
        },
    )


def plan_detail(request, plan_id: int):
    """A strategic plan's aims, targets and indicators with each target's performance for a year."""
    administration = administration_or_403(request)
    plan = get_object_or_404(StrategicPlan, pk=plan_id, administration=administration)
    years = list(range(plan.end_year, plan.start_year - 1, -1))
    year = chosen_year(request, years, default=plan.start_year) or plan.start_year
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "aims": plan_tree(plan=plan, year=year),
            "year": year,
            "years": years,
            "can_edit": request.user.has_perm("plans.edit_plan", administration),
        },
    )


def plan_edit(request, plan_id: int | None = None):
    administration = administration_or_403(request, "plans.edit_plan")
    plan = get_object_or_404(StrategicPlan, pk=plan_id, administration=administration) if plan_id else None
    initial = {}
    if plan is not None:
        initial = {
            "code": plan.code,
            "name": plan.name,
            "start_year": plan.start_year,
            "end_year": plan.end_year,
            "token": version_token(plan),
        }
    form = StrategicPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved: dict = {}

        def call():
            saved["plan"] = strategic.strategic_plan_save(
                administration=administration,
                plan=plan,
                actor=request.user,
                token=form.cleaned_token(),
                **{k: form.cleaned_data[k] for k in ("code", "name", "start_year", "end_year")},
            )

        if run_service(request, call, _("Stratejik plan kaydedildi.")):
            return redirect("plans:plan_detail", plan_id=saved["plan"].pk)
    return render_form(request, form=form, title=_("Stratejik plan"), back=reverse("plans:index"))


def aim_edit(request, plan_id: int, aim_id: int | None = None):
    administration = administration_or_403(request, "plans.edit_plan")
    plan = get_object_or_404(StrategicPlan, pk=plan_id, administration=administration)
    aim = get_object_or_404(Aim, pk=aim_id, plan=plan) if aim_id else None
    initial = {}
    if aim is not None:
        initial = {"code": aim.code, "title": aim.title, "short_title": aim.short_title, "token": version_token(aim)}
    form = AimForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():

        def call():
            strategic.aim_save(
                plan=plan,
                aim=aim,
                actor=request.user,
                token=form.cleaned_token(),
                **{k: form.cleaned_data[k] for k in ("code", "title", "short_title")},
            )

        if run_service(request, call, _("Amaç kaydedildi.")):
            return redirect("plans:plan_detail", plan_id=plan.pk)
    return render_form(
        request, form=form, title=_("Amaç"), subtitle=str(plan), back=reverse("plans:plan_detail", args=[plan.pk])
    )


def target_edit(request, aim_id: int, target_id: int | None = None):
    administration = administration_or_403(request, "plans.edit_plan")
    aim = get_object_or_404(Aim.objects.select_related("plan"), pk=aim_id, plan__administration=administration)
    target = get_object_or_404(Target, pk=target_id, aim=aim) if target_id else None
    initial = {}
    if target is not None:
        initial = {
            "code": target.code,
            "title": target.title,
            "long_title": target.long_title,
            "responsible_unit": target.responsible_unit_id,
            "token": version_token(target),
        }
    form = TargetForm(request.POST or None, initial=initial, units=_units(administration))
    if request.method == "POST" and form.is_valid():
        saved: dict = {}

        def call():
            saved["target"] = strategic.target_save(
                aim=aim,
                target=target,
                actor=request.user,
                token=form.cleaned_token(),
                **{k: form.cleaned_data[k] for k in ("code", "title", "long_title", "responsible_unit")},
            )

        if run_service(request, call, _("Hedef kaydedildi.")):
            return redirect("plans:target_detail", target_id=saved["target"].pk)
    return render_form(
        request, form=form, title=_("Hedef"), subtitle=str(aim), back=reverse("plans:plan_detail", args=[aim.plan_id])
    )


def _weights_form(target, data=None):
    active = strategic.active_indicators(target)
    initial = {}
    for indicator in active:
        initial[f"weight_{indicator.pk}"] = indicator.weight
        initial[f"token_{indicator.pk}"] = version_token(indicator)
    return WeightsForm(data, initial=initial, indicators=active)


def target_page(request, target_id: int):
    """A target: its indicators with A, B, C and P for a year, its weights (edited together), its performance."""
    administration = administration_or_403(request)
    try:
        target = target_detail(target_id=target_id, administration=administration)
    except Target.DoesNotExist:
        raise Http404 from None
    plan = target.aim.plan
    years = list(range(plan.end_year, plan.start_year - 1, -1))
    year = chosen_year(request, years, default=plan.start_year) or plan.start_year
    can_edit = request.user.has_perm("plans.edit_plan", administration)
    form = _weights_form(target)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = _weights_form(target, request.POST)
        if form.is_valid():

            def call():
                strategic.target_weights_save(
                    target=target,
                    weights=form.weights(),
                    tokens=form.tokens(),
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )

            if run_service(request, call, _("Ağırlıklar kaydedildi.")):
                return redirect(f"{reverse('plans:target_detail', args=[target.pk])}?year={year}")
    rows = []
    for indicator in target.indicators.all():
        year_row = next((r for r in indicator.years.all() if r.year == year), None)
        result = next((r for r in indicator.results.all() if r.year == year), None)
        rows.append({"indicator": indicator, "year_row": year_row, "result": result})
    target_result = next((r for r in target.results.all() if r.year == year), None)
    return render(
        request,
        "plans/target_detail.html",
        {
            "target": target,
            "plan": plan,
            "rows": rows,
            "year": year,
            "years": years,
            "result": target_result,
            "results": target.results.all(),
            "form": form,
            "can_edit": can_edit,
        },
        status=400 if request.method == "POST" else 200,
    )


def sp_indicator_edit(request, target_id: int, indicator_id: int | None = None):
    administration = administration_or_403(request, "plans.edit_plan")
    target = get_object_or_404(
        Target.objects.select_related("aim__plan"), pk=target_id, aim__plan__administration=administration
    )
    indicator = get_object_or_404(SPIndicator, pk=indicator_id, target=target) if indicator_id else None
    plan = target.aim.plan
    years = range(plan.start_year, plan.end_year + 1)
    initial: dict = {}
    if indicator is not None:
        initial = {
            "code": indicator.code,
            "name": indicator.name,
            "unit_of_measure": indicator.unit_of_measure,
            "data_source": indicator.data_source,
            "baseline": indicator.baseline,
            "direction": indicator.direction,
            "is_cumulative": indicator.is_cumulative,
            "responsible_unit": indicator.responsible_unit_id,
            "token": version_token(indicator),
        }
        initial.update({f"target_{row.year}": row.target_value for row in indicator.years.all()})
    form = SPIndicatorForm(request.POST or None, initial=initial, units=_units(administration), years=years)
    if request.method == "POST" and form.is_valid():
        saved: dict = {}
        data = strategic.SPIndicatorInput(
            yearly_targets=form.yearly_targets(),
            **{
                k: form.cleaned_data[k]
                for k in (
                    "code",
                    "name",
                    "unit_of_measure",
                    "data_source",
                    "baseline",
                    "direction",
                    "is_cumulative",
                    "responsible_unit",
                )
            },
        )

        def call():
            saved["indicator"] = strategic.sp_indicator_save(
                target=target,
                indicator=indicator,
                data=data,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                token=form.cleaned_token(),
            )

        if run_service(request, call, _("Gösterge kaydedildi.")):
            return redirect("plans:sp_indicator_detail", indicator_id=saved["indicator"].pk)
    return render_form(
        request,
        form=form,
        title=_("SP performans göstergesi"),
        subtitle=str(target),
        back=reverse("plans:target_detail", args=[target.pk]),
    )


def _sp_indicator(administration, indicator_id: int) -> SPIndicator:
    return get_object_or_404(
        SPIndicator.objects.select_related("target__aim__plan", "responsible_unit"),
        pk=indicator_id,
        target__aim__plan__administration=administration,
    )


def sp_indicator_detail(request, indicator_id: int):
    """An SP indicator: attributes, yearly targets (changed with a reason), revisions and change history."""
    administration = administration_or_403(request)
    indicator = _sp_indicator(administration, indicator_id)
    year_rows = list(indicator.years.order_by("year"))
    target_forms = [
        (row, TargetValueForm(initial={"value": row.target_value, "token": version_token(row)}, prefix=f"y{row.year}"))
        for row in year_rows
    ]
    return render(
        request,
        "plans/sp_indicator_detail.html",
        {
            "indicator": indicator,
            "target_forms": target_forms,
            "revisions": indicator_history(indicator=indicator),
            "history": history_rows(objects=[indicator, *year_rows]),
            "retire_form": RetireForm(),
            "can_edit": request.user.has_perm("plans.edit_plan", administration),
        },
    )


@require_POST
def sp_target_value(request, indicator_id: int, year: int):
    administration = administration_or_403(request, "plans.edit_plan")
    indicator = _sp_indicator(administration, indicator_id)
    form = TargetValueForm(request.POST, prefix=f"y{year}")
    if form.is_valid():
        run_service(
            request,
            lambda: strategic.sp_target_value_save(
                indicator=indicator,
                year=year,
                value=form.cleaned_data["value"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
                token=form.cleaned_token(),
            ),
            _("%(year)s hedefi kaydedildi.") % {"year": year},
        )
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("plans:sp_indicator_detail", indicator_id=indicator.pk)


@require_POST
def sp_indicator_delete(request, indicator_id: int):
    administration = administration_or_403(request, "plans.edit_plan")
    indicator = _sp_indicator(administration, indicator_id)
    target_id = indicator.target_id
    if run_service(
        request, lambda: strategic.sp_indicator_delete(indicator=indicator, actor=request.user), _("Gösterge silindi.")
    ):
        return redirect("plans:target_detail", target_id=target_id)
    return redirect("plans:sp_indicator_detail", indicator_id=indicator.pk)


@require_POST
def sp_indicator_retire(request, indicator_id: int):
    administration = administration_or_403(request, "plans.edit_plan")
    indicator = _sp_indicator(administration, indicator_id)
    retire(request, indicator=indicator, service=strategic.sp_indicator_retire)
    return redirect("plans:sp_indicator_detail", indicator_id=indicator.pk)
