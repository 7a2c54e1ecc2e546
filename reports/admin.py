from django.contrib import admin

from core.admin_policy import NOTE_COMPUTED, AuditedAdmin, ReadOnlyAdmin, ReadOnlyInline
from reports.models import Form4Row, Form4Summary, PrintedFigure


@admin.register(PrintedFigure)
class PrintedFigureAdmin(AuditedAdmin):
    list_display = ("year", "table", "row_key", "column", "value")
    list_filter = ("year", "table")
    search_fields = ("row_key", "column", "value")


class Form4RowInline(ReadOnlyInline):
    model = Form4Row
    fields = ("seq", "indicator_code", "indicator", "target_value", "year_end_value", "realization_rate", "status")
    readonly_fields = fields


@admin.register(Form4Summary)
class Form4SummaryAdmin(ReadOnlyAdmin):
    """A snapshot built by the Form-4 job (frozen by close_year): read here, never edited or deleted."""

    read_only_note = NOTE_COMPUTED
    list_display = ("year", "administration", "built_at", "frozen_at")
    list_filter = ("administration", "year")
    inlines = [Form4RowInline]


@admin.register(Form4Row)
class Form4RowAdmin(ReadOnlyAdmin):
    read_only_note = NOTE_COMPUTED
    list_display = ("summary", "seq", "indicator_code", "indicator", "status")
    list_filter = ("summary__year", "status")
    search_fields = ("indicator_code", "indicator")
    list_select_related = ("summary",)
