from django.contrib import admin

from reports.models import Form4Row, Form4Summary, PrintedFigure


@admin.register(PrintedFigure)
class PrintedFigureAdmin(admin.ModelAdmin):
    list_display = ("year", "table", "row_key", "column", "value")
    list_filter = ("year", "table")
    search_fields = ("row_key", "column", "value")


class Form4RowInline(admin.TabularInline):
    model = Form4Row
    extra = 0
    can_delete = False
    fields = ("seq", "indicator_code", "indicator", "target_value", "year_end_value", "realization_rate", "status")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Form4Summary)
class Form4SummaryAdmin(admin.ModelAdmin):
    """A snapshot built by the Form-4 job: read here, never edited by hand."""

    list_display = ("year", "administration", "built_at", "frozen_at")
    list_filter = ("administration", "year")
    readonly_fields = ("administration", "year", "built_at", "frozen_at")
    inlines = [Form4RowInline]

    def has_add_permission(self, request):
        return False


@admin.register(Form4Row)
class Form4RowAdmin(admin.ModelAdmin):
    list_display = ("summary", "seq", "indicator_code", "indicator", "status")
    list_filter = ("summary__year", "status")
    search_fields = ("indicator_code", "indicator")
    list_select_related = ("summary",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
