"""The plan in the Django admin: shown; changes only through the plan services (issue 14).

The structure (plans, aims, targets, programmes, activities) is maintained on the plan screens and
is read-only here. An SP indicator's attributes and a year's target B may be changed here with a
reason: the same services as the plan screens run (closed-year lock, revision, audit, recompute).
"""

from dataclasses import fields

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin_policy import NOTE_COMPUTED, NOTE_LOG, ReadOnlyAdmin, ReadOnlyInline, ServiceAdmin
from indicators.models import PPIndicator, QuarterlyValue
from plans.models import (
    Activity,
    Aim,
    PerformanceProgram,
    Program,
    RetiredPPCode,
    Revision,
    SPIndicator,
    SPIndicatorResult,
    SPIndicatorYear,
    StrategicPlan,
    SubProgram,
    SubProgramGoal,
    Target,
    TargetResult,
    TargetYear,
)
from plans.services.programme import PPIndicatorInput, pp_indicator_delete, pp_indicator_save
from plans.services.strategic import SPIndicatorInput, sp_indicator_delete, sp_indicator_save, sp_target_value_save


@admin.register(StrategicPlan)
class StrategicPlanAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "start_year", "end_year", "administration")
    list_filter = ("administration",)
    search_fields = ("code", "name")


@admin.register(Aim)
class AimAdmin(ReadOnlyAdmin):
    list_display = ("code", "short_title", "title", "plan")
    list_filter = ("plan",)
    search_fields = ("code", "title", "short_title")
    list_select_related = ("plan",)


class TargetYearInline(ReadOnlyInline):
    model = TargetYear
    fields = ("year", "text_state")
    readonly_fields = fields


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ("code", "title", "aim", "responsible_unit")
    list_filter = ("aim__plan", "aim")
    search_fields = ("code", "title", "long_title")
    list_select_related = ("aim", "responsible_unit")
    inlines = [TargetYearInline]


@admin.register(TargetYear)
class TargetYearAdmin(ReadOnlyAdmin):
    list_display = ("target", "year")
    list_filter = ("year",)
    search_fields = ("target__code",)
    list_select_related = ("target",)


class SPIndicatorYearInline(ReadOnlyInline):
    model = SPIndicatorYear
    fields = ("year", "target_value", "actual_value", "text_state")
    readonly_fields = fields


@admin.register(SPIndicator)
class SPIndicatorAdmin(ServiceAdmin):
    """Attributes changed through sp_indicator_save; the weight on the target's weights screen."""

    list_display = ("code", "name", "target", "weight", "baseline", "direction", "is_cumulative", "responsible_unit")
    list_filter = ("direction", "is_cumulative", "target__aim")
    search_fields = ("code", "name")
    list_select_related = ("target", "responsible_unit")
    autocomplete_fields = ("responsible_unit",)
    fields = (
        "target",
        "code",
        "name",
        "unit_of_measure",
        "weight",
        "baseline",
        "direction",
        "is_cumulative",
        "responsible_unit",
        "data_source",
        "retired_from_year",
    )
    readonly_fields = ("target", "weight", "retired_from_year")
    inlines = [SPIndicatorYearInline]

    def has_add_permission(self, request):
        return False  # created on the plan screen, with its yearly targets and the target's weights

    def service_save(self, request, obj, form, change, reason):
        # The form's value, or the stored one for a field the form does not show; the yearly targets
        # stay as they are (changed on the SP indicator year page, one year at a time).
        stored = SPIndicator.objects.get(pk=obj.pk)
        values = {
            f.name: form.cleaned_data.get(f.name, getattr(stored, f.name, None))
            for f in fields(SPIndicatorInput)
            if f.name != "yearly_targets"
        }
        yearly = dict(SPIndicatorYear.objects.filter(indicator=stored).values_list("year", "target_value"))
        sp_indicator_save(
            target=stored.target,
            indicator=stored,
            data=SPIndicatorInput(**values, yearly_targets=yearly),
            actor=request.user,
            reason=reason,
        )

    def service_delete(self, request, obj):
        sp_indicator_delete(indicator=obj, actor=request.user)


@admin.register(SPIndicatorYear)
class SPIndicatorYearAdmin(ServiceAdmin):
    """A year's target B changed through sp_target_value_save; actuals and texts on their screens."""

    list_display = ("indicator", "year", "target_value", "actual_value")
    list_filter = ("year",)
    search_fields = ("indicator__code", "indicator__name")
    list_select_related = ("indicator",)
    fields = (
        "indicator",
        "year",
        "target_value",
        "actual_value",
        "relevance",
        "effectiveness",
        "efficiency",
        "sustainability",
        "text_state",
        "text_comment",
    )
    readonly_fields = tuple(f for f in fields if f != "target_value")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a plan year's row goes with its indicator

    def service_save(self, request, obj, form, change, reason):
        sp_target_value_save(
            indicator=obj.indicator,
            year=obj.year,
            value=form.cleaned_data["target_value"],
            actor=request.user,
            reason=reason,
        )


@admin.register(SPIndicatorResult)
class SPIndicatorResultAdmin(ReadOnlyAdmin):
    read_only_note = NOTE_COMPUTED
    list_display = ("indicator", "year", "actual_value", "performance_raw", "performance", "computed_at")
    list_filter = ("year",)
    search_fields = ("indicator__code",)
    list_select_related = ("indicator",)


@admin.register(TargetResult)
class TargetResultAdmin(ReadOnlyAdmin):
    read_only_note = NOTE_COMPUTED
    list_display = ("target", "year", "performance", "weight_total", "weight_used", "computed_at")
    list_filter = ("year",)
    search_fields = ("target__code",)
    list_select_related = ("target",)


@admin.register(PerformanceProgram)
class PerformanceProgramAdmin(ReadOnlyAdmin):
    """A year is closed and reopened by `manage.py close_year` (reason, Form-4 freeze), never here."""

    read_only_note = _(
        "Performans programı plan ekranlarında değiştirilir; yıl yalnızca close_year komutuyla kapatılır ve gerekçeyle "
        "yeniden açılır."
    )
    list_display = ("year", "administration", "strategic_plan", "is_closed")
    list_filter = ("administration", "is_closed")


@admin.register(Program)
class ProgramAdmin(ReadOnlyAdmin):
    list_display = ("name", "performance_program", "seq")
    list_filter = ("performance_program__year",)
    search_fields = ("name",)
    list_select_related = ("performance_program",)


@admin.register(SubProgram)
class SubProgramAdmin(ReadOnlyAdmin):
    list_display = ("name", "program", "seq")
    list_filter = ("program__performance_program__year", "program")
    search_fields = ("name",)
    list_select_related = ("program",)


@admin.register(SubProgramGoal)
class SubProgramGoalAdmin(ReadOnlyAdmin):
    list_display = ("text", "sub_program", "aim", "seq")
    list_filter = ("sub_program__program__performance_program__year", "aim")
    search_fields = ("text",)
    list_select_related = ("sub_program", "aim")


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ("name", "sub_program", "seq")
    list_filter = ("sub_program__program__performance_program__year", "sub_program")
    search_fields = ("name",)
    list_select_related = ("sub_program",)


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    """Revisions are written by the plan services only; the admin shows them."""

    read_only_note = NOTE_LOG
    list_display = ("code", "version", "field", "year", "old_value", "new_value", "actor", "at")
    list_filter = ("field", "year", "administration")
    search_fields = ("code", "reason")
    list_select_related = ("actor",)


@admin.register(RetiredPPCode)
class RetiredPPCodeAdmin(ReadOnlyAdmin):
    list_display = ("code", "from_year", "administration", "retired_by")
    list_filter = ("administration",)
    search_fields = ("code",)


# The PP indicators are maintained with the programme (plans.services.programme), so their admin is
# the plan's: plan maintenance sits above the engine (.importlinter).
class QuarterlyValueInline(ReadOnlyInline):
    """The indicator's quarters, read-only: figures change on their own page, which checks the lock."""

    model = QuarterlyValue
    fields = ("quarter", "value", "numerator", "denominator", "year_end_estimate", "no_data_reason", "version")
    readonly_fields = fields


@admin.register(PPIndicator)
class PPIndicatorAdmin(ServiceAdmin):
    """Attributes changed through the plan's pp_indicator_save: reason, revision, closed year, recompute."""

    list_display = (
        "code",
        "name",
        "unit_of_measure",
        "aggregation",
        "direction",
        "target_value",
        "responsible_unit",
        "performance_program",
    )
    list_filter = ("performance_program__year", "aggregation", "direction", "sub_program")
    search_fields = ("code", "name")
    list_select_related = ("performance_program", "responsible_unit")
    autocomplete_fields = ("responsible_unit", "sp_indicator")
    readonly_fields = ("performance_program", "sub_program")
    inlines = [QuarterlyValueInline]

    def has_add_permission(self, request):
        return False  # created on the performance programme screen, in its sub-programme

    def service_save(self, request, obj, form, change, reason):
        # Every attribute the service maintains: the form's value, or the stored one for a field the
        # form does not show (so a field added to the service later is never blanked from here).
        stored = PPIndicator.objects.get(pk=obj.pk)
        values = {f.name: form.cleaned_data.get(f.name, getattr(stored, f.name)) for f in fields(PPIndicatorInput)}
        pp_indicator_save(
            sub_program=stored.sub_program,
            indicator=stored,
            data=PPIndicatorInput(**values),
            actor=request.user,
            reason=reason,
        )

    def service_delete(self, request, obj):
        pp_indicator_delete(indicator=obj, actor=request.user)
