"""A RATIO quarter's value is its numerator ÷ denominator × 100 (4 decimals), as Form-3 stores it.

Imports before this release stored the value column as written (the demo's 13,95 for 6 ÷ 43); the
import now computes it as the form does, so a workbook imported again into a locked quarter would
look changed. This brings those stored values to the rule, each with an audit entry; no result
changes (the year-end value is Σ numerators ÷ Σ denominators).
"""

from decimal import Decimal

from django.db import migrations

PLACES = Decimal("0.0001")
REASON = "Oran göstergesinin dönem değeri pay ÷ payda × 100 olarak yeniden hesaplandı (sürüm güncellemesi)."


def compute(apps, schema_editor):
    QuarterlyValue = apps.get_model("indicators", "QuarterlyValue")
    AuditEntry = apps.get_model("core", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    rows = QuarterlyValue.objects.filter(
        indicator__aggregation="ratio", numerator__isnull=False, denominator__gt=0
    ).select_related("indicator")
    changed = []
    for row in rows:
        value = (row.numerator / row.denominator * 100).quantize(PLACES)
        if row.value != value:
            changed.append((row, row.value))
            row.value = value
    if not changed:
        return
    QuarterlyValue.objects.bulk_update([row for row, _old in changed], ["value"])
    content_type, _created = ContentType.objects.get_or_create(app_label="indicators", model="quarterlyvalue")
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                content_type=content_type,
                object_id=str(row.pk),
                object_repr=f"{row.indicator.code} {row.quarter}. dönem"[:300],
                action="update",
                changes={"value": [None if old is None else str(old), str(row.value)]},
                reason=REASON,
            )
            for row, old in changed
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0004_result_quarters"),
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(compute, migrations.RunPython.noop)]
