"""Write the quarterly_values sheet (Form-3's figures)."""

from django.db.models import F
from django.utils.translation import gettext as _

from imports.writers.context import ImportContext
from indicators.models import QuarterlyValue


def write_quarterly_values(ctx: ImportContext) -> None:
    """Write the quarters' figures; a form opened before the import then no longer saves over them."""
    ctx.up.run(
        _("üç aylık değer"),
        QuarterlyValue,
        existing=QuarterlyValue.objects.filter(indicator__performance_program__administration=ctx.admin).select_related(
            "indicator"
        ),
        key=("indicator_id", "quarter"),
        rows=[
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
        ],
    )
    # A form opened before the import must not save over it: the form's row version moves on.
    if ctx.up.last_updated:
        QuarterlyValue.objects.filter(pk__in=[v.pk for v in ctx.up.last_updated]).update(version=F("version") + 1)
