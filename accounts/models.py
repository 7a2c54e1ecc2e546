"""Administrations, their unit tree, users and the roles users hold in units."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role, UnitKind
from core.models import TimeStampedModel


class Administration(TimeStampedModel):
    """A public body (idare) that prepares its own plan and programme; one database serves many."""

    code = models.CharField(_("kod"), max_length=20, unique=True)
    name = models.CharField(_("ad"), max_length=200)

    class Meta:
        verbose_name = _("idare")
        verbose_name_plural = _("idareler")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Unit(TimeStampedModel):
    """A unit (birim) of an administration; spending units enter the quarterly forms."""

    administration = models.ForeignKey(
        Administration, verbose_name=_("idare"), on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("üst birim"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(_("kod"), max_length=30)
    name = models.CharField(_("ad"), max_length=200)
    kind = models.CharField(_("tür"), max_length=30, choices=UnitKind.choices)
    is_active = models.BooleanField(_("etkin"), default=True)
    # The administration's own order of its units (Tablo 11 and the unit lists follow it, then the code).
    seq = models.PositiveSmallIntegerField(_("sıra"), default=0)

    class Meta:
        verbose_name = _("birim")
        verbose_name_plural = _("birimler")
        ordering = ["seq", "code"]
        constraints = [
            models.UniqueConstraint(fields=["administration", "code"], name="unit_code_unique_per_administration"),
            models.CheckConstraint(condition=Q(kind__in=UnitKind.values), name="unit_kind_valid"),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="unit_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in; what they may do comes from their role assignments."""

    # The interface and e-mail language the person chose (the language menu saves it).
    language = models.CharField(
        _("dil"), max_length=8, choices=[("tr", _("Türkçe")), ("en", _("English"))], default="tr"
    )

    class Meta:
        verbose_name = _("kullanıcı")
        verbose_name_plural = _("kullanıcılar")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class RoleAssignment(TimeStampedModel):
    """A role a user holds in one unit of one administration."""

    user = models.ForeignKey(User, verbose_name=_("kullanıcı"), on_delete=models.CASCADE, related_name="roles")
    administration = models.ForeignKey(
        Administration, verbose_name=_("idare"), on_delete=models.PROTECT, related_name="role_assignments"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("birim"), on_delete=models.PROTECT, related_name="role_assignments")
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("rol ataması")
        verbose_name_plural = _("rol atamaları")
        ordering = ["user__username", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="role_assignment_unique"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="role_assignment_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.unit.code})"
