from django.contrib import admin

from exports.models import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ["created_at", "administration", "year", "report", "format", "status", "requested_by"]
    list_filter = ["status", "report", "format", "year"]
    readonly_fields = [f.name for f in ExportJob._meta.fields]
