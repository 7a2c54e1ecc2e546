"""Write the performance programme's sheets: each year's programme, its structure and its PP indicators."""

from django.utils.translation import gettext as _

from imports.writers.context import ImportContext, ordered_unique
from imports.writers.upsert import Revised
from indicators.calculations import default_decimals
from indicators.models import PPIndicator
from plans.models import Activity, PerformanceProgram, Program, SubProgram, SubProgramGoal
from plans.services.common import RevisionTarget
from plans.services.programme import PP_REVISED


def write_programmes(ctx: ImportContext) -> None:
    """Write the performance programme of each year the data set mentions, then its structure."""
    structure_rows = ctx.sheet("program_structure") + ctx.sheet("activities") + ctx.sheet("pp_indicators")
    years = sorted({r["year"] for r in structure_rows} | {r["year"] for r in ctx.budget_structure})
    plan = ctx.plan
    programmes = ctx.up.run(
        _("performans programı"),
        PerformanceProgram,
        existing=PerformanceProgram.objects.filter(administration=ctx.admin),
        key=("year",),
        rows=[
            {
                "administration_id": ctx.admin.pk,
                "year": year,
                "strategic_plan_id": plan.pk if plan and plan.start_year <= year <= plan.end_year else None,
            }
            for year in years
        ],
    )
    ctx.pp_id = {year: obj.pk for (year,), obj in programmes.items()}
    _write_programs(ctx, structure_rows + ctx.budget_structure)
    _write_goals(ctx)
    _write_activities(ctx)


def _write_programs(ctx: ImportContext, rows: list[dict]) -> None:
    """Write the programs and sub programs the rows name (new ones numbered in the data set's order)."""
    admin = ctx.admin
    program_keys = ordered_unique((r["year"], r["program"]) for r in rows)
    ctx.programs = ctx.up.run(
        _("program"),
        Program,
        existing=Program.objects.filter(performance_program__administration=admin).select_related(
            "performance_program"
        ),
        create_only=("seq",),
        key=("performance_program_id", "name"),
        rows=[
            {"performance_program_id": ctx.pp_id[year], "name": name, "seq": seq}
            for seq, (year, name) in enumerate(program_keys, start=1)
        ],
    )
    sub_keys = ordered_unique((r["year"], r["program"], r["sub_program"]) for r in rows)
    ctx.sub_programs = ctx.up.run(
        _("alt program"),
        SubProgram,
        existing=SubProgram.objects.filter(program__performance_program__administration=admin),
        create_only=("seq",),
        key=("program_id", "name"),
        rows=[
            {"program_id": ctx.programs[(ctx.pp_id[year], program)].pk, "name": name, "seq": seq}
            for seq, (year, program, name) in enumerate(sub_keys, start=1)
        ],
    )


def _write_goals(ctx: ImportContext) -> None:
    """Write the sub programme goals of the structure sheet and of the PP indicators, each with its aim."""
    goal_rows = list(ctx.sheet("program_structure")) + [
        r for r in ctx.sheet("pp_indicators") if r.get("sub_program_goal")
    ]
    goal_keys = ordered_unique((ctx.sub_program_id(r), r["sub_program_goal"]) for r in goal_rows)
    aim_ids = {code: aim.pk for code, aim in ctx.aims.items()}
    goal_aim: dict[tuple[int, str], str | None] = {}
    for r in goal_rows:
        goal_aim.setdefault((ctx.sub_program_id(r), r["sub_program_goal"]), r.get("aim_code") or None)
    ctx.goals = ctx.up.run(
        _("alt program hedefi"),
        SubProgramGoal,
        existing=SubProgramGoal.objects.filter(sub_program__program__performance_program__administration=ctx.admin),
        create_only=("seq",),
        key=("sub_program_id", "text"),
        rows=[
            {"sub_program_id": sp, "text": text, "seq": seq, "aim_id": aim_ids.get(goal_aim[(sp, text)] or "")}
            for seq, (sp, text) in enumerate(goal_keys, start=1)
        ],
    )


def _write_activities(ctx: ImportContext) -> None:
    activity_rows = ctx.sheet("activities") + ctx.budget_structure
    activity_keys = ordered_unique((ctx.sub_program_id(r), r["activity"]) for r in activity_rows)
    ctx.activities = ctx.up.run(
        _("faaliyet"),
        Activity,
        existing=Activity.objects.filter(sub_program__program__performance_program__administration=ctx.admin),
        create_only=("seq",),
        key=("sub_program_id", "name"),
        rows=[
            {"sub_program_id": sp, "name": name, "seq": seq} for seq, (sp, name) in enumerate(activity_keys, start=1)
        ],
    )


def write_pp_indicators(ctx: ImportContext) -> None:
    """Write the PP indicators, linked to their goal and to the SP indicator that names them."""
    sp_link = {
        r["pp_indicator_code"]: ctx.sp_indicators[r["code"]].pk
        for r in ctx.sheet("sp_indicators")
        if r["pp_indicator_code"]
    }
    programme_year = {pk: year for year, pk in ctx.pp_id.items()}
    admin_id = ctx.admin.pk
    ctx.pp_indicators = ctx.up.run(
        _("performans göstergesi"),
        PPIndicator,
        existing=PPIndicator.objects.filter(performance_program__administration=ctx.admin),
        key=("performance_program_id", "code"),
        rows=[_pp_indicator_fields(ctx, r, sp_link) for r in ctx.sheet("pp_indicators")],
        revised=Revised(
            sheet="pp_indicators",
            fields=PP_REVISED,
            has_values=lambda obj: obj.pk in ctx.pp_with_values,
            target=lambda obj: RevisionTarget(
                indicator=obj,
                administration_id=admin_id,
                code=obj.code,
                year=programme_year[obj.performance_program_id],
            ),
        ),
    )


def _pp_indicator_fields(ctx: ImportContext, r: dict, sp_link: dict[str, int]) -> dict:
    sub_program_id = ctx.sub_program_id(r)
    # Evidence required: set by a yes/no cell; an empty cell or an older workbook leaves it as it is.
    evidence = {} if r.get("evidence_required") is None else {"evidence_required": r["evidence_required"]}
    return {
        **evidence,
        "performance_program_id": ctx.pp_id[r["year"]],
        "sub_program_id": sub_program_id,
        "goal_id": ctx.goals[(sub_program_id, r["sub_program_goal"])].pk if r.get("sub_program_goal") else None,
        "code": r["code"],
        "seq": r.get("seq") or 0,
        "name": r["name"],
        "unit_of_measure": r["unit"],
        "data_source": r.get("data_source") or "",
        "direction": r["direction"],
        "aggregation": r["aggregation"],
        "allows_negative": bool(r.get("allows_negative")),
        "decimals": r["decimals"]
        if r.get("decimals") is not None
        else default_decimals(r["aggregation"], (r["prev_value"], r["target"])),
        "prev_year": r["prev_year"],
        "prev_value": r["prev_value"],
        "target_value": r["target"],
        "responsible_unit_id": ctx.unit_id[r["responsible_unit_code"]],
        "sp_indicator_id": sp_link.get(r["code"]),
    }
