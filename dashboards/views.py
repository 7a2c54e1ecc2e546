"""The dashboards: a year's overview and the drill-down to one indicator. They read stored results."""

from decimal import Decimal

from django.core.cache import cache
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import translation
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export.views import ExportMixin

from accounts.access import administration_or_403
from accounts.permissions import can_see_whole_administration
from accounts.selectors import unit_visible, visible_units, visible_units_scope
from budget.selectors import execution_summary
from core import clock
from core.requests import chosen_year
from core.tables import SafeTableExport
from dashboards.filters import PPIndicatorFilter
from dashboards.presenters import indicator_chart, sp_indicator_chart, status_chart, sub_program_chart
from dashboards.selectors import (
    CACHE_SECONDS,
    STATUS_ORDER,
    at_risk,
    overview_page_key,
    sp_indicator_years,
    status_overview,
    target_performance_by_year,
)
from dashboards.tables import PPIndicatorResultTable
from indicators.calculations import status_band
from indicators.models import PPIndicator, QuarterlyValue
from indicators.selectors import default_quarter
from plans.choices import Status
from plans.models import SPIndicator
from plans.selectors import strategic_plan_for_year, year_choices
from submissions.choices import SubmissionState
from submissions.selectors import form_grid, quarter_evidence

QUARTERS = (1, 2, 3, 4)


def chosen_quarter(request, *, year: int) -> int:
    """The quarter asked for (?quarter=1…4), else the one the year's overview opens on."""
    asked = request.GET.get("quarter", "")
    if asked.isdigit() and int(asked) in QUARTERS:
        return int(asked)
    return default_quarter(year=year, today=clock.today())


def _scope(request):
    administration = administration_or_403(request)
    units = visible_units(user=request.user).filter(administration=administration)
    return administration, units


class OverviewView(TemplateView):
    """Status counts, charts, the at-risk list, target performance and submission completeness."""

    template_name = "dashboards/overview.html"
    body_template_name = "dashboards/overview_body.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        administration, units = _scope(self.request)
        years, latest = year_choices(administration=administration)
        year = chosen_year(self.request, years, default=latest)
        context.update(administration=administration, years=years, year=year, quarters=QUARTERS)
        if year is None:
            return context
        quarter = chosen_quarter(self.request, year=year)
        whole = can_see_whole_administration(self.request.user)
        sees_budget = self.request.user.has_perm("budget.view_budget", administration)
        today = clock.today()
        # The page's body is kept until anything it shows changes (see overview_page_key).
        key = overview_page_key(
            administration_id=administration.pk,
            year=year,
            quarter=quarter,
            unit_scope=visible_units_scope(user=self.request.user),
            whole_administration=whole,
            sees_budget=sees_budget,
            today=today,
            language=translation.get_language(),
        )
        body = cache.get(key)
        if body is None:
            body_context = self._body(administration, units, whole, year, quarter, today)
            body_context["budget"] = execution_summary(administration, year) if sees_budget else None
            body = render_to_string(self.body_template_name, body_context, request=self.request)
            cache.set(key, body, CACHE_SECONDS)
        context.update(quarter=quarter, body=body)
        return context

    def _body(self, administration, units, whole, year, quarter, today) -> dict:
        overview = status_overview(administration_id=administration.pk, year=year, quarter=quarter, units=units)
        grid = form_grid(units=units, year=year, today=today)
        # Completeness as it stood for the chosen quarter: the quarters up to it that are due.
        due = [cell for row in grid for cell in row.cells if cell.lock != "not_yet_open" and cell.quarter <= quarter]
        on_time = [cell for cell in due if not cell.late]
        plan = strategic_plan_for_year(administration=administration, year=year)
        plan_year_list, target_rows = target_performance_by_year(plan=plan) if plan else ([], [])
        if not whole:
            unit_ids = set(units.values_list("pk", flat=True))
            target_rows = [row for row in target_rows if row.target.responsible_unit_id in unit_ids]
        labels = {s.value: str(s.label) for s in Status}
        return {
            "year": year,
            "overview": overview,
            "quarter": quarter,
            "status_labels": labels,
            "state_labels": {s.value: str(s.label) for s in SubmissionState},
            "at_risk": at_risk(ids=overview.at_risk_ids, quarter=quarter),
            "at_risk_count": overview.at_risk_count,
            "at_risk_band": status_band(Status.NOT_REACHED),
            "grid": grid,
            "quarters": QUARTERS,
            "due_count": len(due),
            "on_time_share": None if not due else Decimal(len(on_time) * 100) / len(due),
            "plan": plan,
            "plan_years": plan_year_list,
            "target_rows": target_rows,
            "status_chart": status_chart(
                counts=overview.overall.counts,
                trend_counts=overview.trend.counts if overview.trend else None,
                order=STATUS_ORDER,
            ),
            "sub_program_chart": sub_program_chart(
                groups=[(b.name, b.counts) for b in overview.by_sub_program], order=STATUS_ORDER
            ),
        }


class IndicatorDetailView(TemplateView):
    """One PP indicator: its quarters against the target (cumulative for SUM), narratives, history."""

    template_name = "dashboards/indicator.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pk = self.kwargs["pk"]
        administration = administration_or_403(self.request)
        indicator = get_object_or_404(
            PPIndicator.objects.filter(performance_program__administration=administration)
            .select_related("performance_program", "sub_program__program", "responsible_unit", "result", "sp_indicator")
            # In quarter order only: the values' default order joins the indicator's programme tables.
            .prefetch_related(Prefetch("quarterly_values", queryset=QuarterlyValue.objects.order_by("quarter"))),
            pk=pk,
        )
        # Another unit's indicator is not found at all, as if filtered by visible_units (no subquery).
        if not unit_visible(user=self.request.user, unit=indicator.responsible_unit):
            raise Http404
        quarters = {q.quarter: q for q in indicator.quarterly_values.all()}
        values = [quarters[q].value if q in quarters else None for q in (1, 2, 3, 4)]
        evidence = quarter_evidence(indicator_ids=[indicator.pk])
        context.update(
            indicator=indicator,
            quarters=[(q, quarters.get(q), evidence.get((indicator.pk, q), [])) for q in (1, 2, 3, 4)],
            chart=indicator_chart(values=values, target=indicator.target_value, aggregation=indicator.aggregation),
        )
        return context


class IndicatorTableView(ExportMixin, SingleTableMixin, FilterView):
    """Every PP indicator of a year with its stored result: filter, search, sort, page, download."""

    template_name = "dashboards/indicator_table.html"
    table_class = PPIndicatorResultTable
    filterset_class = PPIndicatorFilter
    paginate_by = 50
    export_formats = ("xlsx", "csv", "csv_excel")
    export_class = SafeTableExport

    def dispatch(self, request, *args, **kwargs):
        self.administration, self.units = _scope(request)
        self.years, latest = year_choices(administration=self.administration)
        self.year = chosen_year(request, self.years, default=latest)
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs.update(units=self.units, year=self.year, administration=self.administration)
        return kwargs

    def get_queryset(self):
        return PPIndicator.objects.filter(
            performance_program__administration=self.administration,
            performance_program__year=self.year,
            responsible_unit__in=self.units,
        ).select_related("sub_program", "responsible_unit", "result")

    def get_export_filename(self, export_format):
        return f"performans-gostergeleri-{self.year}.{export_format}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(year=self.year, years=self.years)
        return context


class SPIndicatorDetailView(TemplateView):
    """One SP indicator: A, and B, C and P for each plan year, with a chart over the plan years."""

    template_name = "dashboards/sp_indicator.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        administration, units = _scope(self.request)
        indicators = SPIndicator.objects.filter(target__aim__plan__administration=administration)
        if not can_see_whole_administration(self.request.user):
            indicators = indicators.filter(responsible_unit__in=units)
        indicator = get_object_or_404(
            indicators.select_related("target__aim__plan", "responsible_unit").prefetch_related(
                "years", "results", "pp_indicators"
            ),
            pk=self.kwargs["pk"],
        )
        years = sp_indicator_years(indicator=indicator)
        context.update(
            indicator=indicator,
            years=years,
            chart=sp_indicator_chart(
                years=[y.year for y in years],
                baseline=indicator.baseline,
                targets=[y.target for y in years],
                actuals=[y.actual for y in years],
            ),
        )
        return context
