from django.contrib import admin

from indicators.admin_mixins import RecomputeOnSaveMixin
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


@admin.register(StrategicPlan)
class StrategicPlanAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "start_year", "end_year", "administration")
    list_filter = ("administration",)
    search_fields = ("code", "name")


@admin.register(Aim)
class AimAdmin(admin.ModelAdmin):
    list_display = ("code", "short_title", "title", "plan")
    list_filter = ("plan",)
    search_fields = ("code", "title", "short_title")
    list_select_related = ("plan",)


class TargetYearInline(admin.StackedInline):
    model = TargetYear
    extra = 0


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "aim", "responsible_unit")
    list_filter = ("aim__plan", "aim")
    search_fields = ("code", "title", "long_title")
    list_select_related = ("aim", "responsible_unit")
    autocomplete_fields = ("responsible_unit",)
    inlines = [TargetYearInline]


@admin.register(TargetYear)
class TargetYearAdmin(admin.ModelAdmin):
    list_display = ("target", "year")
    list_filter = ("year",)
    search_fields = ("target__code",)
    list_select_related = ("target",)


class SPIndicatorYearInline(admin.StackedInline):
    model = SPIndicatorYear
    extra = 0


@admin.register(SPIndicator)
class SPIndicatorAdmin(RecomputeOnSaveMixin, admin.ModelAdmin):
    list_display = ("code", "name", "target", "weight", "baseline", "direction", "is_cumulative", "responsible_unit")
    list_filter = ("direction", "is_cumulative", "target__aim")
    search_fields = ("code", "name")
    list_select_related = ("target", "responsible_unit")
    autocomplete_fields = ("responsible_unit",)
    inlines = [SPIndicatorYearInline]

    def recompute_scope(self, obj):
        return obj.target.aim.plan.administration_id, None


@admin.register(SPIndicatorYear)
class SPIndicatorYearAdmin(RecomputeOnSaveMixin, admin.ModelAdmin):
    list_display = ("indicator", "year", "target_value", "actual_value")
    list_filter = ("year",)
    search_fields = ("indicator__code", "indicator__name")
    list_select_related = ("indicator",)

    def recompute_scope(self, obj):
        return obj.indicator.target.aim.plan.administration_id, obj.year


@admin.register(SPIndicatorResult)
class SPIndicatorResultAdmin(admin.ModelAdmin):
    list_display = ("indicator", "year", "actual_value", "performance_raw", "performance", "computed_at")
    list_filter = ("year",)
    search_fields = ("indicator__code",)
    list_select_related = ("indicator",)


@admin.register(TargetResult)
class TargetResultAdmin(admin.ModelAdmin):
    list_display = ("target", "year", "performance", "weight_total", "weight_used", "computed_at")
    list_filter = ("year",)
    search_fields = ("target__code",)
    list_select_related = ("target",)


@admin.register(PerformanceProgram)
class PerformanceProgramAdmin(admin.ModelAdmin):
    list_display = ("year", "administration", "strategic_plan", "is_closed")
    list_filter = ("administration", "is_closed")


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("name", "performance_program", "seq")
    list_filter = ("performance_program__year",)
    search_fields = ("name",)
    list_select_related = ("performance_program",)


@admin.register(SubProgram)
class SubProgramAdmin(admin.ModelAdmin):
    list_display = ("name", "program", "seq")
    list_filter = ("program__performance_program__year", "program")
    search_fields = ("name",)
    list_select_related = ("program",)


@admin.register(SubProgramGoal)
class SubProgramGoalAdmin(admin.ModelAdmin):
    list_display = ("text", "sub_program", "aim", "seq")
    list_filter = ("sub_program__program__performance_program__year", "aim")
    search_fields = ("text",)
    list_select_related = ("sub_program", "aim")


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("name", "sub_program", "seq")
    list_filter = ("sub_program__program__performance_program__year", "sub_program")
    search_fields = ("name",)
    list_select_related = ("sub_program",)


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """Revisions are written by the plan screens only; the admin shows them."""

    list_display = ("code", "version", "field", "year", "old_value", "new_value", "actor", "at")
    list_filter = ("field", "year", "administration")
    search_fields = ("code", "reason")
    list_select_related = ("actor",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RetiredPPCode)
class RetiredPPCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "from_year", "administration", "retired_by")
    list_filter = ("administration",)
    search_fields = ("code",)
