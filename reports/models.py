"""Figures as the printed report shows them, kept to show where they differ from the rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Administration
from core.fields import PercentField, ValueField
from plans.choices import Status


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


class Form4Summary(models.Model):
    """The year-end Form-4 (Tablo 16) of one administration and year, built by a job.

    Frozen when the year is closed; rebuilt only after an admin reopens the year with a reason.
    """

    administration = models.ForeignKey(Administration, on_delete=models.CASCADE, related_name="form4_summaries")
    year = models.PositiveSmallIntegerField(_("yıl"))
    built_at = models.DateTimeField(_("oluşturulma"))
    frozen_at = models.DateTimeField(_("dondurulma"), null=True, blank=True)

    class Meta:
        verbose_name = _("Form-4 özeti")
        verbose_name_plural = _("Form-4 özetleri")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["administration", "year"], name="form4_summary_unique")]

    def __str__(self) -> str:
        return f"Form-4 {self.year}"


class Form4Row(models.Model):
    """One indicator row of a Form-4 summary, a snapshot of the stored results."""

    summary = models.ForeignKey(Form4Summary, on_delete=models.CASCADE, related_name="rows")
    seq = models.PositiveIntegerField(_("sıra"))
    program = models.CharField(_("program"), max_length=200)
    sub_program = models.CharField(_("alt program"), max_length=200)
    sub_program_goal = models.TextField(_("alt program hedefi"), blank=True)
    indicator_code = models.CharField(_("gösterge kodu"), max_length=30)
    indicator = models.TextField(_("performans göstergesi"))
    target_value = ValueField(_("hedeflenen değer"))
    year_end_value = ValueField(_("yıl sonu gerçekleşme değeri"), null=True, blank=True)
    realization_rate = PercentField(_("gerçekleşme oranı"), null=True, blank=True)
    status = models.CharField(_("gerçekleşme durumu"), max_length=20, choices=Status.choices)

    class Meta:
        verbose_name = _("Form-4 satırı")
        verbose_name_plural = _("Form-4 satırları")
        ordering = ["summary", "seq"]
        constraints = [models.UniqueConstraint(fields=["summary", "indicator_code"], name="form4_row_unique")]

    def __str__(self) -> str:
        return f"{self.indicator_code} {self.get_status_display()}"
