"""Vocabularies of the accounts app, each defined once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    DIRECTORATE_GENERAL = "directorate_general", _("Genel Müdürlük")
    DEPARTMENT = "department", _("Daire Başkanlığı")
    OTHER_CENTRAL = "other_central", _("Diğer merkez birimi")
    PROVINCIAL = "provincial", _("Taşra birimi")


class Role(models.TextChoices):
    # Enters values, narratives and estimates of the unit's own indicators, open quarters only.
    UNIT_ENTRY = "unit_entry", _("Birim veri giriş")
    # Everything UNIT_ENTRY may, plus submitting the unit's quarter to the strategy directorate.
    UNIT_APPROVER = "unit_approver", _("Birim yöneticisi")
    # Sees everything; reviews submissions; maintains plans, indicators and quarters.
    STRATEGY = "strategy", _("Strateji Geliştirme")
    # Users and roles, year closing, year-end exports.
    ADMIN = "admin", _("Yönetici (admin)")
    # Read-only dashboards.
    TOP_MANAGEMENT = "top_management", _("Üst yönetici")
    # Financial services (Mali Hizmetler): budget lines, transfers and spending only.
    FINANCE = "finance", _("Mali Hizmetler")
