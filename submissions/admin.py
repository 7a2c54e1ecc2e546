"""The quarters in the Django admin: the workflow state is never edited here (issue 14).

Submissions are read-only (their state moves through the workflow services, and an approved or
submitted quarter is never deleted); an exception is granted through quarter_exception_grant and a
deadline set through submissions.deadlines, with a reason, audited, refused in a closed year.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import clock
from core.admin_policy import SERVICE, ReadOnlyAdmin, ServiceAdmin
from indicators.checks import entry_refusals
from indicators.models import PPIndicator, QuarterlyValue
from indicators.services import (
    EntryWarningsError,
    quarterly_value_admin_delete,
    quarterly_value_admin_save,
    value_confirmation,
)
from submissions.deadlines import quarter_deadline_delete, quarter_deadline_save
from submissions.locks import quarter_write_refusal_record, value_lock
from submissions.models import Evidence, QuarterDeadline, QuarterException, ReviewComment, Submission
from submissions.services import quarter_exception_grant
from submissions.workflow import LockReason


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    read_only_note = gettext_lazy(
        "Dönemin durumu yalnızca onay akışıyla değişir (gönder, onayla, iade et, dönem istisnası); gönderilmiş ya da "
        "onaylanmış bir dönem silinemez."
    )
    list_display = ("unit", "year", "quarter", "state", "submitted_at", "reviewed_at")
    list_filter = ("year", "quarter", "state")
    search_fields = ("unit__code", "unit__name")
    list_select_related = ("unit",)


@admin.register(QuarterException)
class QuarterExceptionAdmin(ServiceAdmin):
    """Granted here like on the review page; a granted exception is kept as it was (it is history)."""

    list_display = ("unit", "year", "quarter", "expires_on", "granted_by", "created_at")
    list_filter = ("year", "quarter")
    search_fields = ("unit__code", "unit__name", "reason")
    list_select_related = ("unit", "granted_by")
    autocomplete_fields = ("unit",)
    fields = ("unit", "year", "quarter", "expires_on", "granted_by")
    readonly_fields = ("granted_by",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def service_save(self, request, obj, form, change, reason):
        data = form.cleaned_data
        granted = quarter_exception_grant(
            unit=data["unit"],
            year=data["year"],
            quarter=data["quarter"],
            expires_on=data["expires_on"],
            reason=reason,
            actor=request.user,
            today=clock.today(),
        )
        obj.pk = granted.pk


@admin.register(QuarterDeadline)
class QuarterDeadlineAdmin(ServiceAdmin):
    """An administration's own deadline for a quarter (default: the last day of the following month)."""

    list_display = ("administration", "year", "quarter", "deadline", "reason")
    list_filter = ("administration", "year", "quarter")
    fields = ("administration", "year", "quarter", "deadline")

    def service_save(self, request, obj, form, change, reason):
        data = form.cleaned_data
        saved = quarter_deadline_save(
            deadline=QuarterDeadline.objects.get(pk=obj.pk) if change else None,
            administration=data["administration"],
            year=data["year"],
            quarter=data["quarter"],
            day=data["deadline"],
            reason=reason,
            actor=request.user,
        )
        obj.pk = saved.pk

    def service_delete(self, request, obj):
        quarter_deadline_delete(deadline=obj, reason=_("Yönetim paneli"), actor=request.user)


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    """Evidence files are uploaded and removed on the quarter's page (who may, types, size, audit)."""

    read_only_note = gettext_lazy(
        "Kanıt dosyaları göstergenin dönem sayfasında yüklenir ve kaldırılır (erişim, dosya türü ve boyut "
        "denetimi, denetim kaydı)."
    )
    list_display = ("original_name", "indicator", "quarter", "size", "uploaded_by", "created_at", "removed_at")
    list_filter = ("quarter",)
    search_fields = ("original_name", "indicator__code")
    list_select_related = ("indicator", "uploaded_by")
    exclude = ("file",)  # the file is served by the quarter's page, which checks who may see the unit


@admin.register(ReviewComment)
class ReviewCommentAdmin(ReadOnlyAdmin):
    """The review thread of an indicator's quarter: written on the review page, kept as it was said."""

    read_only_note = gettext_lazy(
        "İnceleme yorumları inceleme sayfasında yazılır; yazıldığı gibi saklanır, değiştirilemez ya da silinemez."
    )
    list_display = ("indicator", "quarter", "author", "is_return_reason", "created_at")
    list_filter = ("quarter", "is_return_reason")
    search_fields = ("indicator__code", "body")
    list_select_related = ("indicator", "author")


# A quarter's figures are edited in the admin under the same lock as the unit's form, so their admin
# lives here, beside the lock (the indicators app sits below the workflow and never asks it).
class QuarterlyValueAdminForm(forms.ModelForm):
    """Refuse figures for a locked quarter (recorded by the admin); ask the Form-3's confirmation of an outlier."""

    # The Form-3's confirmation of a value far from the indicator's history (indicators.checks), one rule.
    confirm_warnings = forms.BooleanField(label=gettext_lazy("Değeri doğruluyorum"), required=False)
    warning_comment = forms.CharField(
        label=gettext_lazy("Uyarı açıklaması"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Değer olağan dışıysa (önceki döneme ya da geçen yılın aynı dönemine göre) zorunlu."),
    )

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
            self.lock = value_lock(candidate)
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
        if cleaned.get("indicator") is not None and cleaned.get("quarter") in (1, 2, 3, 4) and not self.errors:
            try:
                value_confirmation(
                    indicator=cleaned["indicator"],
                    quarter=cleaned["quarter"],
                    value=cleaned.get("value"),
                    confirm_warnings=bool(cleaned.get("confirm_warnings")),
                    warning_comment=cleaned.get("warning_comment") or "",
                )
            except EntryWarningsError as exc:
                self.add_error("confirm_warnings", exc.message)
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
        return super().has_change_permission(request, obj) and (obj is None or value_lock(obj) is None)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or value_lock(obj) is None)

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
            lock = None if value is None else value_lock(value)
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
        asked = ("confirm_warnings", "warning_comment")
        changes = {f: [form.initial.get(f), form.cleaned_data.get(f)] for f in form.changed_data if f not in asked}
        quarterly_value_admin_save(
            row=obj,
            changes=changes,
            actor=request.user,
            created=not change,
            confirm_warnings=bool(form.cleaned_data.get("confirm_warnings")),
            warning_comment=form.cleaned_data.get("warning_comment") or "",
        )

    def delete_model(self, request, obj):
        quarterly_value_admin_delete(row=obj, actor=request.user)
