"""Pages of the performance programme: the year's tree, its parts, PP indicators, rollover, checks."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Unit
from core.history import history_rows
from core.numbers import format_decimal
from indicators.models import PPIndicator
from plans.forms import GoalForm, NamedForm, PPIndicatorForm, ProgrammeForm, RetireForm
from plans.models import Activity, Aim, PerformanceProgram, Program, SPIndicator, SubProgram, SubProgramGoal
from plans.selectors import (
    consistency_problems,
    indicator_history,
    programme_tree,
    strategic_plan_for_year,
)
from plans.services import programme as services
from plans.services.common import version_token
from plans.services.rollover import programme_rollover, rollover_preview, suggestion_for
from plans.views.common import administration_or_403, render_form, retire, run_service


def _programme(administration, year: int) -> PerformanceProgram:
    return get_object_or_404(PerformanceProgram, administration=administration, year=year)


def programme_detail(request, year: int):
    """The year's programmes, sub-programmes with goals and activities, and PP indicators."""
    administration = administration_or_403(request)
    programme = _programme(administration, year)
    return render(
        request,
        "plans/programme_detail.html",
        {
            "programme": programme,
            "programs": programme_tree(programme=programme),
            "can_edit": request.user.has_perm("plans.edit_plan", administration),
        },
    )


@require_POST
def programme_create(request):
    administration = administration_or_403(request, "plans.edit_plan")
    form = ProgrammeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geçerli bir yıl girin."))
        return redirect("plans:index")
    year = form.cleaned_data["year"]
    plan = strategic_plan_for_year(administration=administration, year=year)
    if run_service(
        request,
        lambda: services.performance_program_create(
            administration=administration, year=year, strategic_plan=plan, actor=request.user
        ),
        _("%(year)s performans programı oluşturuldu.") % {"year": year},
    ):
        return redirect("plans:programme_detail", year=year)
    return redirect("plans:index")


def _named_edit(request, *, obj, title: str, back: str, save, success: str):
    form = NamedForm(
        request.POST or None,
        initial={"name": obj.name, "seq": obj.seq, "token": version_token(obj)} if obj else {"seq": 0},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            request,
            lambda: save(name=form.cleaned_data["name"], seq=form.cleaned_data["seq"], token=form.cleaned_token()),
            success,
        )
    ):
        return redirect(back)
    return render_form(request, form=form, title=title, back=back)


def program_edit(request, year: int, program_id: int | None = None):
    administration = administration_or_403(request, "plans.edit_plan")
    programme = _programme(administration, year)
    program = get_object_or_404(Program, pk=program_id, performance_program=programme) if program_id else None
    return _named_edit(
        request,
        obj=program,
        title=_("Program"),
        back=reverse("plans:programme_detail", args=[year]),
        save=lambda **kw: services.program_save(programme=programme, program=program, actor=request.user, **kw),
        success=_("Program kaydedildi."),
    )


def sub_program_edit(request, program_id: int, sub_program_id: int | None = None):
    administration = administration_or_403(request, "plans.edit_plan")
    program = get_object_or_404(
        Program.objects.select_related("performance_program"),
        pk=program_id,
        performance_program__administration=administration,
    )
    sub = get_object_or_404(SubProgram, pk=sub_program_id, program=program) if sub_program_id else None
    return _named_edit(
        request,
        obj=sub,
        title=_("Alt program"),
        back=reverse("plans:programme_detail", args=[program.performance_program.year]),
        save=lambda **kw: services.sub_program_save(program=program, sub_program=sub, actor=request.user, **kw),
        success=_("Alt program kaydedildi."),
    )


def _sub_program(administration, sub_program_id: int) -> SubProgram:
    return get_object_or_404(
        SubProgram.objects.select_related("program__performance_program"),
        pk=sub_program_id,
        program__performance_program__administration=administration,
    )


def activity_edit(request, sub_program_id: int, activity_id: int | None = None):
    administration = administration_or_403(request, "plans.edit_plan")
    sub = _sub_program(administration, sub_program_id)
    activity = get_object_or_404(Activity, pk=activity_id, sub_program=sub) if activity_id else None
    return _named_edit(
        request,
        obj=activity,
        title=_("Faaliyet"),
        back=reverse("plans:programme_detail", args=[sub.program.performance_program.year]),
        save=lambda **kw: services.activity_save(sub_program=sub, activity=activity, actor=request.user, **kw),
        success=_("Faaliyet kaydedildi."),
    )


def goal_edit(request, sub_program_id: int, goal_id: int | None = None):
    administration = administration_or_403(request, "plans.edit_plan")
    sub = _sub_program(administration, sub_program_id)
    goal = get_object_or_404(SubProgramGoal, pk=goal_id, sub_program=sub) if goal_id else None
    initial = (
        {"text": goal.text, "aim": goal.aim_id, "seq": goal.seq, "token": version_token(goal)} if goal else {"seq": 0}
    )
    aims = (
        Aim.objects.filter(plan__administration=administration)
        .select_related("plan")
        .order_by("-plan__start_year", "code")
    )
    form = GoalForm(request.POST or None, initial=initial, aims=aims)
    back = reverse("plans:programme_detail", args=[sub.program.performance_program.year])
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            request,
            lambda: services.goal_save(
                sub_program=sub,
                goal=goal,
                text=form.cleaned_data["text"],
                aim=form.cleaned_data["aim"],
                seq=form.cleaned_data["seq"],
                actor=request.user,
                token=form.cleaned_token(),
            ),
            _("Alt program hedefi kaydedildi."),
        )
    ):
        return redirect(back)
    return render_form(request, form=form, title=_("Alt program hedefi"), subtitle=sub.name, back=back)


PP_FIELDS = (
    "code",
    "seq",
    "name",
    "unit_of_measure",
    "direction",
    "aggregation",
    "allows_negative",
    "decimals",
    "prev_year",
    "prev_value",
    "target_value",
    "responsible_unit",
    "goal",
    "sp_indicator",
    "data_source",
    "evidence_required",
)


def pp_indicator_edit(request, sub_program_id: int, indicator_id: int | None = None):
    administration = administration_or_403(request, "plans.edit_plan")
    sub = _sub_program(administration, sub_program_id)
    programme = sub.program.performance_program
    indicator = (
        get_object_or_404(
            PPIndicator.objects.select_related("performance_program", "sp_indicator__target__aim__plan"),
            pk=indicator_id,
            sub_program=sub,
        )
        if indicator_id
        else None
    )
    suggestion = suggestion_for(indicator) if indicator is not None else None
    initial: dict = {"seq": 0}
    if indicator is not None:
        initial = {name: getattr(indicator, name) for name in PP_FIELDS}
        initial.update(
            responsible_unit=indicator.responsible_unit_id,
            goal=indicator.goal_id,
            sp_indicator=indicator.sp_indicator_id,
            token=version_token(indicator),
        )
    sp_indicators = SPIndicator.objects.filter(
        target__aim__plan__administration=administration,
        target__aim__plan__start_year__lte=programme.year,
        target__aim__plan__end_year__gte=programme.year,
    ).order_by("code")
    form = PPIndicatorForm(
        request.POST or None,
        initial=initial,
        units=Unit.objects.filter(administration=administration, is_active=True).order_by("name"),
        goals=SubProgramGoal.objects.filter(sub_program=sub),
        sp_indicators=sp_indicators,
    )
    back = reverse("plans:programme_detail", args=[programme.year])
    if request.method == "POST" and form.is_valid():
        data = services.PPIndicatorInput(**{name: form.cleaned_data[name] for name in PP_FIELDS})
        saved: dict = {}

        def call():
            saved["indicator"] = services.pp_indicator_save(
                sub_program=sub,
                indicator=indicator,
                data=data,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                token=form.cleaned_token(),
            )

        if run_service(request, call, _("Gösterge kaydedildi.")):
            return redirect("plans:pp_indicator_detail", indicator_id=saved["indicator"].pk)
    note = ""
    if suggestion is not None:
        note = _("Bağlı SP göstergesinin yıllık hedefinden önerilen hedef: %(value)s") % {
            "value": format_decimal(suggestion, language=get_language() or "tr")
        }
    return render_form(
        request,
        form=form,
        title=_("Performans göstergesi"),
        subtitle=f"{programme.year} · {sub.name}",
        back=back,
        extra={"note": note},
    )


def _pp_indicator(administration, indicator_id: int) -> PPIndicator:
    return get_object_or_404(
        PPIndicator.objects.select_related(
            "performance_program", "sub_program", "responsible_unit", "sp_indicator", "goal"
        ),
        pk=indicator_id,
        performance_program__administration=administration,
    )


def pp_indicator_detail(request, indicator_id: int):
    """A PP indicator: every attribute, its revisions and its change history."""
    administration = administration_or_403(request)
    indicator = _pp_indicator(administration, indicator_id)
    return render(
        request,
        "plans/pp_indicator_detail.html",
        {
            "indicator": indicator,
            "revisions": indicator_history(indicator=indicator),
            "history": history_rows(objects=[indicator]),
            "retire_form": RetireForm(initial={"from_year": indicator.performance_program.year + 1}),
            "can_edit": request.user.has_perm("plans.edit_plan", administration),
        },
    )


@require_POST
def pp_indicator_delete(request, indicator_id: int):
    administration = administration_or_403(request, "plans.edit_plan")
    indicator = _pp_indicator(administration, indicator_id)
    year = indicator.performance_program.year
    if run_service(
        request, lambda: services.pp_indicator_delete(indicator=indicator, actor=request.user), _("Gösterge silindi.")
    ):
        return redirect("plans:programme_detail", year=year)
    return redirect("plans:pp_indicator_detail", indicator_id=indicator.pk)


@require_POST
def pp_indicator_retire(request, indicator_id: int):
    administration = administration_or_403(request, "plans.edit_plan")
    indicator = _pp_indicator(administration, indicator_id)
    retire(request, indicator=indicator, service=services.pp_indicator_retire)
    return redirect("plans:pp_indicator_detail", indicator_id=indicator.pk)


def rollover(request, year: int):
    """Preview, then create, next year's programme from this year's."""
    administration = administration_or_403(request, "plans.edit_plan")
    if not PerformanceProgram.objects.filter(administration=administration, year=year).exists():
        raise Http404
    if request.method == "POST" and run_service(
        request,
        lambda: programme_rollover(administration=administration, from_year=year, actor=request.user),
        _("%(year)s performans programı hazırlandı; hedefleri girin.") % {"year": year + 1},
    ):
        return redirect("plans:programme_detail", year=year + 1)
    return render(
        request, "plans/rollover.html", {"preview": rollover_preview(administration=administration, from_year=year)}
    )


def consistency(request):
    """Every inconsistency of the plans and programmes; the screens refuse to save most of them."""
    administration = administration_or_403(request)
    return render(request, "plans/consistency.html", {"problems": consistency_problems(administration=administration)})
