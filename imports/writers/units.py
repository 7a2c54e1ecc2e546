"""Write the administration and units sheets."""

from django.utils.translation import gettext as _

from accounts.models import Administration, Unit
from imports.dataset import DatasetError, RowError
from imports.writers.context import ImportContext
from imports.writers.upsert import Upserter


def write_administration(up: Upserter, row: dict) -> Administration:
    """Create or rename the data set's one administration."""
    return up.run(
        _("idare"),
        Administration,
        existing=Administration.objects.filter(code=row["code"]),
        key=("code",),
        rows=[{"code": row["code"], "name": row["name"]}],
    )[(row["code"],)]


def write_units(ctx: ImportContext) -> None:
    """Write the units, parents before children, so every parent link resolves to a saved unit."""
    existing_units = list(Unit.objects.filter(administration=ctx.admin))
    ctx.unit_id = {u.code: u.pk for u in existing_units}
    pending = list(ctx.sheet("units"))
    while pending:
        level = [r for r in pending if not r["parent_code"] or r["parent_code"] in ctx.unit_id]
        if not level:
            raise DatasetError(
                [RowError("units", r["_row"], "parent_code", _("Birim ağacında döngü var.")) for r in pending]
            )
        saved = ctx.up.run(
            _("birim"),
            Unit,
            existing=existing_units,
            key=("code",),
            rows=[
                {
                    "administration_id": ctx.admin.pk,
                    "code": r["code"],
                    "name": r["name"],
                    "kind": r["kind"],
                    "parent_id": ctx.unit_id[r["parent_code"]] if r["parent_code"] else None,
                    # No order given: an existing unit keeps its own, a new one takes the default.
                    **({} if r.get("seq") is None else {"seq": r["seq"]}),
                }
                for r in level
            ],
        )
        ctx.unit_id.update({code: obj.pk for (code,), obj in saved.items()})
        level_codes = {r["code"] for r in level}
        pending = [r for r in pending if r["code"] not in level_codes]
