"""Once scheduled the nightly recompute here; the periodic jobs are now defined once, in core/schedules.py
(created after every migrate when missing, never overwritten). Kept as a no-op for the migration graph."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_recomputerun_and_more"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
