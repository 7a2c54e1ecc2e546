from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import Administration, RoleAssignment, Unit, User


@admin.register(Administration)
class AdministrationAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent", "administration", "is_active")
    list_filter = ("kind", "is_active", "administration")
    search_fields = ("code", "name")
    list_select_related = ("parent", "administration")
    autocomplete_fields = ("parent",)


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ("unit",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [RoleAssignmentInline]
    list_display = ("username", "first_name", "last_name", "email", "is_staff", "is_active")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "unit", "administration")
    list_filter = ("role", "administration")
    search_fields = ("user__username", "user__first_name", "user__last_name", "unit__name", "unit__code")
    list_select_related = ("user", "unit", "administration")
    autocomplete_fields = ("user", "unit")
