from django.contrib import admin

from indicators.admin_mixins import RecomputeOnSaveMixin
from indicators.models import PPIndicator, PPIndicatorResult, QuarterlyValue, RecomputeRun


class QuarterlyValueInline(admin.TabularInline):
    model = QuarterlyValue
    extra = 0
    fields = ("quarter", "value", "numerator", "denominator", "year_end_estimate", "no_data_reason", "version")
    readonly_fields = ("version",)


@admin.register(PPIndicator)
class PPIndicatorAdmin(RecomputeOnSaveMixin, admin.ModelAdmin):
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
    inlines = [QuarterlyValueInline]

    def recompute_scope(self, obj):
        return obj.performance_program.administration_id, obj.performance_program.year


@admin.register(QuarterlyValue)
class QuarterlyValueAdmin(RecomputeOnSaveMixin, admin.ModelAdmin):
    list_display = ("indicator", "quarter", "value", "numerator", "denominator", "year_end_estimate", "updated_at")
    list_filter = ("quarter", "indicator__performance_program__year")
    search_fields = ("indicator__code", "indicator__name", "narrative")
    list_select_related = ("indicator",)

    def recompute_scope(self, obj):
        programme = obj.indicator.performance_program
        return programme.administration_id, programme.year


@admin.register(PPIndicatorResult)
class PPIndicatorResultAdmin(admin.ModelAdmin):
    list_display = ("indicator", "year_end_value", "realization_rate", "status", "projected_status", "computed_at")
    list_filter = ("status", "projected_status")
    search_fields = ("indicator__code", "indicator__name")
    list_select_related = ("indicator",)


@admin.register(RecomputeRun)
class RecomputeRunAdmin(admin.ModelAdmin):
    list_display = ("started_at", "kind", "administration", "years", "unit", "indicators", "sp_indicators", "targets")
    list_filter = ("kind", "administration")
    readonly_fields = [f.name for f in RecomputeRun._meta.fields] + ["differences"]
