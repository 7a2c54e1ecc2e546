"""Performance-programme indicators, their quarterly values and their computed results."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit
from core.fields import PercentField, ValueField
from core.models import TimeStampedModel
from core.numbers import VALUE_PLACES
from plans.choices import AggregationMethod, Direction, Status
from plans.models import PerformanceProgram, SPIndicator, SubProgram, SubProgramGoal

QUARTERS = (1, 2, 3, 4)


class PPIndicator(TimeStampedModel):
    """A performance-programme indicator of one year (Form-3 row)."""

    # Kept beside sub_program so the database can enforce unique codes per administration and year.
    performance_program = models.ForeignKey(
        PerformanceProgram, verbose_name=_("performans programı"), on_delete=models.CASCADE, related_name="indicators"
    )
    sub_program = models.ForeignKey(
        SubProgram, verbose_name=_("alt program"), on_delete=models.PROTECT, related_name="indicators"
    )
    goal = models.ForeignKey(
        SubProgramGoal,
        verbose_name=_("alt program hedefi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    code = models.CharField(_("kod"), max_length=30)
    seq = models.PositiveSmallIntegerField(_("sıra"), default=0)
    name = models.TextField(_("performans göstergesi"))
    unit_of_measure = models.CharField(_("ölçü birimi"), max_length=50)
    data_source = models.TextField(
        _("veri kaynağı"),
        blank=True,
        help_text=_(
            "Değerin okunduğu sistem, rapor ya da kayıt (örneğin birimin bilgi sistemi ya da aylık istatistik raporu)."
        ),
    )
    # Set by the directorate: the unit's quarter cannot be submitted without an evidence file for it.
    evidence_required = models.BooleanField(_("kanıt zorunlu"), default=False)
    direction = models.CharField(_("yön"), max_length=10, choices=Direction.choices, default=Direction.INCREASE)
    aggregation = models.CharField(_("yıl sonu hesaplama yöntemi"), max_length=10, choices=AggregationMethod.choices)
    allows_negative = models.BooleanField(
        _("eksi değer alabilir"), default=False, help_text=_("Örneğin bir artış oranı eksi olabilir.")
    )
    # How many decimals the indicator's values are typed and shown with (a count 0, a rate 2): the
    # value fields hold four, so a computed 18,9944 is shown as the indicator writes it, 18,99.
    decimals = models.PositiveSmallIntegerField(
        _("ondalık basamak sayısı"),
        default=0,
        help_text=_("Değerler kaç ondalıkla girilir ve gösterilir: sayı için 0, oran için genellikle 2 (en fazla 4)."),
    )
    prev_year = models.PositiveSmallIntegerField(_("önceki dönem yılı"), null=True, blank=True)
    prev_value = ValueField(_("önceki dönem gerçekleşme"), null=True, blank=True)
    target_value = ValueField(_("hedeflenen değer"))
    responsible_unit = models.ForeignKey(
        Unit, verbose_name=_("sorumlu birim"), on_delete=models.PROTECT, related_name="pp_indicators"
    )
    sp_indicator = models.ForeignKey(
        SPIndicator,
        verbose_name=_("beslediği SP göstergesi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pp_indicators",
    )

    class Meta:
        verbose_name = _("performans göstergesi")
        verbose_name_plural = _("performans göstergeleri")
        ordering = ["performance_program", "sub_program", "seq", "code"]
        constraints = [
            models.UniqueConstraint(fields=["performance_program", "code"], name="pp_indicator_code_unique_per_year"),
            models.CheckConstraint(condition=Q(direction__in=Direction.values), name="pp_indicator_direction_valid"),
            models.CheckConstraint(
                condition=Q(aggregation__in=AggregationMethod.values), name="pp_indicator_aggregation_valid"
            ),
            models.CheckConstraint(condition=Q(decimals__lte=VALUE_PLACES), name="pp_indicator_decimals_0_4"),
        ]
        indexes = [models.Index(fields=["responsible_unit", "performance_program"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class QuarterlyValue(TimeStampedModel):
    """One indicator's figures for one quarter, as the responsible unit entered them (Form-3)."""

    indicator = models.ForeignKey(
        PPIndicator, verbose_name=_("gösterge"), on_delete=models.CASCADE, related_name="quarterly_values"
    )
    quarter = models.PositiveSmallIntegerField(_("dönem"))
    value = ValueField(_("değer"), null=True, blank=True)
    # RATIO indicators: the quarter's value is numerator ÷ denominator × 100, kept for the year's Σ/Σ.
    numerator = ValueField(_("pay"), null=True, blank=True)
    denominator = ValueField(_("payda"), null=True, blank=True)
    year_end_estimate = ValueField(_("yıl sonu gerçekleşme tahmini"), null=True, blank=True)
    narrative = models.TextField(_("değerlendirme"), blank=True)
    no_data_reason = models.TextField(_("veri yok gerekçesi"), blank=True)
    # The entry warnings (indicators.checks.entry_warnings) the unit confirmed for this value, as
    # [{"code": …, "message": …}], and the comment it gave; the reviewer sees both.
    confirmed_warnings = models.JSONField(
        _("doğrulanan uyarılar"), default=list, db_default=models.Value([], models.JSONField()), blank=True
    )
    warning_comment = models.TextField(_("uyarı açıklaması"), blank=True)
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(_("sürüm"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("üç aylık değer")
        verbose_name_plural = _("üç aylık değerler")
        ordering = ["indicator", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "quarter"], name="quarterly_value_one_per_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="quarterly_value_quarter_1_4"),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="quarterly_value_denominator_positive",
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True) | Q(numerator__gte=0), name="quarterly_value_numerator_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True, denominator__isnull=True)
                | Q(numerator__isnull=False, denominator__isnull=False),
                name="quarterly_value_ratio_parts_together",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} Q{self.quarter}"


# The keys of the figures stored beside a quarter's statuses in PPIndicatorResult.quarters: the unit's
# latest year-end estimate and the trend projection as they stood at the end of that quarter.
QUARTER_ESTIMATE, QUARTER_TREND_VALUE = "estimate", "trend_value"


class PPIndicatorResult(models.Model):
    """Computed by the realization engine: an indicator's year-end value, rate and statuses."""

    indicator = models.OneToOneField(PPIndicator, on_delete=models.CASCADE, related_name="result")
    year_end_value = ValueField(_("yıl sonu gerçekleşme değeri"), null=True, blank=True)
    realization_rate = PercentField(_("gerçekleşme oranı"), null=True, blank=True)
    status = models.CharField(_("gerçekleşme durumu"), max_length=20, choices=Status.choices)
    # In-year: the status the unit's latest year-end estimate would give, and a trend projection's.
    year_end_estimate = ValueField(_("yıl sonu gerçekleşme tahmini"), null=True, blank=True)
    projected_status = models.CharField(_("öngörülen durum (tahmin)"), max_length=20, choices=Status.choices)
    trend_projection = ValueField(_("eğilim projeksiyonu"), null=True, blank=True)
    projected_status_trend = models.CharField(_("öngörülen durum (eğilim)"), max_length=20, choices=Status.choices)
    # The statuses as they stood at the end of each quarter, for the dashboards' quarter view:
    # {"q1": {"status": …, "projected": …, "trend": …, "estimate": "…", "trend_value": "…"}, …, "q4": …}
    # (the two figures, as text, only when the quarter had one).
    quarters = models.JSONField(
        _("dönem sonu durumları"), default=dict, db_default=models.Value({}, models.JSONField()), blank=True
    )
    computed_at = models.DateTimeField(_("hesaplanma"), default=timezone.now)
    # The MD5 of what the result was computed from (the rules' version, the indicator's method,
    # direction and target, its quarters' figures), written by the engine in the same statement: a
    # recompute finding the same digest in the database reuses the stored result (indicators.services.recompute).
    inputs_digest = models.CharField(
        _("girdi özeti"), max_length=32, default="", db_default="", blank=True, editable=False
    )

    class Meta:
        verbose_name = _("gösterge sonucu")
        verbose_name_plural = _("gösterge sonuçları")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="pp_result_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=Status.NOT_COMPUTABLE) | Q(realization_rate__isnull=True),
                name="pp_result_not_computable_has_no_rate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.get_status_display()}"


class RecomputeRun(models.Model):
    """One run of the realization engine: what it covered, how long, and what it found changed."""

    class Kind(models.TextChoices):
        # After values changed (enqueued on commit, collapsed).
        ON_CHANGE = "on_change", _("Değişiklik sonrası")
        # The nightly full recompute with its consistency check.
        NIGHTLY = "nightly", _("Gece kontrolü")
        # Run by hand (management command or an admin).
        MANUAL = "manual", _("Elle")

    administration = models.ForeignKey(
        "accounts.Administration", on_delete=models.CASCADE, related_name="recompute_runs"
    )
    kind = models.CharField(_("tür"), max_length=20, choices=Kind.choices)
    years = models.JSONField(_("yıllar"), default=list)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(_("başlangıç"))
    finished_at = models.DateTimeField(_("bitiş"))
    indicators = models.PositiveIntegerField(_("PP göstergesi"), default=0)
    sp_indicators = models.PositiveIntegerField(_("SP göstergesi"), default=0)
    targets = models.PositiveIntegerField(_("hedef"), default=0)
    # Stored results that differed from a fresh computation before this run wrote it.
    differences = models.JSONField(_("farklar"), default=list, blank=True)

    class Meta:
        verbose_name = _("yeniden hesaplama")
        verbose_name_plural = _("yeniden hesaplamalar")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%d.%m.%Y %H:%M}"
