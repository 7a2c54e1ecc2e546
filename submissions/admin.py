from django.contrib import admin

from submissions.models import QuarterDeadline, QuarterException, Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("unit", "year", "quarter", "state", "submitted_at", "reviewed_at")
    list_filter = ("year", "quarter", "state")
    search_fields = ("unit__code", "unit__name")
    list_select_related = ("unit",)
    # The workflow changes state through its services (audited), not by editing the row.
    readonly_fields = ("state", "version", "submitted_at", "submitted_by", "reviewed_at", "reviewed_by")


@admin.register(QuarterException)
class QuarterExceptionAdmin(admin.ModelAdmin):
    list_display = ("unit", "year", "quarter", "expires_on", "granted_by", "created_at")
    list_filter = ("year", "quarter")
    search_fields = ("unit__code", "unit__name", "reason")
    list_select_related = ("unit", "granted_by")
    readonly_fields = ("granted_by",)


@admin.register(QuarterDeadline)
class QuarterDeadlineAdmin(admin.ModelAdmin):
    """An administration's own deadline for a quarter (default: the last day of the following month)."""

    list_display = ("administration", "year", "quarter", "deadline", "reason")
    list_filter = ("administration", "year", "quarter")
