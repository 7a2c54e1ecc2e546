"""Every page of the project, visited as an appropriate user, with the SQL statements each one runs.

`bench_pages` visits each page on the demo administration and on the synthetic one (the benchmark
size) and compares the counts: a page whose count differs reads something per row. The list names
every GET page of every app's urls (tests/benchmarks/test_pages.py checks that none is missing);
the file downloads, the API and the log-in pages are left out, each for its reason in SKIPPED.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from accounts.models import Administration, RoleAssignment, Unit, User
from budget.models import BudgetLine
from budget.views import REPORTS
from exports.models import ExportJob
from indicators.models import PPIndicator
from plans.models import Activity, Aim, Program, SPIndicator, StrategicPlan, SubProgram, SubProgramGoal, Target
from submissions.choices import SubmissionState
from submissions.models import Submission

# URL names not visited, and why (every other GET URL of the project is in PAGES).
SKIPPED = {
    "login": "the log-in page (no user yet)",
    "logout": "POST only",
    "password_reset": "no user (the same page at every size)",
    "password_reset_done": "no user",
    "password_reset_confirm": "no user (a mailed link)",
    "password_reset_complete": "no user",
    "health": "the trivial view the load tests compare with",
    "api:schema": "the API's description (the API is for machines; its lists are paginated)",
    "start": "a redirect to the user's first page",
    "imports:template": "a file download (an empty workbook)",
    "imports:data": "a file download, measured by bench_exports' kind of benchmark, not a page",
    "submissions:evidence_download": "a file download",
    "exports:job_download": "a file download",
    "exports:template_download": "a file download (the annual report's Word template)",
    "accounts:two_factor_verify": "the log-in's second step (a session owing its code)",
    **dict.fromkeys(
        (
            "set_language",
            "plans:sp_target_value",
            "plans:sp_indicator_delete",
            "plans:sp_indicator_retire",
            "plans:programme_create",
            "plans:pp_indicator_delete",
            "plans:pp_indicator_retire",
            "budget:line_transfer",
            "budget:line_spending",
            "budget:line_initial",
            "submissions:submit",
            "submissions:grant_exception",
            "submissions:preview",
            "submissions:evidence_upload",
            "submissions:evidence_delete",
            "submissions:comment_add",
            "imports:confirm",
            "audit_readiness_close",
        ),
        "POST only (a form posted from another page)",
    ),
}


@dataclass(frozen=True)
class Page:
    name: str  # the URL name
    role: str  # who visits it
    args: Callable[["World"], dict[str, Any]] = lambda world: {}
    query: Callable[["World"], dict[str, Any]] = lambda world: {}
    label: str = ""  # when one URL name is visited more than once (e.g. each budget table)

    @property
    def title(self) -> str:
        return self.label or self.name


@dataclass
class World:
    """The objects of one administration that the pages' URLs name, and a signed-in client per role."""

    administration: Administration
    year: int
    quarter: int
    unit: Unit
    pp_indicator: PPIndicator
    sp_indicator: SPIndicator
    submission: Submission
    plan: StrategicPlan
    aim: Aim
    target: Target
    program: Program
    sub_program: SubProgram
    goal: SubProgramGoal
    activity: Activity
    budget_line: BudgetLine
    export_job: ExportJob
    users: dict[str, User]

    @property
    def unit_quarter(self) -> dict[str, Any]:
        return {"unit_code": self.unit.code, "year": self.year, "quarter": self.quarter}


def _unit_pp(world: World) -> dict[str, Any]:
    return {**world.unit_quarter, "indicator_id": world.pp_indicator.pk}


def _sub(world: World) -> dict[str, Any]:
    return {"sub_program_id": world.sub_program.pk}


def _year(world: World) -> dict[str, Any]:
    return {"year": world.year}


def _report(slug: str) -> Callable[[World], dict[str, Any]]:
    return lambda world: {"report": slug}


S, U, F = Role.STRATEGY, Role.UNIT_ENTRY, Role.FINANCE
PAGES: list[Page] = [
    Page("home", S, query=_year),
    Page("my_work", U, label="my_work (unit)"),
    Page("my_work", S, label="my_work (strategy)"),
    Page("printed_audit", S, query=_year),
    Page("audit_readiness", S, query=_year),
    Page("password_change", U),
    Page("password_change_done", U),
    Page("accounts:two_factor", S),
    # The quarterly Form-3 and its review.
    Page("submissions:forms_index", S, query=_year),
    Page("submissions:unit_quarter", U, args=lambda w: w.unit_quarter),
    Page("submissions:history", U, args=_unit_pp),
    Page("submissions:review_list", S),
    Page("submissions:review_one", S, args=lambda w: {"pk": w.submission.pk}),
    # The dashboards.
    Page("dashboards:overview", S, query=_year),
    Page("dashboards:indicator", S, args=lambda w: {"pk": w.pp_indicator.pk}),
    Page("dashboards:indicator_table", S, query=_year),
    Page("dashboards:sp_indicator", S, args=lambda w: {"pk": w.sp_indicator.pk}),
    # Import, export.
    Page("imports:upload", S),
    Page("exports:page", S),
    Page("exports:job_status", S, args=lambda w: {"pk": w.export_job.pk}),
    # Plan maintenance and the yearly texts.
    Page("plans:index", S),
    Page("plans:consistency", S, query=_year),
    Page("plans:plan_create", S),
    Page("plans:plan_detail", S, args=lambda w: {"plan_id": w.plan.pk}),
    Page("plans:plan_edit", S, args=lambda w: {"plan_id": w.plan.pk}),
    Page("plans:aim_create", S, args=lambda w: {"plan_id": w.plan.pk}),
    Page("plans:aim_edit", S, args=lambda w: {"plan_id": w.plan.pk, "aim_id": w.aim.pk}),
    Page("plans:target_create", S, args=lambda w: {"aim_id": w.aim.pk}),
    Page("plans:target_edit", S, args=lambda w: {"aim_id": w.aim.pk, "target_id": w.target.pk}),
    Page("plans:target_detail", S, args=lambda w: {"target_id": w.target.pk}),
    Page("plans:sp_indicator_create", S, args=lambda w: {"target_id": w.sp_indicator.target_id}),
    Page(
        "plans:sp_indicator_edit",
        S,
        args=lambda w: {"target_id": w.sp_indicator.target_id, "indicator_id": w.sp_indicator.pk},
    ),
    Page("plans:sp_indicator_detail", S, args=lambda w: {"indicator_id": w.sp_indicator.pk}),
    Page("plans:programme_detail", S, args=_year),
    Page("plans:rollover", S, args=_year),
    Page("plans:program_create", S, args=_year),
    Page("plans:program_edit", S, args=lambda w: {"year": w.year, "program_id": w.program.pk}),
    Page("plans:sub_program_create", S, args=lambda w: {"program_id": w.program.pk}),
    Page("plans:sub_program_edit", S, args=lambda w: {"program_id": w.program.pk, "sub_program_id": w.sub_program.pk}),
    Page("plans:goal_create", S, args=_sub),
    Page("plans:goal_edit", S, args=lambda w: {**_sub(w), "goal_id": w.goal.pk}),
    Page("plans:activity_create", S, args=_sub),
    Page("plans:activity_edit", S, args=lambda w: {**_sub(w), "activity_id": w.activity.pk}),
    Page("plans:pp_indicator_create", S, args=_sub),
    Page(
        "plans:pp_indicator_edit",
        S,
        args=lambda w: {"sub_program_id": w.pp_indicator.sub_program_id, "indicator_id": w.pp_indicator.pk},
    ),
    Page("plans:pp_indicator_detail", S, args=lambda w: {"indicator_id": w.pp_indicator.pk}),
    Page("plans:texts_index", S, query=_year),
    Page("plans:target_texts", S, args=lambda w: {"target_id": w.target.pk, "year": w.year}),
    Page("plans:sp_texts", S, args=lambda w: {"indicator_id": w.sp_indicator.pk, "year": w.year}),
    # Budget.
    Page("budget:execution", F, query=_year),
    *(Page("budget:report", F, args=_report(slug), query=_year, label=f"budget:report {slug}") for slug in REPORTS),
    Page("budget:lines", F, query=_year),
    Page("budget:line_create", F),
    Page("budget:line", F, args=lambda w: {"pk": w.budget_line.pk}),
    Page("budget:money_performance", F, query=_year),
]


def page_url(page: Page, world: World) -> str:
    url = reverse(page.name, kwargs=page.args(world))
    query = page.query(world)
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def queries_count(client: Client, url: str) -> tuple[int, int]:
    """Return (HTTP status, SQL statements) of one GET; the second load is counted (caches warm)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, len(captured.captured_queries)


# The users bench_pages gives roles in an administration without demo users (the synthetic one).
BENCH_USERS = {S: "sayfa.strateji", U: "sayfa.birim", F: "sayfa.mali"}


def world_build(
    administration: Administration, *, users: dict[str, User] | None = None, unit: Unit | None = None
) -> World:
    """Return the objects a page URL names in the administration; give missing kinds one object.

    The synthetic administration has no submission, sub-programme goal or export job: one of each
    is written for the pages that show them (benchmark data, like the generator's own rows).
    """
    year = (
        PPIndicator.objects.filter(performance_program__administration=administration)
        .order_by("-performance_program__year")
        .values_list("performance_program__year", flat=True)
        .first()
    )
    assert year is not None  # noqa: S101 - a benchmark on a loaded database
    indicators = PPIndicator.objects.filter(
        performance_program__administration=administration, performance_program__year=year
    )
    pp_indicator = (
        (indicators.filter(responsible_unit=unit) if unit else indicators)
        .select_related("responsible_unit", "sub_program__program")
        .order_by("responsible_unit__code", "code")
        .first()
    )
    assert pp_indicator is not None  # noqa: S101 - a benchmark on a loaded database
    unit, sub_program = pp_indicator.responsible_unit, pp_indicator.sub_program
    plan = StrategicPlan.objects.filter(administration=administration, start_year__lte=year, end_year__gte=year).first()
    sp_indicator = SPIndicator.objects.filter(target__aim__plan=plan).select_related("target__aim").order_by("pk")[0]
    users = users or _bench_users(administration, unit)
    strategy = users[S]
    submission = Submission.objects.filter(unit__administration=administration).order_by("-year", "pk").first()
    if submission is None:
        submission = Submission.objects.create(
            unit=unit, year=year, quarter=1, state=SubmissionState.SUBMITTED, submitted_at=timezone.now()
        )
    goal = SubProgramGoal.objects.filter(sub_program=sub_program).first() or SubProgramGoal.objects.create(
        sub_program=sub_program, text="Kıyaslama alt program hedefi", aim=sp_indicator.target.aim
    )
    activity = (
        Activity.objects.filter(sub_program=sub_program).first()
        or Activity.objects.filter(sub_program__program__performance_program__administration=administration)
        .order_by("pk")
        .first()
    )
    export_job = ExportJob.objects.filter(administration=administration).first() or ExportJob.objects.create(
        administration=administration, year=year, report="form3", format="xlsx", requested_by=strategy
    )
    return World(
        administration=administration,
        year=year,
        quarter=1,
        unit=unit,
        pp_indicator=pp_indicator,
        sp_indicator=sp_indicator,
        submission=submission,
        plan=plan,  # type: ignore[arg-type]
        aim=sp_indicator.target.aim,
        target=sp_indicator.target,
        program=sub_program.program,
        sub_program=sub_program,
        goal=goal,
        activity=activity,  # type: ignore[arg-type]
        budget_line=BudgetLine.objects.filter(administration=administration).order_by("pk").first(),  # type: ignore[arg-type]
        export_job=export_job,
        users=users,
    )


def _bench_users(administration: Administration, unit: Unit) -> dict[str, User]:
    """The benchmark's strategy, unit and finance users, with their roles in this administration."""
    users: dict[str, User] = {}
    for role, username in BENCH_USERS.items():
        user, _ = User.objects.get_or_create(username=username)
        RoleAssignment.objects.get_or_create(
            user=user, role=role, unit=unit, defaults={"administration": administration}
        )
        users[role] = user
    return users
