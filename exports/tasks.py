"""Celery interfaces of the exports app."""

from celery import shared_task
from django.db import OperationalError

from exports.services import export_job_run


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
    time_limit=30 * 60,
    soft_time_limit=28 * 60,
)
def export_job_run_task(job_id: int) -> int:
    """Build the export job's file; return the job's id."""
    return export_job_run(job_id=job_id).pk
