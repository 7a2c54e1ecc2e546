"""Budget pages: the report tables (Tablo 7–13) on screen, entry of lines, transfers and spending,
and the money-beside-performance page. Tables read the stored aggregates; writes go to services."""

from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export.views import ExportMixin

from accounts.access import administration_or_403
from budget import selectors, services
from budget.choices import TransferKind
from budget.filters import AggregateFilter, BudgetLineFilter
from budget.forms import BudgetLineForm, InitialForm, SpendingForm, TransferForm
from budget.models import BudgetAggregate, BudgetLine
from budget.tables import (
    BudgetLineTable,
    ComparisonTable,
    DistributionTable,
    ExecutionTable,
    ProgramExecutionTable,
    UnitExecutionTable,
)
from core.exceptions import ApplicationError, ConcurrentEditError
from core.refusals import refuse
from core.requests import chosen_year
from core.tables import SafeTableExport
from plans.selectors import latest_programme_year

Level = BudgetAggregate.Level

# The report tables: URL slug → (title, table, levels shown, levels charted, names to print beside keys).
REPORTS = {
    "karsilastirma": (
        gettext_lazy("Tablo 7 / 13: Başlangıç ödeneklerinin yıllara göre karşılaştırması (ekonomik kod)"),
        ComparisonTable,
        (Level.ECONOMIC,),
        None,
        "economic",
    ),
    "dagilim": (
        gettext_lazy("Tablo 8 / 12: Başlangıç ödeneklerinin ekonomik koda göre dağılımı"),
        DistributionTable,
        (Level.ECONOMIC,),
        None,
        "economic",
    ),
    "uygulama": (
        gettext_lazy("Tablo 9: Bütçe uygulama sonuçları (ekonomik kod)"),
        ExecutionTable,
        (Level.ECONOMIC,),
        Level.ECONOMIC,
        "economic",
    ),
    # Tablo 7–9 show level I of the economic classification; lines entered lower (03.2, 03.5) are here.
    "ekonomik-ayrinti": (
        gettext_lazy("Tablo 7–9 ayrıntısı: ekonomik kodların alt düzeyleri"),
        ExecutionTable,
        (Level.ECONOMIC, Level.ECONOMIC_DETAIL),
        None,
        "economic",
    ),
    "program": (
        gettext_lazy("Tablo 10: Program, alt program ve faaliyet bazında ödenek ve harcama"),
        ProgramExecutionTable,
        (Level.PROGRAM, Level.SUB_PROGRAM, Level.ACTIVITY),
        Level.PROGRAM,
        "",
    ),
    "birim": (
        gettext_lazy("Tablo 11: Harcama birimleri bazında ödenek ve harcama"),
        UnitExecutionTable,
        (Level.UNIT,),
        Level.UNIT,
        "unit",
    ),
}


def _administration(request, perm: str = "budget.view_budget"):
    return administration_or_403(request, perm)


def _year(request, administration) -> tuple[list[int], int | None]:
    years = selectors.budget_years(administration_id=administration.pk)
    latest = latest_programme_year(administration=administration)
    return years, chosen_year(request, years, default=latest if latest in years else (years[-1] if years else None))


def _chart(rows: list[BudgetAggregate], names: dict[str, str]) -> dict:
    """Bars of total appropriation and spending per key (the chart beside a table)."""
    return {
        "type": "bar",
        "labels": [names.get(r.key) or r.key.split(" › ")[-1] for r in rows],
        "datasets": [
            {"label": _("Toplam ödenek"), "data": [str(r.total) for r in rows], "backgroundColor": "#56B4E9"},
            {"label": _("Harcama"), "data": [str(r.spending) for r in rows], "backgroundColor": "#E69F00"},
        ],
    }


def _monthly_chart(months: list, total: BudgetAggregate) -> dict:
    """Cumulative spending month by month against the total appropriation, to follow execution."""
    running, cumulative = Decimal(0), []
    for amount in months:
        running += amount
        cumulative.append(str(running))
    return {
        "type": "line",
        "labels": [f"{month:02d}" for month in range(1, 13)],
        "datasets": [
            {"label": _("Kümülatif harcama"), "data": cumulative, "borderColor": "#E69F00",
             "backgroundColor": "#E69F00"},
            {"label": _("Toplam ödenek"), "data": [str(total.total)] * 12, "borderColor": "#56B4E9",
             "backgroundColor": "#56B4E9", "borderDash": [6, 4]},
        ],
    }  # fmt: skip


class BudgetReportView(ExportMixin, SingleTableMixin, FilterView):
    """One of Tablo 7–13 for any year from the stored aggregates: filter, sort, download, chart."""

    template_name = "budget/report.html"
    filterset_class = AggregateFilter
    export_formats = ("xlsx", "csv", "csv_excel")
    export_class = SafeTableExport
    paginate_by = 100

    def dispatch(self, request, *args, **kwargs):
        if kwargs["report"] not in REPORTS:
            raise Http404
        self.title, self.table_class, self.levels, self.chart_level, names = REPORTS[kwargs["report"]]
        self.administration = _administration(request)
        self.years, self.year = _year(request, self.administration)
        self.names = (
            selectors.economic_code_names()
            if names == "economic"
            else selectors.unit_names(administration_id=self.administration.pk)
            if names == "unit"
            else {}
        )
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.budget_aggregates(
            administration_id=self.administration.pk, year=self.year or 0, levels=self.levels
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs.update(names=self.names, with_level=len(self.levels) > 1)
        return kwargs

    def get_table_kwargs(self):
        return {"names": self.names}

    def get_export_filename(self, export_format):
        return f"butce-{self.kwargs['report']}-{self.year}.{export_format}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        aggregates = selectors.budget_aggregates(
            administration_id=self.administration.pk,
            year=self.year or 0,
            levels=(Level.TOTAL, self.chart_level) if self.chart_level else (Level.TOTAL,),
        )
        total = next((a for a in aggregates if a.level == Level.TOTAL), None)
        charted = [a for a in aggregates if a.level == self.chart_level]
        context.update(
            title=self.title,
            report=self.kwargs["report"],
            reports=[(slug, spec[0]) for slug, spec in REPORTS.items()],
            year=self.year,
            years=self.years,
            total=total,
            chart=_chart(charted, self.names) if charted else None,
            monthly_chart=_monthly_chart(
                selectors.monthly_spending(administration_id=self.administration.pk, year=self.year), total
            )
            if self.year and total and self.kwargs["report"] == "uygulama"
            else None,
            can_enter=self.request.user.has_perm("budget.enter_budget", self.administration),
        )
        return context


class BudgetLineListView(ExportMixin, SingleTableMixin, FilterView):
    """A year's budget lines; financial services open one to enter transfers and spending."""

    template_name = "budget/lines.html"
    table_class = BudgetLineTable
    filterset_class = BudgetLineFilter
    export_formats = ("xlsx", "csv", "csv_excel")
    export_class = SafeTableExport
    paginate_by = 100

    def dispatch(self, request, *args, **kwargs):
        self.administration = _administration(request)
        self.years, self.year = _year(request, self.administration)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.budget_lines(administration_id=self.administration.pk, year=self.year or 0)

    def get_export_filename(self, export_format):
        return f"butce-satirlari-{self.year}.{export_format}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            year=self.year,
            years=self.years,
            reports=[(slug, spec[0]) for slug, spec in REPORTS.items()],
            can_enter=self.request.user.has_perm("budget.enter_budget", self.administration),
        )
        return context


def _line(request, pk: int, perm: str) -> BudgetLine:
    administration = _administration(request, perm)
    return get_object_or_404(
        BudgetLine.objects.filter(administration=administration).select_related(
            "economic_code", "activity__sub_program__program", "unit"
        ),
        pk=pk,
    )


def _render_line(request, line: BudgetLine, *, status: int = 200, **forms) -> HttpResponse:
    can_enter = request.user.has_perm("budget.enter_budget", line)
    version = {"version": line.version}
    context = {
        "line": line,
        "figures": line.figures,
        "can_enter": can_enter,
        **selectors.line_detail(line=line),
    }
    if can_enter:
        context.update(
            initial_form=forms.get("initial_form")
            or InitialForm(initial={"initial_appropriation": line.initial_appropriation, **version}),
            transfer_form=forms.get("transfer_form") or TransferForm(line=line, initial=version),
            spending_form=forms.get("spending_form") or SpendingForm(initial=version),
        )
    return render(request, "budget/line.html", context, status=status)


def line_detail(request, pk: int) -> HttpResponse:
    """A line's figures, its transfers, its months and (for financial services) the entry forms."""
    return _render_line(request, _line(request, pk, "budget.view_budget"))


def _saved(request, line: BudgetLine, action, form_name: str, form) -> HttpResponse:
    """Run a service; on a refusal show the page again with the message and nothing saved."""
    try:
        action()
    except ApplicationError as exc:
        status = refuse(request, exc)
        line.refresh_from_db()
        # After a concurrent edit the page shows what is saved now, not the form as it was typed.
        forms = {} if isinstance(exc, ConcurrentEditError) else {form_name: form}
        return _render_line(request, line, status=status, **forms)
    messages.success(request, _("Kaydedildi. Tablolar yeniden hesaplanıyor."))
    return redirect("budget:line", pk=line.pk)


@require_POST
def line_transfer(request, pk: int) -> HttpResponse:
    """Record an ekleme to, a düşme from or an aktarma from this line."""
    line = _line(request, pk, "budget.enter_budget")
    form = TransferForm(request.POST, line=line)
    if not form.is_valid():
        return _render_line(request, line, status=400, transfer_form=form)
    data = form.cleaned_data
    kind = data["kind"]
    from_line = line if kind in (TransferKind.DEDUCTION, TransferKind.TRANSFER) else None
    to_line = data["other_line"] if kind == TransferKind.TRANSFER else line if kind == TransferKind.ADDITION else None
    return _saved(
        request,
        line,
        lambda: services.budget_transfer_create(
            kind=kind,
            date=data["date"],
            amount=data["amount"],
            reason=data["reason"],
            from_line=from_line,
            to_line=to_line,
            expected_versions={line.pk: data["version"]},
            actor=request.user,
        ),
        "transfer_form",
        form,
    )


@require_POST
def line_spending(request, pk: int) -> HttpResponse:
    """Set this line's spending of one month."""
    line = _line(request, pk, "budget.enter_budget")
    form = SpendingForm(request.POST)
    if not form.is_valid():
        return _render_line(request, line, status=400, spending_form=form)
    data = form.cleaned_data
    return _saved(
        request,
        line,
        lambda: services.budget_spending_set(
            line=line, month=data["month"], amount=data["amount"], expected_version=data["version"], actor=request.user
        ),
        "spending_form",
        form,
    )


@require_POST
def line_initial(request, pk: int) -> HttpResponse:
    """Change this line's KBÖ."""
    line = _line(request, pk, "budget.enter_budget")
    form = InitialForm(request.POST)
    if not form.is_valid():
        return _render_line(request, line, status=400, initial_form=form)
    data = form.cleaned_data
    return _saved(
        request,
        line,
        lambda: services.budget_line_update(
            line=line,
            initial_appropriation=data["initial_appropriation"],
            expected_version=data["version"],
            actor=request.user,
        ),
        "initial_form",
        form,
    )


def line_create(request) -> HttpResponse:
    """Add a budget line to a year (financial services)."""
    administration = _administration(request, "budget.enter_budget")
    years, year = _year(request, administration)
    raw = request.POST.get("year") or request.GET.get("year")
    if raw and raw.isdigit() and 2000 <= int(raw) <= 2100:
        year = int(raw)
    form = BudgetLineForm(request.POST or None, administration=administration, year=year or 0)
    status = 200
    if request.method == "POST" and year:
        if form.is_valid():
            data = form.cleaned_data
            try:
                line = services.budget_line_create(
                    administration=administration,
                    year=year,
                    economic_code=data["economic_code"],
                    activity=data["activity"],
                    unit=data["unit"],
                    initial_appropriation=data["initial_appropriation"],
                    actor=request.user,
                )
            except ApplicationError as exc:
                messages.error(request, exc.message)
                status = 400
            else:
                messages.success(request, _("Bütçe satırı eklendi."))
                return redirect("budget:line", pk=line.pk)
        else:
            status = 400
    return render(request, "budget/line_form.html", {"form": form, "year": year, "years": years}, status=status)


class MoneyAndPerformanceView(TemplateView):
    """Per sub-programme: the money of its activities beside its indicators and the SP targets served."""

    template_name = "budget/money_performance.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        administration = _administration(self.request)
        years, year = _year(self.request, administration)
        context.update(
            administration=administration,
            years=years,
            year=year,
            rows=selectors.money_beside_performance(administration_id=administration.pk, year=year) if year else [],
            lines_url=reverse("budget:lines"),
        )
        return context
