"""The printed figures of the economic-code tables keyed on the national codes ("1" → "01"), as the budget is."""

from django.db import migrations

ECONOMIC_TABLES = ["tablo7", "tablo8", "tablo9", "tablo12", "tablo13"]


def national_row_keys(apps, schema_editor):
    PrintedFigure = apps.get_model("reports", "PrintedFigure")
    for digit in range(1, 10):
        PrintedFigure.objects.filter(table__in=ECONOMIC_TABLES, row_key=str(digit)).update(row_key=f"0{digit}")


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_form4summary_form4row_and_more")]

    operations = [migrations.RunPython(national_row_keys, migrations.RunPython.noop)]
