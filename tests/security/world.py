"""The world of the authorization matrix: two administrations, marked data, a user per role.

A "side" is everything a URL may need, for one unit: `own` (unit DB1 of administration TST), `sibling`
(unit DB2 of TST: another unit, same administration) and `foreign` (unit OTH1 of another
administration), plus `missing` (ids and codes that exist nowhere). Data of DB2 and of the other
administration carry marker words (ZQX…) that must never appear in a response to someone who may not
see them.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile

from accounts.choices import Role
from accounts.models import Administration, Unit, User
from accounts.permissions import UNIT_ROLES
from budget.models import BudgetLine, EconomicCode
from exports.models import ExportJob
from indicators.models import PPIndicator, PPIndicatorResult, QuarterlyValue, RecomputeRun
from indicators.services import results_recompute
from plans.models import Activity, SPIndicator, SPIndicatorResult, SubProgramGoal, TargetResult
from submissions.choices import SubmissionState
from submissions.models import Evidence, Submission
from tests.factories import (
    AdministrationFactory,
    PerformanceProgramFactory,
    PPIndicatorFactory,
    RoleAssignmentFactory,
    SPIndicatorFactory,
    SPIndicatorYearFactory,
    SubProgramFactory,
    UnitFactory,
    UserFactory,
)
from tests.scenario import QUARTER, YEAR, build_scenario

MISSING_ID = 987_654_321

# Marker words: the sibling unit's own data (hidden from the other unit's users) and everything of
# the other administration (hidden from everyone in TST).
SIBLING_MARKERS = ("ZQXDB2IND", "ZQXDB2NARR")
FOREIGN_MARKERS = ("ZQXOTHADMIN", "ZQXOTHUNIT", "ZQXOTHIND", "ZQXOTHNARR", "ZQXOTHSP")


@dataclass
class Side:
    """The objects one side offers to URL arguments (tests/security/url_cases.py names them)."""

    unit_code: str
    unit_id: int
    year: int
    quarter: int
    pp_indicator: int
    sp_indicator: int
    submission: int
    # The plan and programme objects of the side's administration (the own and sibling sides share them).
    plan: int = 0
    aim: int = 0
    target: int = 0
    program: int = 0
    sub_program: int = 0
    goal: int = 0
    activity: int = 0
    budget_line: int = 0
    export_job: int = 0
    evidence: int = 0
    # Stored by the realization engine after the sides are built (build_world fills them).
    quarterly_value: int = 0
    pp_result: int = 0
    sp_result: int = 0
    target_result: int = 0
    report: str = "uygulama"  # a budget table's slug
    uidb64: str = "MTIz"
    token: str = "set-password"


@dataclass
class World:
    own: Side
    sibling: Side
    foreign: Side
    missing: Side
    users: dict[str, User | None]


def _unit_side(*, unit: Unit, pp: PPIndicator, sp: SPIndicator, narrative: str) -> Side:
    value = QuarterlyValue.objects.create(indicator=pp, quarter=2, value=Decimal(987654), narrative=narrative)
    submission = Submission.objects.create(unit=unit, year=YEAR, quarter=2, state=SubmissionState.SUBMITTED)
    sub_program = pp.sub_program
    goal, _ = SubProgramGoal.objects.get_or_create(sub_program=sub_program, text="Alt program hedefi")
    activity, _ = Activity.objects.get_or_create(sub_program=sub_program, name="Faaliyet")
    code, _ = EconomicCode.objects.get_or_create(code="03", defaults={"name": "Mal ve Hizmet Alım Giderleri"})
    line = BudgetLine.objects.create(
        administration=unit.administration,
        year=YEAR,
        economic_code=code,
        activity=activity,
        unit=unit,
        initial_appropriation=Decimal(1000),
        spending=Decimal(400),
    )
    job = ExportJob.objects.create(
        administration=unit.administration,
        year=YEAR,
        report=ExportJob._meta.get_field("report").choices[0][0],
        format=ExportJob._meta.get_field("format").choices[0][0],
    )
    target = sp.target
    content = b"%PDF-1.4 " + narrative.encode()
    evidence = Evidence(
        indicator=pp, quarter=2, original_name=f"{narrative}.pdf", content_type="application/pdf",
        size=len(content), sha256="0" * 64,
    )  # fmt: skip
    evidence.file.save("kanit.pdf", ContentFile(content), save=False)
    evidence.save()
    return Side(
        unit_code=unit.code,
        unit_id=unit.pk,
        year=YEAR,
        quarter=QUARTER,
        pp_indicator=pp.pk,
        sp_indicator=sp.pk,
        submission=submission.pk,
        quarterly_value=value.pk,
        plan=target.aim.plan_id,
        aim=target.aim_id,
        target=target.pk,
        program=sub_program.program_id,
        sub_program=sub_program.pk,
        goal=goal.pk,
        activity=activity.pk,
        budget_line=line.pk,
        export_job=job.pk,
        evidence=evidence.pk,
    )


def _sp_indicator(*, administration: Administration, unit: Unit, name: str) -> SPIndicator:
    sp = SPIndicatorFactory(
        name=name,
        target__aim__plan__administration=administration,
        target__aim__plan__start_year=YEAR - 2,
        target__aim__plan__end_year=YEAR + 2,
        target__responsible_unit=unit,
        responsible_unit=unit,
    )
    SPIndicatorYearFactory(indicator=sp, year=YEAR)
    return sp


def build_world() -> World:
    """Create both administrations, their marked data and a user per role; compute the results."""
    scenario = build_scenario()
    tst = scenario.administration
    sibling_pp = scenario.other_indicator
    sibling_pp.name = "ZQXDB2IND Başka birimin göstergesi"
    sibling_pp.save(update_fields=["name"])
    own_sp = _sp_indicator(administration=tst, unit=scenario.unit, name="Kendi SP göstergesi")
    sibling_sp = _sp_indicator(administration=tst, unit=scenario.other_unit, name="Kardeş birimin SP göstergesi")
    own = _unit_side(unit=scenario.unit, pp=scenario.indicators["sum"], sp=own_sp, narrative="Kendi anlatımız")
    sibling = _unit_side(unit=scenario.other_unit, pp=sibling_pp, sp=sibling_sp, narrative="ZQXDB2NARR gizli")

    other = AdministrationFactory(code="OTH", name="ZQXOTHADMIN İdaresi")
    other_unit = UnitFactory(administration=other, code="OTH1", name="ZQXOTHUNIT Daire Başkanlığı")
    other_pp = PPIndicatorFactory(
        name="ZQXOTHIND gösterge",
        responsible_unit=other_unit,
        sub_program=SubProgramFactory(
            program__performance_program=PerformanceProgramFactory(administration=other, year=YEAR)
        ),
    )
    other_sp = _sp_indicator(administration=other, unit=other_unit, name="ZQXOTHSP göstergesi")
    foreign = _unit_side(unit=other_unit, pp=other_pp, sp=other_sp, narrative="ZQXOTHNARR gizli")
    other_strategy = UserFactory(username="oth.strateji")
    RoleAssignmentFactory(user=other_strategy, unit=other_unit, role=Role.STRATEGY)

    # A user for every other role of the vocabulary (admin, and any role added later): unit roles in
    # the own unit, the others beside the strategy directorate.
    extra: dict[str, User] = {}
    for role in set(Role.values) - {Role.UNIT_ENTRY, Role.UNIT_APPROVER, Role.STRATEGY, Role.TOP_MANAGEMENT}:
        person = UserFactory(username=f"rol.{role}", is_staff=role == Role.ADMIN)
        in_unit = scenario.unit if role in UNIT_ROLES else scenario.strategy.roles.get().unit
        RoleAssignmentFactory(user=person, unit=in_unit, role=role)
        extra[role] = person
    root = UserFactory(username="kok", is_staff=True, is_superuser=True)
    for administration in (tst, other):
        results_recompute(administration_id=administration.pk, kind=RecomputeRun.Kind.MANUAL)
    for side in (own, sibling, foreign):
        side.pp_result = PPIndicatorResult.objects.get(indicator_id=side.pp_indicator).pk
        side.sp_result = SPIndicatorResult.objects.filter(indicator_id=side.sp_indicator).values_list("pk", flat=True)[
            0
        ]
        side.target_result = TargetResult.objects.filter(target_id=side.target).values_list("pk", flat=True)[0]

    missing = Side(
        unit_code="YOK",
        unit_id=MISSING_ID,
        year=YEAR,
        quarter=QUARTER,
        pp_indicator=MISSING_ID,
        sp_indicator=MISSING_ID,
        submission=MISSING_ID,
        plan=MISSING_ID,
        aim=MISSING_ID,
        target=MISSING_ID,
        program=MISSING_ID,
        sub_program=MISSING_ID,
        goal=MISSING_ID,
        activity=MISSING_ID,
        budget_line=MISSING_ID,
        export_job=MISSING_ID,
        quarterly_value=MISSING_ID,
        pp_result=MISSING_ID,
        sp_result=MISSING_ID,
        target_result=MISSING_ID,
    )
    users = {
        "anonymous": None,
        "unit_entry": scenario.entry,
        "unit_approver": scenario.approver,
        "strategy": scenario.strategy,
        "top_management": scenario.top,
        **extra,
        "superuser": root,
        "other_strategy": other_strategy,  # the other administration's directorate (the markers' control)
    }
    return World(own=own, sibling=sibling, foreign=foreign, missing=missing, users=users)
