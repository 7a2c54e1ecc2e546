"""The Django admin site, for admins only (superusers, or staff holding the admin role)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.middleware import pending_step
from accounts.permissions import can_use_django_admin


class AdminsOnlySite(admin.AdminSite):
    site_header = _("goc_perf yönetim paneli")
    site_title = _("goc_perf yönetim")

    def has_permission(self, request) -> bool:
        """Let in active superusers and active staff with the admin role; staff status alone is not enough.

        A session that still owes its two-factor code (or must set it up) is kept out too.
        """
        return can_use_django_admin(request.user) and not pending_step(request)
