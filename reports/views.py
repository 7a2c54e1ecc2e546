"""Pages of the reports app: the home page and the printed-report audit."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django_tables2 import RequestConfig

from accounts.access import administration_or_403
from accounts.permissions import only_financial_services
from accounts.selectors import administration_for_user, visible_units
from core import clock
from core.exceptions import ApplicationError
from core.refusals import refuse
from core.requests import chosen_year
from indicators.tables import PPIndicatorTable
from plans.locks import closed_years
from plans.selectors import latest_programme_year, plan_years, year_choices
from plans.tables import SPIndicatorTable
from reports.printed import printed_differences
from reports.readiness import audit_readiness
from reports.selectors import WORK_KINDS, work_items, year_overview
from reports.services import year_close
from reports.tables import PrintedDifferenceTable

ROWS_PER_TABLE = 50


class HomeView(TemplateView):
    template_name = "reports/home.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.context_data["administration"] is None:
            # A user without a role is refused like on every other page (403), with the page saying why.
            response.status_code = 403
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        administration = administration_for_user(user=self.request.user)
        context["administration"] = administration
        if administration is None:
            return context
        years, latest = year_choices(administration=administration)
        year = chosen_year(self.request, years, default=latest)
        context["years"] = years
        context["year"] = year
        if year is None:
            return context
        units = visible_units(user=self.request.user).filter(administration=administration)
        overview = year_overview(administration=administration, year=year, units=units)
        context["overview"] = overview
        context["aim_tables"] = [
            (section.aim, SPIndicatorTable(section.indicators, prefix=f"a{section.aim.pk}-"))
            for section in overview.aims
        ]
        context["sub_program_tables"] = [
            (section.sub_program, PPIndicatorTable(section.indicators, prefix=f"s{section.sub_program.pk}-"))
            for section in overview.sub_programs
        ]
        # Each table pages on its own, so a large programme year still renders quickly.
        config = RequestConfig(self.request, paginate={"per_page": ROWS_PER_TABLE})
        for _section, table in context["aim_tables"] + context["sub_program_tables"]:
            config.configure(table)
        return context


class PrintedAuditView(TemplateView):
    """The strategy directorate's list of printed figures the rules do not reproduce."""

    template_name = "reports/printed_audit.html"

    def get_context_data(self, **kwargs):
        administration = administration_or_403(self.request, "reports.view_printed_audit")
        context = super().get_context_data(**kwargs)
        years, latest = year_choices(administration=administration)
        year = chosen_year(self.request, years, default=latest)
        differences = printed_differences(administration=administration, year=year) if year else []
        context.update(
            administration=administration,
            years=years,
            year=year,
            table=PrintedDifferenceTable(differences),
            difference_count=len(differences),
        )
        return context


class AuditReadinessView(TemplateView):
    """Denetime hazırlık: the year's performance information as the Court of Accounts reads it."""

    template_name = "reports/audit_readiness.html"

    def get_context_data(self, **kwargs):
        administration = administration_or_403(self.request, "reports.view_audit_readiness")
        context = super().get_context_data(**kwargs)
        years, latest = year_choices(administration=administration)
        year = chosen_year(self.request, years, default=latest)
        report = audit_readiness(administration=administration, year=year, today=clock.today()) if year else None
        context.update(
            administration=administration,
            years=years,
            year=year,
            report=report,
            closed=bool(year and closed_years(administration_id=administration.pk, years=[year])),
            can_close=self.request.user.has_perm("reports.close_year", administration),
            can_export=self.request.user.has_perm("exports.generate", administration),
        )
        return context


@require_POST
def audit_readiness_close(request):
    """Close the year from Denetime hazırlık: its findings are warnings, the admin confirms and closes."""
    administration = administration_or_403(request, "reports.close_year")
    raw = request.POST.get("year") or ""
    years = plan_years(administration=administration)
    year = int(raw) if raw.isdigit() and int(raw) in years else None
    back = reverse("audit_readiness") + (f"?year={year}" if year else "")
    if year is None:
        messages.error(request, _("Kapatılacak yılı listeden seçin."))
        return redirect(back)
    if request.POST.get("confirm") != "1":
        messages.error(request, _("Yılı kapatmak için bulguları gördüğünüzü onaylayın."))
        return redirect(back)
    try:
        closing = year_close(administration_id=administration.pk, year=year, actor=request.user)
    except ApplicationError as error:
        refuse(request, error)
        return redirect(back)
    messages.success(request, _("%(year)s yılı kapatıldı; Form-4 donduruldu.") % {"year": year})
    count = closing.readiness.finding_count
    if count:
        warning = ngettext(
            "Yıl, denetime hazırlığın %(n)s bulgusuyla kapatıldı (uyarı; kapatmayı engellemez).",
            "Yıl, denetime hazırlığın %(n)s bulgusuyla kapatıldı (uyarı; kapatmayı engellemez).",
            count,
        )
        messages.warning(request, warning % {"n": count})
    return redirect(back)


class MyWorkView(TemplateView):
    """İşlerim: what the person is expected to do now, with deadlines and links, for every role."""

    template_name = "reports/my_work.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        administration = administration_for_user(user=self.request.user)
        latest = latest_programme_year(administration=administration) if administration else None
        years = [latest, latest - 1] if latest else []
        context["items"] = work_items(
            user=self.request.user, administration=administration, years=years, today=clock.today()
        )
        context["kinds"] = WORK_KINDS
        context["today"] = clock.today()
        context["only_finance"] = only_financial_services(self.request.user)
        return context


def start(request):
    """Where a log-in lands: financial services (and no other role) on the budget, everyone else on İşlerim."""
    if request.user.is_authenticated and only_financial_services(request.user):
        return redirect("budget:execution")
    return redirect("my_work")
