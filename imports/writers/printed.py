"""Write the printed sheet: the printed report's figures, kept beside the computed ones."""

from django.utils.translation import gettext as _

from imports.writers.context import ImportContext
from reports.models import PrintedFigure


def write_printed(ctx: ImportContext) -> None:
    if not ctx.sheet("printed"):
        return
    ctx.up.run(
        _("basılı rapor değeri"),
        PrintedFigure,
        existing=PrintedFigure.objects.filter(administration=ctx.admin),
        key=("year", "table", "row_key", "column"),
        rows=[
            {
                "administration_id": ctx.admin.pk,
                "year": r["year"],
                "table": r["table"],
                "row_key": r["row_key"],
                "column": r["column"],
                "value": r["value"],
            }
            for r in ctx.sheet("printed")
        ],
    )
