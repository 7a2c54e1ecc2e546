"""The strategic plan (aims, targets, SP indicators) and the yearly performance programme structure."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Administration, Unit
from core.fields import PercentField, ValueField
from core.models import TimeStampedModel
from core.workflow import ReviewState
from plans.choices import Direction, RevisedField


class StrategicPlan(TimeStampedModel):
    """A five-year strategic plan (e.g. 2024–2028)."""

    administration = models.ForeignKey(
        Administration, verbose_name=_("idare"), on_delete=models.PROTECT, related_name="strategic_plans"
    )
    code = models.CharField(_("kod"), max_length=20)
    name = models.CharField(_("ad"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("başlangıç yılı"))
    end_year = models.PositiveSmallIntegerField(_("bitiş yılı"))

    class Meta:
        verbose_name = _("stratejik plan")
        verbose_name_plural = _("stratejik planlar")
        ordering = ["-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["administration", "code"], name="plan_code_unique"),
            models.CheckConstraint(condition=Q(end_year__gte=F("start_year")), name="plan_years_ordered"),
            models.CheckConstraint(condition=Q(start_year__gte=2000, start_year__lte=2100), name="plan_year_sane"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.start_year}–{self.end_year})"


class Aim(TimeStampedModel):
    """A strategic aim (amaç, A1…)."""

    plan = models.ForeignKey(StrategicPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="aims")
    code = models.CharField(_("kod"), max_length=20)
    title = models.TextField(_("amaç"))
    short_title = models.CharField(_("kısa ad"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("amaç")
        verbose_name_plural = _("amaçlar")
        ordering = ["plan", "code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="aim_code_unique_per_plan")]

    def __str__(self) -> str:
        return f"{self.code} {self.short_title or self.title}"


class Target(TimeStampedModel):
    """A target (hedef, H1.1…) of an aim, with its responsible unit."""

    aim = models.ForeignKey(Aim, verbose_name=_("amaç"), on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("kod"), max_length=20)
    title = models.TextField(_("hedef"))
    long_title = models.TextField(_("uzun ad"), blank=True)
    responsible_unit = models.ForeignKey(
        Unit, verbose_name=_("sorumlu birim"), on_delete=models.PROTECT, related_name="sp_targets"
    )

    class Meta:
        verbose_name = _("hedef")
        verbose_name_plural = _("hedefler")
        ordering = ["aim", "code"]
        constraints = [models.UniqueConstraint(fields=["aim", "code"], name="target_code_unique_per_aim")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class TargetYear(TimeStampedModel):
    """A target's texts for one monitoring year: deviation reason and measures."""

    target = models.ForeignKey(Target, verbose_name=_("hedef"), on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("yıl"))
    deviation_reason = models.TextField(_("sapmanın nedeni"), blank=True)
    measures = models.TextField(_("alınacak önlemler"), blank=True)
    # The texts follow the quarterly forms' workflow: the unit writes and submits, the directorate accepts.
    text_state = models.CharField(
        _("metin durumu"), max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    text_comment = models.TextField(_("iade açıklaması"), blank=True)
    text_version = models.PositiveIntegerField(_("metin sürümü"), default=1)

    class Meta:
        verbose_name = _("hedef yıllık değerlendirmesi")
        verbose_name_plural = _("hedef yıllık değerlendirmeleri")
        ordering = ["target", "year"]
        constraints = [models.UniqueConstraint(fields=["target", "year"], name="target_year_unique")]

    def __str__(self) -> str:
        return f"{self.target.code} {self.year}"


class SPIndicator(TimeStampedModel):
    """A strategic-plan performance indicator (PG1.1.1…) with its weight in the target."""

    target = models.ForeignKey(Target, verbose_name=_("hedef"), on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("kod"), max_length=20)
    name = models.TextField(_("performans göstergesi"))
    unit_of_measure = models.CharField(_("ölçü birimi"), max_length=50, blank=True)
    data_source = models.TextField(
        _("veri kaynağı"),
        blank=True,
        help_text=_(
            "Değerin okunduğu sistem, rapor ya da kayıt (örneğin birimin bilgi sistemi ya da aylık istatistik raporu)."
        ),
    )
    weight = models.DecimalField(
        _("hedefe etkisi (%)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    baseline = ValueField(_("plan dönemi başlangıç değeri (A)"))
    direction = models.CharField(_("yön"), max_length=10, choices=Direction.choices, default=Direction.INCREASE)
    # Cumulative: C = A + Σ linked PP year-end values since the plan began; level: the latest one.
    is_cumulative = models.BooleanField(_("kümülatif"), default=False)
    responsible_unit = models.ForeignKey(
        Unit, verbose_name=_("sorumlu birim"), on_delete=models.PROTECT, related_name="sp_indicators"
    )
    # An indicator with values is never deleted: it stops counting from this year on.
    retired_from_year = models.PositiveSmallIntegerField(_("kullanımdan kaldırıldığı yıl"), null=True, blank=True)

    class Meta:
        verbose_name = _("SP performans göstergesi")
        verbose_name_plural = _("SP performans göstergeleri")
        ordering = ["target", "code"]
        constraints = [
            models.UniqueConstraint(fields=["target", "code"], name="sp_indicator_code_unique_per_target"),
            models.CheckConstraint(condition=Q(weight__gte=0, weight__lte=100), name="sp_indicator_weight_0_100"),
            models.CheckConstraint(condition=Q(direction__in=Direction.values), name="sp_indicator_direction_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class SPIndicatorYear(TimeStampedModel):
    """An SP indicator's year: target B, entered actual C (when not derived) and the four assessments."""

    indicator = models.ForeignKey(
        SPIndicator, verbose_name=_("gösterge"), on_delete=models.CASCADE, related_name="years"
    )
    year = models.PositiveSmallIntegerField(_("yıl"))
    target_value = ValueField(_("yıl sonu hedeflenen değer (B)"))
    actual_value = ValueField(
        _("gerçekleşen değer (C)"),
        null=True,
        blank=True,
        help_text=_("Bağlı PP göstergesinden türetilmiyorsa girilir."),
    )
    relevance = models.TextField(_("İlgililik"), blank=True)
    effectiveness = models.TextField(_("Etkililik"), blank=True)
    efficiency = models.TextField(_("Etkinlik"), blank=True)
    sustainability = models.TextField(_("Sürdürülebilirlik"), blank=True)
    text_state = models.CharField(
        _("metin durumu"), max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    text_comment = models.TextField(_("iade açıklaması"), blank=True)
    text_version = models.PositiveIntegerField(_("metin sürümü"), default=1)

    class Meta:
        verbose_name = _("SP göstergesi yıllık değeri")
        verbose_name_plural = _("SP göstergesi yıllık değerleri")
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="sp_indicator_year_unique")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}"


class SPIndicatorResult(models.Model):
    """Computed by the realization engine: C, P raw and P clamped for one SP indicator and year."""

    indicator = models.ForeignKey(SPIndicator, on_delete=models.CASCADE, related_name="results")
    year = models.PositiveSmallIntegerField(_("yıl"))
    actual_value = ValueField(_("C"), null=True, blank=True)
    performance_raw = PercentField(_("performans (ham)"), null=True, blank=True)
    performance = PercentField(_("performans (%)"), null=True, blank=True)
    computed_at = models.DateTimeField(_("hesaplanma"), default=timezone.now)

    class Meta:
        verbose_name = _("SP göstergesi sonucu")
        verbose_name_plural = _("SP göstergesi sonuçları")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="sp_indicator_result_unique"),
            models.CheckConstraint(
                condition=Q(performance__isnull=True) | Q(performance__gte=0, performance__lte=100),
                name="sp_indicator_result_clamped_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}"


class TargetResult(models.Model):
    """Computed by the realization engine: a target's weighted performance for one year."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="results")
    year = models.PositiveSmallIntegerField(_("yıl"))
    performance = PercentField(_("hedef performansı (%)"), null=True, blank=True)
    # Every indicator's weight (100 when the plan is consistent) and the computable ones' weight.
    weight_total = models.DecimalField(_("ağırlık toplamı"), max_digits=7, decimal_places=2, default=0)
    weight_used = models.DecimalField(_("hesaba giren ağırlık"), max_digits=7, decimal_places=2, default=0)
    computed_at = models.DateTimeField(_("hesaplanma"), default=timezone.now)

    class Meta:
        verbose_name = _("hedef sonucu")
        verbose_name_plural = _("hedef sonuçları")
        constraints = [models.UniqueConstraint(fields=["target", "year"], name="target_result_unique")]

    def __str__(self) -> str:
        return f"{self.target.code} {self.year}"


class PerformanceProgram(TimeStampedModel):
    """One year's performance programme (performans programı) of an administration."""

    administration = models.ForeignKey(
        Administration, verbose_name=_("idare"), on_delete=models.PROTECT, related_name="performance_programs"
    )
    year = models.PositiveSmallIntegerField(_("yıl"))
    strategic_plan = models.ForeignKey(
        StrategicPlan,
        verbose_name=_("stratejik plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="performance_programs",
    )
    is_closed = models.BooleanField(_("yıl kapatıldı"), default=False)

    class Meta:
        verbose_name = _("performans programı")
        verbose_name_plural = _("performans programları")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["administration", "year"], name="performance_program_unique_year"),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="performance_program_year_sane"),
        ]

    def __str__(self) -> str:
        return str(_("%(year)s Performans Programı") % {"year": self.year})


class Program(TimeStampedModel):
    """A programme (program) of a performance programme, e.g. Göç Yönetimi."""

    performance_program = models.ForeignKey(
        PerformanceProgram, verbose_name=_("performans programı"), on_delete=models.CASCADE, related_name="programs"
    )
    name = models.CharField(_("program adı"), max_length=200)
    seq = models.PositiveSmallIntegerField(_("sıra"), default=0)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programlar")
        ordering = ["performance_program", "seq", "name"]
        constraints = [
            models.UniqueConstraint(fields=["performance_program", "name"], name="program_name_unique_per_year")
        ]

    def __str__(self) -> str:
        return self.name


class SubProgram(TimeStampedModel):
    """A sub-programme (alt program) of a programme."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="sub_programs"
    )
    name = models.CharField(_("alt program adı"), max_length=200)
    seq = models.PositiveSmallIntegerField(_("sıra"), default=0)

    class Meta:
        verbose_name = _("alt program")
        verbose_name_plural = _("alt programlar")
        ordering = ["program", "seq", "name"]
        constraints = [models.UniqueConstraint(fields=["program", "name"], name="sub_program_name_unique")]

    def __str__(self) -> str:
        return self.name


class SubProgramGoal(TimeStampedModel):
    """A goal (alt program hedefi) of a sub-programme and the strategic aim it relates to."""

    sub_program = models.ForeignKey(
        SubProgram, verbose_name=_("alt program"), on_delete=models.CASCADE, related_name="goals"
    )
    seq = models.PositiveSmallIntegerField(_("sıra"), default=0)
    text = models.TextField(_("alt program hedefi"))
    aim = models.ForeignKey(
        Aim,
        verbose_name=_("ilgili stratejik amaç"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_program_goals",
    )

    class Meta:
        verbose_name = _("alt program hedefi")
        verbose_name_plural = _("alt program hedefleri")
        ordering = ["sub_program", "seq"]
        constraints = [models.UniqueConstraint(fields=["sub_program", "text"], name="sub_program_goal_unique")]

    def __str__(self) -> str:
        return self.text[:80]


class Activity(TimeStampedModel):
    """An activity (faaliyet) of a sub-programme; budget lines hang on it."""

    sub_program = models.ForeignKey(
        SubProgram, verbose_name=_("alt program"), on_delete=models.CASCADE, related_name="activities"
    )
    name = models.CharField(_("faaliyet adı"), max_length=300)
    seq = models.PositiveSmallIntegerField(_("sıra"), default=0)

    class Meta:
        verbose_name = _("faaliyet")
        verbose_name_plural = _("faaliyetler")
        ordering = ["sub_program", "seq", "name"]
        constraints = [models.UniqueConstraint(fields=["sub_program", "name"], name="activity_name_unique")]

    def __str__(self) -> str:
        return self.name


class RetiredPPCode(TimeStampedModel):
    """A PP indicator code retired from a year on: the year rollover no longer copies it."""

    administration = models.ForeignKey(
        Administration, verbose_name=_("idare"), on_delete=models.CASCADE, related_name="retired_pp_codes"
    )
    code = models.CharField(_("kod"), max_length=30)
    from_year = models.PositiveSmallIntegerField(_("kaldırıldığı yıl"))
    reason = models.TextField(_("gerekçe"))
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("kullanımdan kaldırılan PP göstergesi")
        verbose_name_plural = _("kullanımdan kaldırılan PP göstergeleri")
        ordering = ["administration", "code"]
        constraints = [
            models.UniqueConstraint(fields=["administration", "code"], name="retired_pp_code_unique"),
            models.CheckConstraint(condition=~Q(reason=""), name="retired_pp_code_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.code} → {self.from_year}"


class Revision(models.Model):
    """One versioned change, once values existed, of a figure results depend on: who, when, old, new, why.

    The object is an SP indicator (plans) or a PP indicator (indicators); `year` is the year whose
    figures depend on the change, empty when every year's do (a weight, a baseline).
    """

    administration = models.ForeignKey(
        Administration, verbose_name=_("idare"), on_delete=models.CASCADE, related_name="plan_revisions"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    code = models.CharField(_("gösterge kodu"), max_length=30)
    # 1, 2, … per indicator: every field changed in one save shares the save's version.
    version = models.PositiveIntegerField(_("sürüm"))
    field = models.CharField(_("alan"), max_length=20, choices=RevisedField.choices)
    year = models.PositiveSmallIntegerField(_("etkilediği yıl"), null=True, blank=True)
    old_value = models.CharField(_("eski değer"), max_length=100, blank=True)
    new_value = models.CharField(_("yeni değer"), max_length=100, blank=True)
    reason = models.TextField(_("gerekçe"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kullanıcı"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("zaman"), auto_now_add=True)

    class Meta:
        verbose_name = _("revizyon")
        verbose_name_plural = _("revizyonlar")
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "version", "field", "year"], name="revision_unique_per_version"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="revision_has_reason"),
            models.CheckConstraint(condition=Q(field__in=RevisedField.values), name="revision_field_valid"),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["administration", "year"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version} {self.get_field_display()}"
