from django.contrib import admin

from core.admin_policy import NOTE_COMPUTED, NOTE_LOG, ReadOnlyAdmin
from indicators.models import PPIndicatorResult, RecomputeRun

# The PP indicators are administered with the plan (plans/admin.py: plan maintenance sits above the
# engine), a quarter's figures beside their lock (submissions/admin.py); here the engine's own rows.


@admin.register(PPIndicatorResult)
class PPIndicatorResultAdmin(ReadOnlyAdmin):
    read_only_note = NOTE_COMPUTED
    list_display = ("indicator", "year_end_value", "realization_rate", "status", "projected_status", "computed_at")
    list_filter = ("status", "projected_status")
    search_fields = ("indicator__code", "indicator__name")
    list_select_related = ("indicator",)


@admin.register(RecomputeRun)
class RecomputeRunAdmin(ReadOnlyAdmin):
    read_only_note = NOTE_LOG
    list_display = ("started_at", "kind", "administration", "years", "unit", "indicators", "sp_indicators", "targets")
    list_filter = ("kind", "administration")
