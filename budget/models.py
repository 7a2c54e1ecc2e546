"""Budget lines: appropriations and spending by economic code, activity and unit."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Administration, Unit
from budget.calculations import BudgetFigures
from budget.choices import TransferKind
from core.fields import MoneyField, PercentField
from core.models import TimeStampedModel
from plans.models import Activity


class EconomicCode(models.Model):
    """A code of the national economic classification (01 Personel Giderleri, 03.2 …), shared by every
    administration: shipped with the application (budget.catalogue), never changed by an administration."""

    code = models.CharField(_("ekonomik kod"), max_length=20, unique=True)
    name = models.CharField(_("açıklama"), max_length=200)
    parent = models.ForeignKey(
        "self", verbose_name=_("üst kod"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = _("ekonomik kod")
        verbose_name_plural = _("ekonomik kodlar")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class BudgetLine(TimeStampedModel):
    """One year's appropriation and spending for an economic code, activity and unit."""

    administration = models.ForeignKey(
        Administration, verbose_name=_("idare"), on_delete=models.PROTECT, related_name="budget_lines"
    )
    year = models.PositiveSmallIntegerField(_("yıl"))
    economic_code = models.ForeignKey(
        EconomicCode, verbose_name=_("ekonomik kod"), on_delete=models.PROTECT, related_name="budget_lines"
    )
    # Years known only by economic code (e.g. the previous year's KBÖ) have no activity or unit.
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("faaliyet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("harcama birimi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    initial_appropriation = MoneyField(_("kanunla verilen başlangıç ödeneği (KBÖ)"), default=0)
    # Derived, never typed: the sums of the line's transfers and monthly spending, written only by
    # budget.services (one UPDATE after each change) so the check constraints below guard them.
    additions = MoneyField(_("eklenen"), default=0, editable=False)
    deductions = MoneyField(_("düşülen"), default=0, editable=False)
    spending = MoneyField(_("harcama"), default=0, editable=False)
    # Optimistic lock: every change of the line, its transfers or its spending adds one.
    version = models.PositiveIntegerField(_("sürüm"), default=1)

    class Meta:
        verbose_name = _("bütçe satırı")
        verbose_name_plural = _("bütçe satırları")
        ordering = ["year", "economic_code__code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["administration", "year", "economic_code", "activity", "unit"],
                name="budget_line_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(initial_appropriation__gte=0, additions__gte=0, deductions__gte=0, spending__gte=0),
                name="budget_line_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(deductions__lte=F("initial_appropriation") + F("additions")),
                name="budget_line_deduction_within_available",
            ),
            models.CheckConstraint(
                condition=Q(spending__lte=F("initial_appropriation") + F("additions") - F("deductions")),
                name="budget_line_spending_within_total",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.year} {self.economic_code.code} {self.activity or ''} {self.unit.code if self.unit else ''}".strip()
        )

    @property
    def figures(self) -> BudgetFigures:
        """Return the line's KBÖ, additions, deductions and spending for the budget rules."""
        return BudgetFigures(
            initial=self.initial_appropriation,
            additions=self.additions,
            deductions=self.deductions,
            spending=self.spending,
        )


class BudgetTransfer(models.Model):
    """A dated change of appropriation: ekleme (to a line), düşme (from a line) or aktarma (between lines)."""

    administration = models.ForeignKey(
        Administration, verbose_name=_("idare"), on_delete=models.PROTECT, related_name="budget_transfers"
    )
    year = models.PositiveSmallIntegerField(_("yıl"))
    kind = models.CharField(_("işlem türü"), max_length=10, choices=TransferKind.choices)
    date = models.DateField(_("tarih"))
    amount = MoneyField(_("tutar"))
    # The line losing appropriation (düşme, aktarma) and the line receiving it (ekleme, aktarma).
    from_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("düşülen satır"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_out",
    )
    to_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("eklenen satır"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_in",
    )
    reason = models.TextField(_("gerekçe"))
    # Written by the data-set import (the year's printed eklenen/düşülen); keyed on its line.
    imported = models.BooleanField(_("içe aktarıldı"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("giren"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("giriş zamanı"), default=timezone.now)

    class Meta:
        verbose_name = _("ödenek işlemi")
        verbose_name_plural = _("ödenek işlemleri")
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="budget_transfer_amount_positive"),
            models.CheckConstraint(
                condition=(
                    Q(kind=TransferKind.ADDITION, from_line__isnull=True, to_line__isnull=False)
                    | Q(kind=TransferKind.DEDUCTION, from_line__isnull=False, to_line__isnull=True)
                    | (
                        Q(kind=TransferKind.TRANSFER, from_line__isnull=False, to_line__isnull=False)
                        & ~Q(from_line=F("to_line"))
                    )
                ),
                name="budget_transfer_lines_match_kind",
            ),
            models.UniqueConstraint(
                fields=["to_line"],
                condition=Q(imported=True, kind=TransferKind.ADDITION),
                name="budget_transfer_one_imported_addition",
            ),
            models.UniqueConstraint(
                fields=["from_line"],
                condition=Q(imported=True, kind=TransferKind.DEDUCTION),
                name="budget_transfer_one_imported_deduction",
            ),
        ]
        indexes = [models.Index(fields=["administration", "year", "date"])]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.get_kind_display()} {self.amount}"


class BudgetSpending(models.Model):
    """A line's spending in one month of its year; the line's spending is their sum."""

    line = models.ForeignKey(
        BudgetLine, verbose_name=_("bütçe satırı"), on_delete=models.PROTECT, related_name="months"
    )
    month = models.PositiveSmallIntegerField(_("ay"))
    amount = MoneyField(_("harcama"), default=0)
    imported = models.BooleanField(_("içe aktarıldı"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("giren"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("güncellenme"), default=timezone.now)

    class Meta:
        verbose_name = _("aylık harcama")
        verbose_name_plural = _("aylık harcamalar")
        ordering = ["line", "month"]
        constraints = [
            models.UniqueConstraint(fields=["line", "month"], name="budget_spending_one_per_month"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="budget_spending_month_valid"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_spending_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.line} {self.month:02d}"


class BudgetAggregate(models.Model):
    """Computed by the engine: the sums of a year's budget lines at one level of one table."""

    class Level(models.TextChoices):
        TOTAL = "total", _("Genel toplam")
        ECONOMIC = "economic", _("Ekonomik kod")
        # Below level I (03.2, 03.5 …): Tablo 7–13 show level I, these are its detail.
        ECONOMIC_DETAIL = "economic_detail", _("Ekonomik kod ayrıntısı")
        PROGRAM = "program", _("Program")
        SUB_PROGRAM = "sub_program", _("Alt program")
        ACTIVITY = "activity", _("Faaliyet")
        UNIT = "unit", _("Harcama birimi")

    administration = models.ForeignKey(Administration, on_delete=models.CASCADE, related_name="budget_aggregates")
    year = models.PositiveSmallIntegerField(_("yıl"))
    level = models.CharField(_("düzey"), max_length=20, choices=Level.choices)
    # The economic code, the programme/sub-programme/activity name or the unit code; "" for the total.
    # An economic detail's parent is the code one level up.
    key = models.CharField(_("anahtar"), max_length=300)
    parent_key = models.CharField(_("üst anahtar"), max_length=300, blank=True)
    initial_appropriation = MoneyField(_("KBÖ"), default=0)
    additions = MoneyField(_("eklenen"), default=0)
    deductions = MoneyField(_("düşülen"), default=0)
    spending = MoneyField(_("harcama"), default=0)
    realization_pct = PercentField(_("gerçekleşme oranı (harcama / toplam ödenek)"), null=True, blank=True)
    spent_to_initial_pct = PercentField(_("harcama / KBÖ"), null=True, blank=True)
    share_of_initial_pct = PercentField(_("KBÖ içindeki pay"), null=True, blank=True)
    previous_initial = MoneyField(_("önceki yıl KBÖ"), null=True, blank=True)
    initial_change_pct = PercentField(_("KBÖ değişimi"), null=True, blank=True)
    computed_at = models.DateTimeField(_("hesaplanma"), default=timezone.now)

    class Meta:
        verbose_name = _("bütçe toplamı")
        verbose_name_plural = _("bütçe toplamları")
        ordering = ["year", "level", "key"]
        constraints = [
            models.UniqueConstraint(fields=["administration", "year", "level", "key"], name="budget_aggregate_unique"),
            models.CheckConstraint(
                condition=Q(
                    level__in=["total", "economic", "economic_detail", "program", "sub_program", "activity", "unit"]
                ),
                name="budget_aggregate_level_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.level} {self.key}"

    @property
    def total(self):
        return self.initial_appropriation + self.additions - self.deductions

    @property
    def remaining(self):
        return self.total - self.spending
