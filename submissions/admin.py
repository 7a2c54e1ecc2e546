"""The quarters in the Django admin: the workflow state is never edited here (issue 14).

Submissions are read-only (their state moves through the workflow services, and an approved or
submitted quarter is never deleted); an exception is granted through quarter_exception_grant and a
deadline set through submissions.deadlines, with a reason, audited, refused in a closed year.
"""

from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import clock
from core.admin_policy import ReadOnlyAdmin, ServiceAdmin
from submissions.deadlines import quarter_deadline_delete, quarter_deadline_save
from submissions.models import Evidence, QuarterDeadline, QuarterException, ReviewComment, Submission
from submissions.services import quarter_exception_grant


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
