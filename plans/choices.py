"""Vocabularies of plans and indicators, each defined once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    # Larger is better: rate = value ÷ target × 100.
    INCREASE = "increase", _("Artış yönlü")
    # Smaller is better (costs, waiting days): rate = target ÷ value × 100.
    DECREASE = "decrease", _("Azalış yönlü")


class AggregationMethod(models.TextChoices):
    # A flow: the year-end value is Q1 + Q2 + Q3 + Q4.
    SUM = "sum", _("Toplam")
    # A stock or a year-to-date figure: the last quarter with a value.
    LAST = "last", _("Son değer")
    # The mean of the quarters with a value.
    AVERAGE = "average", _("Ortalama")
    # Σ numerators ÷ Σ denominators × 100, never the mean of quarterly percentages.
    RATIO = "ratio", _("Oran (pay / payda)")
    # Entered by the unit at year end.
    MANUAL = "manual", _("Elle girilen")


class Status(models.TextChoices):
    """Gerçekleşme durumu; the bands live in indicators.calculations, the labels here."""

    # the rate is above 100
    EXCEEDED = "exceeded", _("Aşıldı")
    # the rate is exactly 100
    REACHED = "reached", _("Ulaşıldı")
    # the rate is from 80 up to, not including, 100
    PARTIALLY_REACHED = "partially_reached", _("Kısmen Ulaşıldı")
    # the rate is below 80
    NOT_REACHED = "not_reached", _("Ulaşılamadı")
    # target 0 or no value: never shown as 0
    NOT_COMPUTABLE = "not_computable", _("Hesaplanamadı")


# Okabe–Ito hues, distinguishable with the common colour-vision deficiencies; every chart also
# names each status in its legend and tooltip, so colour is never the only carrier.
# The same colours as the status badges of static/css/app.css (darkened for white text).
STATUS_COLOURS = {
    Status.EXCEEDED: "#007a5a",
    Status.REACHED: "#005a8c",
    Status.PARTIALLY_REACHED: "#8f5600",
    Status.NOT_REACHED: "#a34100",
    Status.NOT_COMPUTABLE: "#6c757d",
}


class RevisedField(models.TextChoices):
    """The figures whose change, once values exist, needs a reason and keeps a revision."""

    # An SP indicator's yearly target B, or a PP indicator's target of its year.
    TARGET_VALUE = "target_value", _("Hedeflenen değer")
    # An SP indicator's weight in its target (hedefe etkisi).
    WEIGHT = "weight", _("Hedefe etkisi (%)")
    # An SP indicator's plan baseline A.
    BASELINE = "baseline", _("Plan dönemi başlangıç değeri (A)")
    # The direction of an SP or PP indicator.
    DIRECTION = "direction", _("Yön")
    # A PP indicator's aggregation method (locked once values exist, unless revised with a reason).
    AGGREGATION = "aggregation", _("Yıl sonu hesaplama yöntemi")
