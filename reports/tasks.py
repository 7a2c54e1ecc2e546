"""Celery interfaces of the reports app."""

from celery import shared_task
from django.db import OperationalError

from reports.services import form4_build


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    time_limit=30 * 60,
    soft_time_limit=28 * 60,
)
def form4_build_task(administration_id: int, year: int) -> int:
    """Build the year's Form-4 summary from the stored results; return its id."""
    return form4_build(administration_id=administration_id, year=year).pk
