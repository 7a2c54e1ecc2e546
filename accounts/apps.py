from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from accounts.middleware import session_mark_step

        # The second step the new session owes, written with the log-in's own session save.
        user_logged_in.connect(session_mark_step, dispatch_uid="accounts.session_mark_step")


class AdminsOnlyAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with a site that lets in admins only (accounts.admin_site)."""

    default = False  # named explicitly in INSTALLED_APPS; AccountsConfig stays the app's default
    default_site = "accounts.admin_site.AdminsOnlySite"
