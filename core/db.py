"""Database helpers: set-based writes (one statement for many rows, whatever their number), Turkish order."""

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import connection, models
from django.db.models import F, OrderBy
from django.db.models.functions import Collate


def bulk_upsert(
    model: type[models.Model],
    rows: Sequence[dict[str, Any]],
    *,
    unique_fields: Sequence[str],
    update_fields: Sequence[str],
    touch_fields: Sequence[str] = (),
    batch_size: int = 10_000,
) -> int:
    """Insert or update `rows` (dicts of attribute name → value) keyed on `unique_fields`.

    Only rows whose `update_fields` differ from the stored ones are rewritten; `touch_fields`
    (e.g. a timestamp) are written with them but do not by themselves make a row differ.
    On PostgreSQL this is one INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE statement per
    `batch_size` rows (a bounded statement: one upsert of every row made the PostgreSQL backend's
    memory grow with the data, about 1,9 GiB per million rows), the arrays sent as text literals
    (much faster to build than per-element parameters); elsewhere (the embedded SQLite) Django's bulk_create with
    update_conflicts, in batches. Return the number of rows given.
    """
    if not rows:
        return 0
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(  # type: ignore[attr-defined]
            [model(**row) for row in rows],
            batch_size=500,
            update_conflicts=True,
            unique_fields=list(unique_fields),
            update_fields=[*update_fields, *touch_fields],
        )
        return len(rows)
    names = list(rows[0])
    fields: list[Any] = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [quote(f.column) for f in fields]
    casts = [f"%s::{_array_type(f)}" for f in fields]
    unique_columns = [quote(_column(model, name)) for name in unique_fields]
    changed = [quote(_column(model, name)) for name in update_fields]
    written = [*changed, *(quote(_column(model, name)) for name in touch_fields)]
    # Only identifiers from the model's own metadata, quoted, go into the text; values are parameters
    # (hence bandit's B608 is answered here).
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM unnest({', '.join(casts)}) "  # nosec B608
        f"ON CONFLICT ({', '.join(unique_columns)}) DO UPDATE SET "
        + ", ".join(f"{c} = EXCLUDED.{c}" for c in written)
        + f" WHERE ({', '.join(f'{table}.{c}' for c in changed)}) "
        f"IS DISTINCT FROM ({', '.join(f'EXCLUDED.{c}' for c in changed)})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            batch = rows[start : start + batch_size]
            arrays = [
                _array_literal([row[name] for row in batch], field) for name, field in zip(names, fields, strict=True)
            ]
            cursor.execute(sql, arrays)
    return len(rows)


def bulk_insert(model: type[models.Model], rows: Sequence[dict[str, Any]], *, batch_size: int = 10_000) -> int:
    """Insert `rows` (dicts of attribute name → value, the same names in each) without reading anything back.

    On PostgreSQL one INSERT … SELECT FROM unnest(…) per `batch_size` rows, the arrays sent as text
    literals like bulk_upsert's; elsewhere Django's bulk_create. Defaults and auto_now fields are not
    applied: give every column. Return the number of rows.
    """
    if not rows:
        return 0
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create([model(**row) for row in rows], batch_size=500)  # type: ignore[attr-defined]
        return len(rows)
    names = list(rows[0])
    fields: list[Any] = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    # Only identifiers from the model's own metadata, quoted, go into the text; values are parameters.
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # nosec B608
        f"SELECT * FROM unnest({', '.join(f'%s::{_array_type(f)}' for f in fields)})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            batch = rows[start : start + batch_size]
            cursor.execute(
                sql, [_array_literal([row[n] for row in batch], f) for n, f in zip(names, fields, strict=True)]
            )
    return len(rows)


def bulk_rewrite(objects: Sequence[models.Model], fields: Sequence[str]) -> int:
    """Write `fields` of the (saved) objects back with one statement; return the number of objects.

    On PostgreSQL one UPDATE … FROM unnest(…) keyed on the primary key, the arrays sent as text
    literals like bulk_upsert's (Django's bulk_update builds a CASE WHEN per field and row, whose
    compilation costs more than the write); elsewhere Django's bulk_update. Fields are written as
    they are on the objects: set auto_now timestamps before.
    """
    if not objects:
        return 0
    model = type(objects[0])
    if connection.vendor != "postgresql":
        model._default_manager.bulk_update(objects, list(fields))  # type: ignore[attr-defined]
        return len(objects)
    meta: Any = model._meta
    columns: list[Any] = [meta.pk, *(meta.get_field(name) for name in fields)]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    aliases = [f"c{i}" for i in range(len(columns))]
    # Only identifiers from the model's own metadata, quoted, go into the text; values are parameters.
    sql = (
        f"UPDATE {table} SET "  # nosec B608
        + ", ".join(f"{quote(f.column)} = v.{alias}" for f, alias in zip(columns[1:], aliases[1:], strict=True))
        + f" FROM unnest({', '.join(f'%s::{_array_type(f)}' for f in columns)}) AS v({', '.join(aliases)})"
        f" WHERE {table}.{quote(meta.pk.column)} = v.c0"
    )
    arrays = [_array_literal([getattr(o, f.attname) for o in objects], f) for f in columns]
    with connection.cursor() as cursor:
        cursor.execute(sql, arrays)
    return len(objects)


def _column(model: type[models.Model], name: str) -> str:
    field: Any = model._meta.get_field(name)
    return str(field.column)


def _array_type(field: Any) -> str:
    target = field.target_field if field.is_relation else field
    db_type = str(target.rel_db_type(connection) if field.is_relation else field.db_type(connection))
    # Checks such as "smallint CHECK (x >= 0)" belong to the column, not to the array cast.
    return db_type.split(" CHECK")[0] + "[]"


NUMERIC_TYPES = {"AutoField", "BigAutoField", "BigIntegerField", "DecimalField", "IntegerField", "ForeignKey",
                 "OneToOneField", "PositiveIntegerField", "PositiveSmallIntegerField", "SmallIntegerField"}  # fmt: skip


def _array_literal(values: list[Any], field: Any) -> str:
    """Return a PostgreSQL array literal of one column's values (NULL for None)."""
    kind = field.get_internal_type()
    if kind in NUMERIC_TYPES:
        # Numbers need no quoting; a related object stands for its primary key.
        items = ["NULL" if v is None else str(v.pk if isinstance(v, models.Model) else v) for v in values]
    elif kind == "JSONField":
        items = ["NULL" if v is None else _quoted(json.dumps(v, sort_keys=True, separators=(",", ":"))) for v in values]
    elif kind == "BooleanField":
        items = ["NULL" if v is None else ("t" if v else "f") for v in values]
    else:
        items = ["NULL" if v is None else _quoted(v) for v in values]
    return "{" + ",".join(items) + "}"


def _quoted(value: Any) -> str:
    text = value.isoformat() if isinstance(value, datetime) else str(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# PostgreSQL's ICU collation for Turkish (PostgreSQL built with ICU, as Debian's and the official
# images are): Ç after C, Ğ after G, I/ı before İ/i, Ö after O, Ş after S, Ü after U.
TURKISH_COLLATION = "tr-x-icu"


def turkish_order(field: str, *, descending: bool = False) -> OrderBy:
    """Return an ORDER BY term that sorts `field` in Turkish alphabetical order.

    On PostgreSQL the column is compared with the ICU Turkish collation; the embedded SQLite has no
    such collation and keeps its own order.
    """
    expression = Collate(F(field), TURKISH_COLLATION) if connection.vendor == "postgresql" else F(field)
    return OrderBy(expression, descending=descending)
