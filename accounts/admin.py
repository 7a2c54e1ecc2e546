from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import router, transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Administration, RoleAssignment, Unit, User
from accounts.services import role_assignment_delete, role_assignment_save
from core.admin_policy import AuditedAdmin, ReadOnlyInline, ServiceAdmin
from core.audit import audit_record


@admin.register(Administration)
class AdministrationAdmin(AuditedAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ("seq", "code", "name", "kind", "parent", "administration", "is_active")
    list_display_links = ("code",)
    list_filter = ("kind", "is_active", "administration")
    search_fields = ("code", "name")
    list_select_related = ("parent", "administration")
    autocomplete_fields = ("parent",)


class RoleAssignmentInline(ReadOnlyInline):
    """The user's roles, for reading: they change on the role assignment page (reason, audit)."""

    model = RoleAssignment
    fields = ("role", "unit", "administration")
    readonly_fields = fields


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    inlines = [RoleAssignmentInline]
    list_display = ("username", "first_name", "last_name", "email", "is_staff", "is_active")

    def user_change_password(self, request, id, form_url=""):
        request._password_change = True
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().user_change_password(request, id, form_url)

    def log_change(self, request, obj, message):
        if getattr(request, "_password_change", False):
            audit_record(
                actor=request.user,
                obj=obj,
                action="password_change",
                changes={"password": ["••••", "••••"]},
                reason=_("Yönetim paneli"),
            )
        return super().log_change(request, obj, message)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ServiceAdmin):
    """Roles given and taken through accounts.services (reason asked, audited in the user's history)."""

    list_display = ("user", "role", "unit", "administration")
    list_filter = ("role", "administration")
    search_fields = ("user__username", "user__first_name", "user__last_name", "unit__name", "unit__code")
    list_select_related = ("user", "unit", "administration")
    autocomplete_fields = ("user", "unit")
    fields = ("user", "unit", "role")

    def service_save(self, request, obj, form, change, reason):
        saved = role_assignment_save(
            assignment=RoleAssignment.objects.get(pk=obj.pk) if change else None,
            user=form.cleaned_data["user"],
            unit=form.cleaned_data["unit"],
            role=form.cleaned_data["role"],
            reason=reason,
            actor=request.user,
        )
        obj.pk = saved.pk

    def service_delete(self, request, obj):
        role_assignment_delete(assignment=obj, reason=_("Yönetim paneli"), actor=request.user)


# Two-factor devices and recovery codes are not edited in the admin (django-otp registers them):
# their secrets stay out of sight and every change is audited; a lost phone is reset with
# `manage.py two_factor_reset <user> --reason ...` (accounts.two_factor_services.two_factor_disable).
for _otp_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_otp_model):
        admin.site.unregister(_otp_model)
