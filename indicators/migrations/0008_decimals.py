"""Each PP indicator's number of decimals, taken for the existing ones from what was typed."""

from decimal import Decimal

from django.db import migrations, models

RATIO_PLACES = 2  # a RATIO indicator's value is a computed percentage: shown like every rate


def _places(value: Decimal | None) -> int:
    if value is None:
        return 0
    exponent = value.normalize().as_tuple().exponent
    return min(4, max(0, -exponent)) if isinstance(exponent, int) else 0


def infer_decimals(apps, schema_editor):
    """Give every indicator the most decimals any of its typed figures has (a ratio at least two)."""
    PPIndicator = apps.get_model("indicators", "PPIndicator")
    QuarterlyValue = apps.get_model("indicators", "QuarterlyValue")
    places: dict[int, int] = {}
    for pk, aggregation, prev_value, target in PPIndicator.objects.values_list(
        "pk", "aggregation", "prev_value", "target_value"
    ).iterator():
        places[pk] = max(RATIO_PLACES if aggregation == "ratio" else 0, _places(prev_value), _places(target))
    typed = QuarterlyValue.objects.exclude(indicator__aggregation="ratio").values_list(
        "indicator_id", "value", "year_end_estimate"
    )
    for pk, value, estimate in typed.iterator():
        places[pk] = max(places[pk], _places(value), _places(estimate))
    for decimals in sorted(set(places.values()) - {0}):
        PPIndicator.objects.filter(pk__in=[pk for pk, n in places.items() if n == decimals]).update(decimals=decimals)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0007_entry_warnings"),
    ]

    operations = [
        migrations.AddField(
            model_name="ppindicator",
            name="decimals",
            field=models.PositiveSmallIntegerField(
                default=0,
                help_text="Değerler kaç ondalıkla girilir ve gösterilir: sayı için 0, oran için genellikle 2 (en fazla 4).",
                verbose_name="ondalık basamak sayısı",
            ),
        ),
        migrations.AddConstraint(
            model_name="ppindicator",
            constraint=models.CheckConstraint(condition=models.Q(("decimals__lte", 4)), name="pp_indicator_decimals_0_4"),
        ),
        migrations.RunPython(infer_decimals, migrations.RunPython.noop),
    ]
