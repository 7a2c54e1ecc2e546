from dataclasses import fields

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _

from core.admin_policy import NOTE_COMPUTED, NOTE_LOG, SERVICE, ReadOnlyAdmin, ServiceAdmin
from indicators.checks import entry_refusals
from indicators.models import PPIndicator, PPIndicatorResult, QuarterlyValue, RecomputeRun
from indicators.services import quarterly_value_admin_delete, quarterly_value_admin_save
from plans.services.programme import PPIndicatorInput, pp_indicator_delete, pp_indicator_save

# The admin is wiring: it may ask submissions which quarters are locked and record refusals there.
from submissions.selectors import frozen_quarters
from submissions.services import quarter_write_refusal_record
from submissions.workflow import LockReason


class QuarterlyValueInline(admin.TabularInline):
    """The indicator's quarters, read-only: figures change on their own page, which checks the lock."""

    model = QuarterlyValue
    extra = 0
    fields = ("quarter", "value", "numerator", "denominator", "year_end_estimate", "no_data_reason", "version")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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


def _lock_of(value: QuarterlyValue) -> LockReason | None:
    """Return why nobody may change this quarter's figures (submitted, approved, closed year), or None."""
    indicator = value.indicator
    year = indicator.performance_program.year
    frozen = frozen_quarters(unit_ids=[indicator.responsible_unit_id], years=[year])
    return frozen.get((indicator.responsible_unit_id, year, value.quarter))


class QuarterlyValueAdminForm(forms.ModelForm):
    """Refuse figures for a locked quarter; the admin records the refusal."""

    class Meta:
        model = QuarterlyValue
        fields = (
            "indicator",
            "quarter",
            "value",
            "numerator",
            "denominator",
            "year_end_estimate",
            "narrative",
            "no_data_reason",
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("indicator") is not None and cleaned.get("quarter") is not None:
            candidate = QuarterlyValue(indicator=cleaned["indicator"], quarter=cleaned["quarter"])
            self.lock = _lock_of(candidate)
            if self.lock is not None:
                raise forms.ValidationError(
                    _("Bu dönem kilitli (%(reason)s): değerleri değiştirilemez.") % {"reason": self.lock.label}
                )
        if cleaned.get("indicator") is not None:
            for name, message in entry_refusals(
                unit_of_measure=cleaned["indicator"].unit_of_measure,
                aggregation=cleaned["indicator"].aggregation,
                value=cleaned.get("value"),
                year_end_estimate=cleaned.get("year_end_estimate"),
            ):
                self.add_error(name, message)
        return cleaned


@admin.register(QuarterlyValue)
class QuarterlyValueAdmin(admin.ModelAdmin):
    """Figures of open quarters only; every edit gets a new version, an audit entry and a recompute.

    A locked quarter's value is shown read-only and a POST to change or delete it is refused (403)
    and recorded in the form's history, like a refused Form-3 save.
    """

    write_policy = SERVICE
    form = QuarterlyValueAdminForm
    list_display = ("indicator", "quarter", "value", "numerator", "denominator", "year_end_estimate", "updated_at")
    list_filter = ("quarter", "indicator__performance_program__year")
    search_fields = ("indicator__code", "indicator__name", "narrative")
    list_select_related = ("indicator",)
    readonly_fields = ("version",)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or _lock_of(obj) is None)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or _lock_of(obj) is None)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one row at a time, each through its lock and audit
        return actions

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        self._record_refused_post(request, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._record_refused_post(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def _record_refused_post(self, request, object_id) -> None:
        """Record a POST that touches a locked quarter: the stored one, or the one it would move to."""
        if request.method != "POST":
            return
        attempted = {f: request.POST.get(f) for f in self.form.Meta.fields}
        candidates = [self.get_object(request, object_id)] if object_id is not None else []
        indicator_id = attempted["indicator"] or ""
        target = PPIndicator.objects.filter(pk=int(indicator_id)).first() if indicator_id.isdigit() else None
        if target is not None and str(attempted["quarter"]) in ("1", "2", "3", "4"):
            candidates.append(QuarterlyValue(indicator=target, quarter=int(attempted["quarter"])))
        for value in candidates:
            lock = None if value is None else _lock_of(value)
            if value is not None and lock is not None:
                self._record_refusal(request, value, lock, attempted)
                return

    def _record_refusal(self, request, value: QuarterlyValue, lock: LockReason, attempted: dict) -> None:
        indicator = value.indicator
        quarter_write_refusal_record(
            unit_id=indicator.responsible_unit_id,
            year=indicator.performance_program.year,
            quarter=value.quarter,
            actor=request.user,
            channel="admin",
            lock=lock,
            attempted={f"{indicator.code}.{k}": v for k, v in attempted.items() if v not in (None, "")},
        )

    def save_form(self, request, form, change):
        return form.save(commit=False)

    def save_model(self, request, obj, form, change):
        changes = {f: [form.initial.get(f), form.cleaned_data.get(f)] for f in form.changed_data}
        quarterly_value_admin_save(row=obj, changes=changes, actor=request.user, created=not change)

    def delete_model(self, request, obj):
        quarterly_value_admin_delete(row=obj, actor=request.user)


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
