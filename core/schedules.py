"""The periodic jobs, defined here once. `schedules_ensure` (run after every `migrate`) creates each
missing one in django-celery-beat's tables and never changes an existing one: what an admin changed in
the admin (Periodic tasks: time, enabled) survives migrations and beat restarts. To change a default,
edit it here (new installations) and in the admin (running ones)."""

from dataclasses import dataclass

TIME_ZONE = "Europe/Istanbul"


@dataclass(frozen=True)
class Job:
    name: str
    task: str
    minute: str = "0"
    hour: str = "*"
    every_seconds: int | None = None  # an interval instead of a time of day


JOBS = (
    Job("Gece yeniden hesaplama ve tutarlılık kontrolü", "indicators.tasks.nightly_recompute_task", "30", "2"),
    # Recompute what a lost on-change request left stale (indicators.services.sweep).
    Job("tutarlilik-taramasi", "indicators.tasks.consistency_sweep_task", every_seconds=10 * 60),
    Job("Form-3: son gün kilidini kaydet", "submissions.tasks.deadline_locks_task", "5", "0"),
    Job("Form-3: son gün hatırlatmaları", "submissions.tasks.deadline_reminders_task", "0", "8"),
    Job("Form-3: geciken birimler listesi", "submissions.tasks.late_report_task", "15", "8"),
)


def schedules_ensure(**kwargs) -> int:
    """Create the periodic jobs that are missing (by name); return how many were created."""
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

    created = 0
    for job in JOBS:
        if PeriodicTask.objects.filter(name=job.name).exists():
            continue
        if job.every_seconds:
            interval, _ = IntervalSchedule.objects.get_or_create(every=job.every_seconds, period="seconds")
            PeriodicTask.objects.create(name=job.name, task=job.task, interval=interval)
        else:
            crontab, _ = CrontabSchedule.objects.get_or_create(
                minute=job.minute,
                hour=job.hour,
                day_of_week="*",
                day_of_month="*",
                month_of_year="*",
                timezone=TIME_ZONE,
            )
            PeriodicTask.objects.create(name=job.name, task=job.task, crontab=crontab)
        created += 1
    return created


def schedules_ensure_after_migrate(sender, **kwargs) -> None:
    """post_migrate is sent once per app after the whole run (every table exists by then): act once."""
    if sender.name != "core":
        return
    schedules_ensure()
