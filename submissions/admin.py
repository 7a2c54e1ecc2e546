from django.contrib import admin

from submissions.models import Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("unit", "year", "quarter", "state", "submitted_at", "reviewed_at")
    list_filter = ("year", "quarter", "state")
    search_fields = ("unit__code", "unit__name")
    list_select_related = ("unit",)
