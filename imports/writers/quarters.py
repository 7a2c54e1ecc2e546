"""Write the quarterly_values sheet (Form-3's figures)."""

from django.db.models import F
from django.utils.translation import gettext as _

from imports.writers.context import ImportContext
from indicators.models import QuarterlyValue
from indicators.services import quarterly_values_warnings_confirm


def write_quarterly_values(ctx: ImportContext) -> None:
    """Write the quarters' figures; a form opened before the import then no longer saves over them."""
    existing = list(
        QuarterlyValue.objects.filter(indicator__performance_program__administration=ctx.admin).select_related(
            "indicator"
        )
    )
    stored = {(v.indicator_id, v.quarter): v.value for v in existing}
    rows = [
        {
            "indicator_id": ctx.pp_indicators[(ctx.pp_id[r["year"]], r["indicator_code"])].pk,
            "quarter": r["quarter"],
            "value": r["value"],
            "numerator": r["numerator"],
            "denominator": r["denominator"],
            "year_end_estimate": r["year_end_estimate"],
            "narrative": r["narrative"] or "",
        }
        for r in ctx.sheet("quarterly_values")
    ]
    written = ctx.up.run(
        _("üç aylık değer"), QuarterlyValue, existing=existing, key=("indicator_id", "quarter"), rows=rows
    )
    # A form opened before the import must not save over it: the form's row version moves on.
    if ctx.up.last_updated:
        QuarterlyValue.objects.filter(pk__in=[v.pk for v in ctx.up.last_updated]).update(version=F("version") + 1)
    _confirm_warnings(ctx, written, stored)


def _confirm_warnings(ctx: ImportContext, written: dict, stored: dict) -> None:
    """Keep the warnings the preview listed as confirmed by the importer, on each value whose figure changed.

    As on the form, an unchanged value keeps what was confirmed for it; a changed one without a
    warning drops an earlier confirmation.
    """
    confirmations = []
    for r in ctx.sheet("quarterly_values"):
        key = (ctx.pp_indicators[(ctx.pp_id[r["year"]], r["indicator_code"])].pk, r["quarter"])
        if key in stored and stored[key] == r["value"]:
            continue
        _row, warnings = ctx.value_outliers.get((r["indicator_code"], r["year"], r["quarter"]), (None, []))
        confirmations.append((written[key], warnings))
    comment = _("İçe aktaran, önizlemede listelenen uyarıyı onaylayarak içe aktardı.")
    if ctx.up.reason:
        comment += " " + ctx.up.reason
    quarterly_values_warnings_confirm(
        confirmations=confirmations, comment=comment, actor=ctx.up.actor, reason=ctx.up.audit_reason
    )
