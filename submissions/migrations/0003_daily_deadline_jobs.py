"""Schedule the daily Form-3 deadline jobs (editable by admins in django-celery-beat)."""

from django.db import migrations

JOBS = [
    ("Form-3: son gün kilidini kaydet", "submissions.tasks.deadline_locks_task", "5", "0"),
    ("Form-3: son gün hatırlatmaları", "submissions.tasks.deadline_reminders_task", "0", "8"),
    ("Form-3: geciken birimler listesi", "submissions.tasks.late_report_task", "15", "8"),
]


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, minute, hour in JOBS:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute, hour=hour, day_of_week="*", day_of_month="*", month_of_year="*", timezone="Europe/Istanbul"
        )
        PeriodicTask.objects.update_or_create(name=name, defaults={"task": task, "crontab": crontab, "enabled": True})


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=[j[0] for j in JOBS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0002_quarterexception"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(schedule, unschedule)]
