"""Celery tasks of the shared kernel: sending one e-mail, retried while the mail server is away."""

import smtplib

from celery import shared_task
from django.core.mail import send_mail


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=10,
)
def mail_send_task(subject: str, body: str, from_email: str, to: list[str]) -> int:
    """Send one message; a mail server outage retries it (30 s, 1 min, ... up to 30 min apart)."""
    return send_mail(subject, body, from_email, to)
