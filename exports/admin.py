from django.contrib import admin

from core.admin_policy import NOTE_LOG, ReadOnlyAdmin
from exports.models import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(ReadOnlyAdmin):
    read_only_note = NOTE_LOG
    list_display = ["created_at", "administration", "year", "report", "format", "status", "requested_by"]
    list_filter = ["status", "report", "format", "year"]
