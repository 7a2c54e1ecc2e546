"""Figures as the printed report shows them, kept to show where they differ from the rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Administration


class PrintedFigure(models.Model):
    """One printed cell of an official table (e.g. Tablo 15, row GYH.01, column realization_rate)."""

    administration = models.ForeignKey(
        Administration, verbose_name=_("idare"), on_delete=models.CASCADE, related_name="printed_figures"
    )
    year = models.PositiveSmallIntegerField(_("yıl"))
    table = models.CharField(_("tablo"), max_length=30)
    row_key = models.CharField(_("satır"), max_length=300)
    column = models.CharField(_("sütun"), max_length=60)
    value = models.CharField(_("basılı değer"), max_length=300)

    class Meta:
        verbose_name = _("basılı rapor değeri")
        verbose_name_plural = _("basılı rapor değerleri")
        ordering = ["year", "table", "row_key", "column"]
        constraints = [
            models.UniqueConstraint(
                fields=["administration", "year", "table", "row_key", "column"], name="printed_figure_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.table} {self.row_key} {self.column} = {self.value}"
