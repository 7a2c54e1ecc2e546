"""Reads that put several apps' data side by side for one page."""

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import Administration, Unit
from accounts.permissions import UNIT_ROLES, role_index
from core.db import turkish_order
from indicators.models import PPIndicator
from indicators.selectors import at_risk_condition, default_quarter, pp_indicators_for_year
from plans.models import Aim, PerformanceProgram, SPIndicator, SPIndicatorYear, StrategicPlan, SubProgram, TargetYear
from plans.selectors import sp_indicators_for_year, strategic_plan_for_year, yearly_texts
from submissions.choices import SubmissionState
from submissions.models import Evidence
from submissions.selectors import form_grid, review_queue


def form4_order() -> tuple:
    """Return the order of Form-4's rows, the same for the live table and the frozen summary.

    Tablo 16 as the report prints it: programmes in the programme's order, their sub-programmes in
    Turkish alphabetical order, then each goal's indicators in the programme's order.
    """
    return ("sub_program__program__seq", turkish_order("sub_program__name"), "goal__seq", "seq", "code")


@dataclass
class AimSection:
    aim: Aim
    indicators: list[SPIndicator]


@dataclass
class SubProgramSection:
    sub_program: SubProgram
    indicators: list[PPIndicator]


@dataclass
class YearOverview:
    """The strategic plan and the performance programme of one year, grouped for display."""

    year: int
    plan: StrategicPlan | None
    aims: list[AimSection] = field(default_factory=list)
    sub_programs: list[SubProgramSection] = field(default_factory=list)


def year_overview(*, administration: Administration, year: int, units: QuerySet[Unit] | None = None) -> YearOverview:
    """Return the year's plan (aims → targets → indicators) and programme (sub-programmes → indicators).

    The strategic plan is a published document; the programme's indicators are limited to `units`.
    """
    plan = strategic_plan_for_year(administration=administration, year=year)
    overview = YearOverview(year=year, plan=plan)
    if plan is not None:
        indicators = list(sp_indicators_for_year(plan=plan, year=year))
        overview.aims = [
            AimSection(aim=aim, indicators=list(rows)) for aim, rows in groupby(indicators, key=lambda i: i.target.aim)
        ]
    pp = list(pp_indicators_for_year(administration=administration, year=year, units=units))
    overview.sub_programs = [
        SubProgramSection(sub_program=sub_program, indicators=list(rows))
        for sub_program, rows in groupby(pp, key=lambda i: i.sub_program)
    ]
    return overview


# --- İşlerim: what a person is expected to do now ----------------------------------------------------


@dataclass(frozen=True)
class WorkItem:
    """One thing a person should do now: what, for which unit and period, until when, and where."""

    kind: str  # one of WORK_KINDS
    title: str
    url: str
    deadline: date | None = None
    late: bool = False
    detail: str = ""


WORK_KINDS = {
    "returned": gettext_lazy("İade edilen form"),
    "fill": gettext_lazy("Doldurulacak form"),
    "submit": gettext_lazy("Gönderilecek form"),
    "evidence": gettext_lazy("Eksik kanıt"),
    "review": gettext_lazy("İncelenecek form"),
    "texts": gettext_lazy("Değerlendirme metni"),
    "late_forms": gettext_lazy("Gecikmiş form"),
    "accept_texts": gettext_lazy("Kabul edilecek metin"),
    "readiness": gettext_lazy("Denetime hazırlık"),
    "budget": gettext_lazy("Bütçe"),
    # What to keep an eye on, after what to do.
    "at_risk": gettext_lazy("Risk altındaki göstergeler"),
    "progress": gettext_lazy("Dönemin durumu"),
}


def _own_unit_ids(user) -> set[int]:
    return {unit_id for _admin, unit_id, role in role_index(user) if role in UNIT_ROLES}


def _form_items(user, *, unit_ids: set[int], year: int, today: date) -> list[WorkItem]:
    """Open quarters of the user's units still to fill, submit or correct, and the evidence they miss."""
    units = Unit.objects.filter(pk__in=unit_ids)
    items: list[WorkItem] = []
    open_cells: dict[tuple[int, int], tuple[Unit, date | None]] = {}
    for row in form_grid(units=units, year=year, today=today):
        approver = user.has_perm("submissions.submit_form", row.unit)
        for cell in row.cells:
            if cell.lock is not None or cell.state not in (SubmissionState.DRAFT, SubmissionState.RETURNED):
                continue
            open_cells[(row.unit.pk, cell.quarter)] = (row.unit, cell.deadline)
            url = reverse("submissions:unit_quarter", args=[row.unit.code, year, cell.quarter])
            period = _("%(year)s/%(quarter)s. dönem") % {"year": year, "quarter": cell.quarter}
            if cell.state == SubmissionState.RETURNED:
                kind, title = "returned", _("İade edilen formu düzeltip yeniden gönderin")
            elif approver:
                kind, title = "submit", _("Form-3'ü tamamlayıp gönderin")
            else:
                kind, title = "fill", _("Form-3 değerlerini girin")
            items.append(
                WorkItem(kind, title, url, deadline=cell.deadline, late=cell.late, detail=f"{row.unit.name} · {period}")
            )
    if open_cells:
        items += _evidence_items(open_cells, year=year)
    return items


def _evidence_items(open_cells: dict[tuple[int, int], tuple[Unit, date | None]], *, year: int) -> list[WorkItem]:
    """The indicators requiring evidence with no file in an open quarter (two queries)."""
    required = list(
        PPIndicator.objects.filter(
            responsible_unit_id__in={unit_id for unit_id, _q in open_cells},
            performance_program__year=year,
            evidence_required=True,
        ).order_by("code")
    )
    if not required:
        return []
    present = set(
        Evidence.objects.filter(indicator__in=required, removed_at__isnull=True).values_list("indicator_id", "quarter")
    )
    items = []
    for (unit_id, quarter), (unit, deadline) in sorted(open_cells.items(), key=lambda kv: kv[0][1]):
        codes = [i.code for i in required if i.responsible_unit_id == unit_id and (i.pk, quarter) not in present]
        if codes:
            items.append(
                WorkItem(
                    "evidence",
                    _("Kanıt dosyası ekleyin: %(codes)s") % {"codes": ", ".join(codes)},
                    reverse("submissions:unit_quarter", args=[unit.code, year, quarter]) + "#evidence-title",
                    deadline=deadline,
                    detail=f"{unit.name} · " + _("%(year)s/%(quarter)s. dönem") % {"year": year, "quarter": quarter},
                )
            )
    return items


def _texts_due(*, year: int, today: date) -> bool:
    """A year's evaluation texts are asked for once its last quarter has begun (they explain the year's result)."""
    return today >= date(year, 10, 1)


def _text_items(*, administration: Administration, unit_ids: set[int], year: int, today: date) -> list[WorkItem]:
    """The year's evaluation texts of the user's units: each returned one, then per unit those to write (four queries).

    A target's texts are to write until submitted (no row yet, or a draft); an SP indicator's too.
    """
    targets, sp_rows = yearly_texts(
        administration=administration, year=year, units=Unit.objects.filter(pk__in=unit_ids)
    )
    items: list[WorkItem] = []
    to_write: dict[int, list[str]] = {}
    units: dict[int, Unit] = {}
    for target in targets:
        year_rows = getattr(target, "year_rows", [])  # prefetched by yearly_texts
        row = year_rows[0] if year_rows else None
        state = row.text_state if row else SubmissionState.DRAFT
        units[target.responsible_unit_id] = target.responsible_unit
        if state == SubmissionState.RETURNED:
            items.append(
                WorkItem(
                    "texts",
                    _("İade edilen hedef metnini düzeltin: %(code)s") % {"code": target.code},
                    reverse("plans:target_texts", args=[target.pk, year]),
                    detail=target.responsible_unit.name,
                )
            )
        elif state == SubmissionState.DRAFT:
            to_write.setdefault(target.responsible_unit_id, []).append(target.code)
    for row in sp_rows:
        indicator = row.indicator
        units[indicator.responsible_unit_id] = indicator.responsible_unit
        if row.text_state == SubmissionState.RETURNED:
            items.append(
                WorkItem(
                    "texts",
                    _("İade edilen gösterge metnini düzeltin: %(code)s") % {"code": indicator.code},
                    reverse("plans:sp_texts", args=[indicator.pk, year]),
                    detail=indicator.responsible_unit.name,
                )
            )
        elif row.text_state == SubmissionState.DRAFT:
            to_write.setdefault(indicator.responsible_unit_id, []).append(indicator.code)
    if _texts_due(year=year, today=today):
        for unit_id, codes in to_write.items():
            items.append(
                WorkItem(
                    "texts",
                    ngettext(
                        "%(year)s yılının %(n)s değerlendirme metnini yazıp gönderin",
                        "%(year)s yılının %(n)s değerlendirme metnini yazıp gönderin",
                        len(codes),
                    )
                    % {"year": year, "n": len(codes)},
                    reverse("plans:texts_index") + f"?year={year}",
                    detail=f"{units[unit_id].name} · " + ", ".join(codes),
                )
            )
    return items


def _names(names: list[str], shown: int = 5) -> str:
    """The first names of a list, then how many more."""
    if len(names) <= shown:
        return ", ".join(names)
    more = len(names) - shown
    return ", ".join(names[:shown]) + " " + ngettext("ve %(n)s diğeri", "ve %(n)s diğeri", more) % {"n": more}


def _directorate_items(user, *, administration: Administration, year: int, today: date, closed: bool) -> list[WorkItem]:
    """For the administration-wide roles: the quarter's progress, the units late with their forms (for the
    directorate, who reminds them) and, in the current year, the indicators at risk (seven queries)."""
    quarter = default_quarter(year=year, today=today)
    period = _("%(year)s/%(quarter)s. dönem") % {"year": year, "quarter": quarter}
    rows = form_grid(units=Unit.objects.filter(administration=administration), year=year, today=today)
    items: list[WorkItem] = []
    if rows and not closed:
        approved = sum(row.cells[quarter - 1].state == SubmissionState.APPROVED for row in rows)
        items.append(
            WorkItem(
                "progress",
                _("%(period)s: %(approved)s / %(total)s birimin formu onaylandı")
                % {"period": period, "approved": approved, "total": len(rows)},
                reverse("submissions:forms_index") + f"?year={year}",
            )
        )
    late = [row.unit.name for row in rows if any(cell.late for cell in row.cells)]
    if late and user.has_perm("submissions.review", administration):
        items.append(
            WorkItem(
                "late_forms",
                ngettext(
                    "%(n)s birim süresi geçen formunu göndermedi",
                    "%(n)s birim süresi geçen formunu göndermedi",
                    len(late),
                )
                % {"n": len(late)},
                reverse("submissions:forms_index") + f"?year={year}&late=1",
                late=True,
                detail=_names(late),
            )
        )
    if not closed and year >= today.year:  # a past year's result is known: no longer a risk
        risky = (
            PPIndicator.objects.filter(
                performance_program__administration=administration, performance_program__year=year
            )
            .filter(at_risk_condition(quarter))
            .count()
        )
        if risky:
            items.append(
                WorkItem(
                    "at_risk",
                    ngettext(
                        "%(n)s gösterge yıl sonunda hedefin gerisinde kalabilir (%(period)s)",
                        "%(n)s gösterge yıl sonunda hedefin gerisinde kalabilir (%(period)s)",
                        risky,
                    )
                    % {"n": risky, "period": period},
                    reverse("dashboards:indicator_table") + f"?year={year}&quarter={quarter}&at_risk=true",
                )
            )
    return items


def _review_items(*, administration: Administration, year: int) -> list[WorkItem]:
    """Forms waiting for the directorate, oldest first, and the texts waiting for acceptance (three queries)."""
    items = [
        WorkItem(
            "review",
            _("Formu inceleyin, onaylayın ya da iade edin"),
            reverse("submissions:unit_quarter", args=[s.unit.code, s.year, s.quarter]),
            detail=f"{s.unit.name} · " + _("%(year)s/%(quarter)s. dönem") % {"year": s.year, "quarter": s.quarter},
        )
        for s in review_queue(administration_id=administration.pk).order_by("submitted_at", "pk")
    ]
    waiting = (
        TargetYear.objects.filter(
            target__aim__plan__administration=administration, year=year, text_state=SubmissionState.SUBMITTED
        ).count()
        + SPIndicatorYear.objects.filter(
            indicator__target__aim__plan__administration=administration, year=year, text_state=SubmissionState.SUBMITTED
        ).count()
    )
    if waiting:
        items.append(
            WorkItem(
                "accept_texts",
                ngettext(
                    "%(n)s değerlendirme metni kabulünüzü bekliyor",
                    "%(n)s değerlendirme metni kabulünüzü bekliyor",
                    waiting,
                )
                % {"n": waiting},
                reverse("plans:texts_index") + f"?year={year}",
            )
        )
    return items


def _readiness_items(*, administration: Administration, years: list[int], today: date) -> list[WorkItem]:
    """For admins: each past year still open, to review its Denetime hazırlık and close it (one query)."""
    open_years = PerformanceProgram.objects.filter(
        administration=administration, year__in=[y for y in years if y < today.year], is_closed=False
    ).values_list("year", flat=True)
    return [
        WorkItem(
            "readiness",
            _("%(year)s yılının denetime hazırlığını gözden geçirip yılı kapatın") % {"year": year},
            reverse("audit_readiness") + f"?year={year}",
        )
        for year in sorted(open_years)
    ]


def work_items(*, user, administration: Administration | None, years: list[int], today: date) -> list[WorkItem]:
    """Return what the user is expected to do now in the given years, most urgent first.

    A constant number of queries whatever the number of units, indicators and forms.
    """
    if administration is None:
        return []
    items: list[WorkItem] = []
    unit_ids = _own_unit_ids(user)
    # The years monitored (with a performance programme) and whether each is closed (one query).
    programmes = dict(
        PerformanceProgram.objects.filter(administration=administration, year__in=years).values_list(
            "year", "is_closed"
        )
    )
    closed = {year for year, is_closed in programmes.items() if is_closed}
    for year in years:
        if unit_ids:
            items += _form_items(user, unit_ids=unit_ids, year=year, today=today)
            if year in programmes and year not in closed:
                items += _text_items(administration=administration, unit_ids=unit_ids, year=year, today=today)
        if user.has_perm("submissions.review", administration):
            items += _review_items(administration=administration, year=year)
    if years and user.has_perm("plans.view_plan", administration):
        items += _directorate_items(
            user, administration=administration, year=years[0], today=today, closed=years[0] in closed
        )
    if user.has_perm("reports.close_year", administration):
        items += _readiness_items(administration=administration, years=years, today=today)
    if user.has_perm("budget.enter_budget", administration):
        items.append(WorkItem("budget", _("Bütçe: ödenek, aktarma ve harcama girişleri"), reverse("budget:execution")))
    order = list(WORK_KINDS)
    return sorted(items, key=lambda i: (not i.late, i.deadline or date.max, order.index(i.kind)))
