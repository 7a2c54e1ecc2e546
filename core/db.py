"""Set-based writes: one statement for many rows, whatever their number."""

from collections.abc import Sequence
from typing import Any

from django.db import connection, models


def bulk_upsert(
    model: type[models.Model],
    rows: Sequence[dict[str, Any]],
    *,
    unique_fields: Sequence[str],
    update_fields: Sequence[str],
) -> int:
    """Insert or update `rows` (dicts of attribute name → value) keyed on `unique_fields`.

    On PostgreSQL this is a single INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE statement,
    however many rows there are; elsewhere (the embedded SQLite) Django's bulk_create with
    update_conflicts, in batches. Return the number of rows written.
    """
    if not rows:
        return 0
    fields: list[Any] = [model._meta.get_field(name) for name in rows[0]]
    if connection.vendor != "postgresql":
        objects = [model(**row) for row in rows]
        model._default_manager.bulk_create(  # type: ignore[attr-defined]
            objects,
            batch_size=500,
            update_conflicts=True,
            unique_fields=list(unique_fields),
            update_fields=list(update_fields),
        )
        return len(objects)
    quote = connection.ops.quote_name
    columns = [f.column for f in fields]
    casts = [f"%s::{_array_type(f)}" for f in fields]
    arrays = [[_db_value(f, row[f.name if f.name in row else f.attname]) for row in rows] for f in fields]
    unique_columns = [_column(model, name) for name in unique_fields]
    update_columns = [_column(model, name) for name in update_fields]
    # Only identifiers from the model's own metadata, quoted, go into the text; values are parameters.
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "
        f"SELECT * FROM unnest({', '.join(casts)}) "
        f"ON CONFLICT ({', '.join(map(quote, unique_columns))}) DO UPDATE SET "
        + ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in update_columns)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, arrays)
    return len(rows)


def _column(model: type[models.Model], name: str) -> str:
    field: Any = model._meta.get_field(name)
    return str(field.column)


def _array_type(field: Any) -> str:
    target = field.target_field if field.is_relation else field  # type: ignore[attr-defined]
    db_type = str(target.rel_db_type(connection) if field.is_relation else field.db_type(connection))
    # Checks such as "smallint CHECK (x >= 0)" belong to the column, not to the array cast.
    return db_type.split(" CHECK")[0] + "[]"


def _db_value(field: Any, value: Any) -> Any:
    if value is None:
        return None
    if field.is_relation and isinstance(value, models.Model):
        return value.pk
    return field.get_db_prep_save(value, connection) if not field.is_relation else value
