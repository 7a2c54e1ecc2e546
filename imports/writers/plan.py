"""Write the strategic plan's sheets: plan, aims, targets, target_yearly, sp_indicators, sp_yearly."""

from django.utils.translation import gettext as _

from imports.writers.context import ImportContext
from imports.writers.upsert import Revised
from plans.models import Aim, SPIndicator, SPIndicatorYear, StrategicPlan, Target, TargetYear
from plans.services.common import RevisionTarget
from plans.services.strategic import SP_REVISED, SP_YEARLY_REVISED


def write_plan(ctx: ImportContext) -> None:
    """Write the plan and, when the data set has one, everything that hangs from it."""
    for plan_row in ctx.sheet("plan"):
        ctx.plan = ctx.up.run(
            _("stratejik plan"),
            StrategicPlan,
            existing=StrategicPlan.objects.filter(administration=ctx.admin),
            key=("code",),
            rows=[
                {
                    "administration_id": ctx.admin.pk,
                    "code": plan_row["code"],
                    "name": plan_row["name"],
                    "start_year": plan_row["start_year"],
                    "end_year": plan_row["end_year"],
                }
            ],
        )[(plan_row["code"],)]
    if ctx.plan is not None:
        _write_aims(ctx, ctx.plan)
        _write_targets(ctx, ctx.plan)
        _write_sp_indicators(ctx, ctx.plan)
        _write_sp_yearly(ctx, ctx.plan)


def _write_aims(ctx: ImportContext, plan: StrategicPlan) -> None:
    saved = ctx.up.run(
        _("amaç"),
        Aim,
        existing=Aim.objects.filter(plan=plan),
        key=("code",),
        rows=[
            {"plan_id": plan.pk, "code": r["code"], "title": r["title"], "short_title": r.get("short_title") or ""}
            for r in ctx.sheet("aims")
        ],
    )
    ctx.aims = {code: aim for (code,), aim in saved.items()}


def _write_targets(ctx: ImportContext, plan: StrategicPlan) -> None:
    saved = ctx.up.run(
        _("hedef"),
        Target,
        existing=Target.objects.filter(aim__plan=plan),
        key=("code",),
        rows=[
            {
                "aim_id": ctx.aims[r["aim_code"]].pk,
                "code": r["code"],
                "title": r["title"],
                "long_title": r.get("long_title") or "",
                "responsible_unit_id": ctx.unit_id[r["responsible_unit_code"]],
            }
            for r in ctx.sheet("targets")
        ],
    )
    ctx.targets = {code: target for (code,), target in saved.items()}
    ctx.up.run(
        _("hedef yıllık metni"),
        TargetYear,
        existing=TargetYear.objects.filter(target__aim__plan=plan).select_related("target"),
        key=("target_id", "year"),
        rows=[
            {
                "target_id": ctx.targets[r["target_code"]].pk,
                "year": r["year"],
                "deviation_reason": r["deviation_reason"],
                "measures": r["measures"],
            }
            for r in ctx.sheet("target_yearly")
        ],
    )


def _write_sp_indicators(ctx: ImportContext, plan: StrategicPlan) -> None:
    admin_id = ctx.admin.pk
    saved = ctx.up.run(
        _("SP göstergesi"),
        SPIndicator,
        existing=SPIndicator.objects.filter(target__aim__plan=plan),
        key=("code",),
        rows=[
            {
                "target_id": ctx.targets[r["target_code"]].pk,
                "code": r["code"],
                "name": r["name"],
                "unit_of_measure": r["unit"],
                "data_source": r.get("data_source") or "",
                "weight": r["weight"],
                "baseline": r["baseline"],
                "direction": r["direction"],
                "is_cumulative": r["cumulative"],
                "responsible_unit_id": ctx.unit_id[r["responsible_unit_code"]],
            }
            for r in ctx.sheet("sp_indicators")
        ],
        revised=Revised(
            sheet="sp_indicators",
            fields=SP_REVISED,
            has_values=lambda obj: obj.pk in ctx.sp_with_values,
            target=lambda obj: RevisionTarget(indicator=obj, administration_id=admin_id, code=obj.code, year=None),
        ),
    )
    ctx.sp_indicators = {code: indicator for (code,), indicator in saved.items()}


def _write_sp_yearly(ctx: ImportContext, plan: StrategicPlan) -> None:
    admin_id = ctx.admin.pk
    ctx.up.run(
        _("SP göstergesi yıllık değeri"),
        SPIndicatorYear,
        existing=SPIndicatorYear.objects.filter(indicator__target__aim__plan=plan).select_related("indicator"),
        key=("indicator_id", "year"),
        rows=[
            {
                "indicator_id": ctx.sp_indicators[r["indicator_code"]].pk,
                "year": r["year"],
                "target_value": r["target"],
                "actual_value": r["actual"],
                **{k: r.get(k) or "" for k in ("relevance", "effectiveness", "efficiency", "sustainability")},
            }
            for r in ctx.sheet("sp_yearly")
        ],
        revised=Revised(
            sheet="sp_yearly",
            fields=SP_YEARLY_REVISED,
            has_values=lambda obj: obj.indicator_id in ctx.sp_with_values,
            target=lambda obj: RevisionTarget(
                indicator=obj.indicator, administration_id=admin_id, code=obj.indicator.code, year=obj.year
            ),
        ),
    )
