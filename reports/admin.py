from django.contrib import admin

from reports.models import PrintedFigure


@admin.register(PrintedFigure)
class PrintedFigureAdmin(admin.ModelAdmin):
    list_display = ("year", "table", "row_key", "column", "value")
    list_filter = ("year", "table")
    search_fields = ("row_key", "column", "value")
