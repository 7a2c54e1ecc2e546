from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "accounts"


class AdminsOnlyAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with a site that lets in admins only (accounts.admin_site)."""

    default = False  # named explicitly in INSTALLED_APPS; AccountsConfig stays the app's default
    default_site = "accounts.admin_site.AdminsOnlySite"
