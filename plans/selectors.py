"""Reads of the strategic plan and the performance-programme structure."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Count, Prefetch, Q, QuerySet, Value
from django.utils.translation import gettext as _

from accounts.models import Administration
from core.exceptions import ApplicationError
from core.numbers import format_decimal
from indicators.models import PPIndicator
from plans.calculations import code_nested, units_compatible, weight_sum, weights_complete
from plans.models import (
    Aim,
    PerformanceProgram,
    Program,
    RetiredPPCode,
    Revision,
    SPIndicator,
    SPIndicatorYear,
    StrategicPlan,
    SubProgram,
    SubProgramGoal,
    Target,
    TargetResult,
    TargetYear,
)


def plan_years(*, administration: Administration) -> list[int]:
    """Return every year with a performance programme or inside a strategic plan, newest first."""
    return year_choices(administration=administration)[0]


def year_choices(*, administration: Administration) -> tuple[list[int], int | None]:
    """Return the years a page offers (plan_years) and the newest with a performance programme, the
    page's default year (latest_programme_year): one query for both."""
    # Unordered: a compound statement's parts take no ORDER BY (SQLite refuses one).
    programmes = (
        PerformanceProgram.objects.filter(administration=administration)
        .order_by()
        .values_list(Value(True, output_field=BooleanField()), "year", "year")
    )
    plans = (
        StrategicPlan.objects.filter(administration=administration)
        .order_by()
        .values_list(Value(False, output_field=BooleanField()), "start_year", "end_year")
    )
    years: set[int] = set()
    programme_years = []
    for is_programme, start, end in programmes.union(plans, all=True):
        years.update(range(start, end + 1))
        if is_programme:
            programme_years.append(start)
    return sorted(years, reverse=True), max(programme_years, default=None)


def programme_for_year(*, administration_id: int, year: int, for_update: bool = False) -> PerformanceProgram:
    """Return the year's performance programme; refuse with one message when the year has none
    (closing, reopening, exports, recomputing and the printed-report check all ask this)."""
    programmes = PerformanceProgram.objects.filter(administration_id=administration_id, year=year)
    programme = (programmes.select_for_update() if for_update else programmes).first()
    if programme is None:
        raise ApplicationError(_("%(year)s yılı için performans programı yok.") % {"year": year})
    return programme


def latest_programme_year(*, administration: Administration) -> int | None:
    """Return the newest year that has a performance programme."""
    return (
        PerformanceProgram.objects.filter(administration=administration)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )


def strategic_plan_for_year(*, administration: Administration, year: int) -> StrategicPlan | None:
    """Return the strategic plan whose period covers the year, if any."""
    return (
        StrategicPlan.objects.filter(administration=administration, start_year__lte=year, end_year__gte=year)
        .order_by("-start_year")
        .first()
    )


def sp_indicators_for_year(*, plan: StrategicPlan, year: int) -> QuerySet[SPIndicator]:
    """Return the plan's SP indicators in aim/target order, each with `year_rows` for the year.

    `pp_link_count` tells whether C is derived from linked PP indicators rather than entered.
    """
    return (
        SPIndicator.objects.filter(target__aim__plan=plan)
        .annotate(pp_link_count=Count("pp_indicators"))
        .select_related("target__aim", "target__responsible_unit", "responsible_unit")
        .prefetch_related(Prefetch("years", queryset=SPIndicatorYear.objects.filter(year=year), to_attr="year_rows"))
        .order_by("target__aim__code", "target__code", "code")
    )


# --- Plan maintenance ---------------------------------------------------------------------------


def plans_for(*, administration: Administration) -> QuerySet[StrategicPlan]:
    """Return the administration's strategic plans, newest first."""
    return StrategicPlan.objects.filter(administration=administration).order_by("-start_year")


def programmes_for(*, administration: Administration) -> QuerySet[PerformanceProgram]:
    """Return the administration's performance programmes, newest first."""
    return PerformanceProgram.objects.filter(administration=administration).order_by("-year")


def plan_tree(*, plan: StrategicPlan, year: int) -> QuerySet[Aim]:
    """Return the plan's aims with targets, their results for the year and their indicators prefetched."""
    indicators = SPIndicator.objects.select_related("responsible_unit").order_by("code")
    return (
        Aim.objects.filter(plan=plan)
        .order_by("code")
        .prefetch_related(
            Prefetch(
                "targets",
                queryset=Target.objects.select_related("responsible_unit")
                .order_by("code")
                .prefetch_related(
                    Prefetch("indicators", queryset=indicators),
                    Prefetch("results", queryset=TargetResult.objects.filter(year=year), to_attr="year_results"),
                ),
            )
        )
    )


def target_detail(*, target_id: int, administration: Administration) -> Target:
    """Return a target with its indicators (yearly rows and results) and its results, or raise DoesNotExist."""
    return (
        Target.objects.select_related("aim__plan", "responsible_unit")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=SPIndicator.objects.select_related("responsible_unit")
                .prefetch_related("years", "results")
                .order_by("code"),
            ),
            Prefetch("results", queryset=TargetResult.objects.order_by("year")),
            Prefetch("years", queryset=TargetYear.objects.order_by("year")),
        )
        .get(pk=target_id, aim__plan__administration=administration)
    )


def indicator_history(*, indicator) -> QuerySet[Revision]:
    """Return an SP or PP indicator's revisions, newest first."""
    return (
        Revision.objects.filter(content_type=ContentType.objects.get_for_model(indicator), object_id=indicator.pk)
        .select_related("actor")
        .order_by("-version", "field", "year")
    )


@dataclass
class RevisionMarkers:
    """Which rows of a year's exported tables depend on a revision: code → the revisions."""

    pp: dict[str, list[Revision]] = field(default_factory=dict)
    sp: dict[str, list[Revision]] = field(default_factory=dict)
    targets: dict[str, list[Revision]] = field(default_factory=dict)

    def note(self, kind: str, code: str) -> str:
        """Return a short Turkish note for an exported row ('' when the row depends on no revision)."""
        revisions = getattr(self, kind).get(code, [])
        if not revisions:
            return ""
        return str(_("Revize edildi: %(items)s")) % {
            "items": "; ".join(
                f"{r.code} {r.get_field_display()} {r.old_value or '—'} → {r.new_value or '—'} ({r.at:%d.%m.%Y})"
                for r in revisions
            )
        }


def revision_markers(*, administration_id: int, year: int) -> RevisionMarkers:
    """Return the revisions the year's figures depend on, by PP indicator, SP indicator and target code.

    A revision of a given year marks that year's rows; one with no year (a weight, a baseline, a
    direction of an SP indicator) marks every year's. Two queries whatever the size.
    """
    revisions = list(
        Revision.objects.filter(administration_id=administration_id)
        .filter(Q(year=year) | Q(year__isnull=True))
        .select_related("content_type")
        .order_by("at", "id")
    )
    markers = RevisionMarkers()
    sp_ids = {r.object_id for r in revisions if r.content_type.model == "spindicator"}
    target_codes = dict(SPIndicator.objects.filter(pk__in=sp_ids).values_list("pk", "target__code"))
    for revision in revisions:
        if revision.content_type.model == "spindicator":
            markers.sp.setdefault(revision.code, []).append(revision)
            target_code = target_codes.get(revision.object_id)
            if target_code:
                markers.targets.setdefault(target_code, []).append(revision)
        else:
            markers.pp.setdefault(revision.code, []).append(revision)
    return markers


@dataclass(frozen=True)
class Problem:
    """One inconsistency of the plan: what kind, which code, and a Turkish sentence."""

    kind: str
    code: str
    message: str
    enforced: bool = True  # the screens refuse to save it; imported data may still carry it


def consistency_problems(*, administration: Administration) -> list[Problem]:
    """Return every inconsistency of the administration's plans and programmes, in a fixed number of queries."""
    targets = list(
        Target.objects.filter(aim__plan__administration=administration)
        .select_related("aim__plan", "responsible_unit")
        .prefetch_related(Prefetch("indicators", queryset=SPIndicator.objects.prefetch_related("years")))
        .order_by("aim__plan__start_year", "code")
    )
    problems = [problem for target in targets for problem in _target_problems(target)]
    return problems + _pp_indicator_problems(administration=administration)


def _target_problems(target: Target) -> list[Problem]:
    """Return a target's problems: its code, its weights, its SP indicators' codes and yearly targets."""
    problems: list[Problem] = []
    if not code_nested(target.code, target.aim.code):
        problems.append(
            Problem(
                "orphan",
                target.code,
                _("Hedef kodu amacının kodunu (%(aim)s) sürdürmüyor.") % {"aim": target.aim.code},
            )
        )
    active = [i for i in target.indicators.all() if i.retired_from_year is None]
    if active and not weights_complete(i.weight for i in active):
        problems.append(
            Problem(
                "weights",
                target.code,
                _("Ağırlıkların toplamı %(sum)s; 100 olmalı.")
                % {"sum": format_decimal(weight_sum(i.weight for i in active))},
            )
        )
    plan = target.aim.plan
    for indicator in target.indicators.all():
        if not code_nested(indicator.code, target.code):
            problems.append(
                Problem(
                    "orphan",
                    indicator.code,
                    _("Gösterge kodu hedefinin kodunu (%(target)s) sürdürmüyor.") % {"target": target.code},
                )
            )
        last = (
            plan.end_year
            if indicator.retired_from_year is None
            else min(plan.end_year, indicator.retired_from_year - 1)
        )
        have = {row.year for row in indicator.years.all()}
        missing = [y for y in range(plan.start_year, last + 1) if y not in have]
        if missing:
            problems.append(
                Problem(
                    "yearly_target",
                    indicator.code,
                    _("Şu plan yılları için hedef yok: %(years)s.") % {"years": ", ".join(map(str, missing))},
                )
            )
    return problems


def _pp_indicator_problems(*, administration: Administration) -> list[Problem]:
    """Return the PP indicators' problems: unit, target, goal, retired code, linked SP indicator and units."""
    problems: list[Problem] = []
    pp_rows = list(
        PPIndicator.objects.filter(performance_program__administration=administration)
        .select_related("performance_program", "responsible_unit", "goal", "sp_indicator__target__aim__plan")
        .order_by("-performance_program__year", "code")
    )
    retired = dict(RetiredPPCode.objects.filter(administration=administration).values_list("code", "from_year"))
    for pp in pp_rows:
        year = pp.performance_program.year
        label = f"{pp.code} ({year})"
        unit = pp.responsible_unit
        if unit is None or unit.administration_id != administration.pk or not unit.is_active:
            problems.append(Problem("unit", label, _("Sorumlu birim yok ya da etkin değil.")))
        if pp.target_value == 0:
            problems.append(Problem("pp_target", label, _("Hedeflenen değer girilmemiş (0)."), enforced=False))
        if pp.goal is not None and pp.goal.sub_program_id != pp.sub_program_id:
            problems.append(Problem("orphan", label, _("Alt program hedefi göstergenin alt programına ait değil.")))
        if pp.code in retired and year >= retired[pp.code]:
            problems.append(
                Problem(
                    "orphan",
                    label,
                    _("Kod %(year)s yılından itibaren kullanımdan kaldırıldı.") % {"year": retired[pp.code]},
                )
            )
        sp = pp.sp_indicator
        if sp is not None:
            plan = sp.target.aim.plan
            if not plan.start_year <= year <= plan.end_year:
                problems.append(
                    Problem(
                        "orphan",
                        label,
                        _("Bağlı SP göstergesi (%(sp)s) bu yılı kapsayan plana ait değil.") % {"sp": sp.code},
                    )
                )
            compatible = units_compatible(sp.unit_of_measure, pp.unit_of_measure)
            if compatible is False:
                problems.append(
                    Problem(
                        "units",
                        label,
                        _("Ölçü birimi “%(pp)s”, bağlı SP göstergesi %(sp)s “%(sp_unit)s”.")
                        % {"pp": pp.unit_of_measure, "sp": sp.code, "sp_unit": sp.unit_of_measure},
                    )
                )
            elif compatible is None:
                problems.append(
                    Problem(
                        "units",
                        label,
                        _("Bağlı SP göstergesi %(sp)s ile ölçü birimi karşılaştırılamıyor: biri boş.")
                        % {"sp": sp.code},
                        enforced=False,
                    )
                )
    return problems


def programme_tree(*, programme: PerformanceProgram) -> QuerySet:
    """Return the year's programmes with sub-programmes, goals, activities and PP indicators prefetched."""
    return (
        Program.objects.filter(performance_program=programme)
        .order_by("seq", "name")
        .prefetch_related(
            Prefetch(
                "sub_programs",
                queryset=SubProgram.objects.order_by("seq", "name").prefetch_related(
                    Prefetch("goals", queryset=SubProgramGoal.objects.select_related("aim").order_by("seq")),
                    "activities",
                    Prefetch(
                        "indicators",
                        queryset=PPIndicator.objects.select_related(
                            "responsible_unit", "sp_indicator", "goal"
                        ).order_by("seq", "code"),
                    ),
                ),
            )
        )
    )


def yearly_texts(
    *, administration: Administration, year: int, units=None
) -> tuple[list[Target], list[SPIndicatorYear]]:
    """Return the year's targets (with their text row, if any) and SP indicator rows, limited to `units` when given."""
    plan = strategic_plan_for_year(administration=administration, year=year)
    if plan is None:
        return [], []
    targets = Target.objects.filter(aim__plan=plan).select_related("responsible_unit").order_by("code")
    sp_rows = (
        SPIndicatorYear.objects.filter(indicator__target__aim__plan=plan, year=year)
        .select_related("indicator__responsible_unit")
        .order_by("indicator__code")
    )
    if units is not None:
        targets = targets.filter(responsible_unit__in=units)
        sp_rows = sp_rows.filter(indicator__responsible_unit__in=units)
    targets = targets.prefetch_related(
        Prefetch("years", queryset=TargetYear.objects.filter(year=year), to_attr="year_rows")
    )
    return list(targets), list(sp_rows)
