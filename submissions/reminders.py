"""Deadline reminders, the daily late list and the recorded lock at the deadline.

Which forms are due and late is read here; the e-mails go out through Django's mail (console by
default, SMTP from EMAIL_URL). Dates are arguments, so the jobs and the tests agree on "today".
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import Administration, Unit, User
from core.audit import audit_record_many
from core.mail import mails_queue, messages_in_recipients_languages, site_link
from indicators.models import PPIndicator
from submissions.choices import SubmissionState
from submissions.models import QuarterException, Submission
from submissions.selectors import deadline_overrides
from submissions.workflow import quarter_window

OPEN_STATES = (SubmissionState.DRAFT, SubmissionState.RETURNED)


@dataclass(frozen=True)
class DueForm:
    unit: Unit
    year: int
    quarter: int
    deadline: date


def deadlines(*, around: date) -> dict[tuple[int, int, int], date]:
    """Return {(administration id, year, quarter): deadline} for last year's and this year's quarters,
    the administration's own deadline where it set one, else the default."""
    administration_ids = list(Administration.objects.values_list("pk", flat=True))
    years = [around.year - 1, around.year]
    overrides = deadline_overrides(administration_ids=administration_ids, years=years)
    return {
        (admin_id, y, q): quarter_window(y, q, overrides.get((admin_id, y, q))).deadline
        for admin_id in administration_ids
        for y in (around.year - 1, around.year)
        for q in (1, 2, 3, 4)
    }


def _quarters_with_deadline(on: date) -> list[tuple[int, int, int]]:
    """Return the (administration id, year, quarter) whose deadline is the given day."""
    return [key for key, deadline in deadlines(around=on).items() if deadline == on]


def _due_on(on: date) -> list[DueForm]:
    """Return the forms not sent among the quarters whose deadline is the given day."""
    return [
        form
        for administration_id, year, quarter in _quarters_with_deadline(on)
        for form in forms_not_sent(year=year, quarter=quarter, administration_id=administration_id, deadline=on)
    ]


def forms_not_sent(*, year: int, quarter: int, administration_id: int, deadline: date) -> list[DueForm]:
    """Return the reporting units whose quarter form (due `deadline`) is missing, a draft or returned.

    Three queries; a unit's own exception moves its deadline later.
    """
    indicators = PPIndicator.objects.filter(
        performance_program__year=year, performance_program__administration_id=administration_id
    )
    units = Unit.objects.filter(pk__in=indicators.values("responsible_unit_id")).order_by("seq", "code")
    sent = set(
        Submission.objects.filter(year=year, quarter=quarter)
        .exclude(state__in=OPEN_STATES)
        .values_list("unit_id", flat=True)
    )
    excused = {
        e.unit_id: e.expires_on
        for e in QuarterException.objects.filter(year=year, quarter=quarter).order_by("expires_on")
    }
    return [
        DueForm(unit=u, year=year, quarter=quarter, deadline=max(deadline, excused.get(u.pk, deadline)))
        for u in units
        if u.pk not in sent
    ]


def _unit_addresses(unit_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Return {unit id: [(address, language), ...]} of the units' entry users and approvers."""
    addresses: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for unit_id, email, language in (
        User.objects.filter(
            roles__unit_id__in=unit_ids, roles__role__in=[Role.UNIT_ENTRY, Role.UNIT_APPROVER], is_active=True
        )
        .exclude(email="")
        .values_list("roles__unit_id", "email", "language")
        .distinct()
    ):
        addresses[unit_id].append((email, language))
    return addresses


def send_deadline_reminders(*, today: date, days_before: int) -> int:
    """E-mail every unit whose form is not yet sent, `days_before` days before the deadline."""
    messages: list = []
    due = _due_on(today + timedelta(days=days_before))
    addresses = _unit_addresses([d.unit.pk for d in due])
    for form in due:
        if not addresses.get(form.unit.pk):
            continue
        names = {
            "unit": form.unit.name,
            "year": form.year,
            "quarter": form.quarter,
            "deadline": form.deadline.strftime("%d.%m.%Y"),  # dd.mm.yyyy in every language (docs/security.md)
            "link": site_link(
                reverse(
                    "submissions:unit_quarter",
                    kwargs={"unit_code": form.unit.code, "year": form.year, "quarter": form.quarter},
                )
            ),
        }

        def compose(names=names) -> tuple[str, str]:
            subject = _("Hatırlatma: %(year)s/%(quarter)s. dönem izleme formunun son günü %(deadline)s") % names
            body = (
                _(
                    "%(unit)s biriminin %(year)s yılı %(quarter)s. dönem performans göstergesi izleme formu "
                    "henüz Strateji Geliştirme'ye gönderilmedi. Son gün: %(deadline)s."
                )
                % names
            )
            return subject, body + "\n\n" + _("Sayfa: %(link)s") % names

        messages += messages_in_recipients_languages(addresses[form.unit.pk], compose)
    return mails_queue(messages)


def send_late_report(*, today: date) -> int:
    """E-mail each strategy directorate every form of this or last year still unsent after its deadline."""
    sent = 0
    all_deadlines = deadlines(around=today)
    for administration in Administration.objects.all():
        late = []
        for year in (today.year - 1, today.year):
            for quarter in (1, 2, 3, 4):
                deadline = all_deadlines[(administration.pk, year, quarter)]
                if deadline < today:
                    due = forms_not_sent(
                        year=year, quarter=quarter, administration_id=administration.pk, deadline=deadline
                    )
                    late += [f for f in due if f.deadline < today]  # a unit's exception may still run
        recipients = list(
            User.objects.filter(roles__administration=administration, roles__role=Role.STRATEGY, is_active=True)
            .exclude(email="")
            .values_list("email", "language")
            .distinct()
        )
        if not late or not recipients:
            continue
        link = site_link(reverse("submissions:forms_index"))

        def compose(late=late, link=link) -> tuple[str, str]:
            lines = "\n".join(
                _("- %(unit)s: %(year)s/%(quarter)s. dönem (son gün %(deadline)s)")
                % {
                    "unit": f.unit.name,
                    "year": f.year,
                    "quarter": f.quarter,
                    "deadline": f.deadline.strftime("%d.%m.%Y"),
                }
                for f in late
            )
            subject = _("Geciken izleme formları (%(count)d)") % {"count": len(late)}
            body = _("Son günü geçtiği hâlde gönderilmemiş formlar:\n\n%(lines)s") % {"lines": lines}
            return subject, body + "\n\n" + _("Sayfa: %(link)s") % {"link": link}

        sent += mails_queue(messages_in_recipients_languages(recipients, compose))
    return sent


@transaction.atomic
def record_deadline_locks(*, today: date) -> int:
    """Record, in each late form's history, that it locked at yesterday's deadline; return how many."""
    recorded = 0
    late = [f for f in _due_on(today - timedelta(days=1)) if f.deadline < today]  # an exception may run on
    for (year, quarter), forms in groupby(late, key=lambda f: (f.year, f.quarter)):
        units = [f.unit for f in forms]
        existing = {s.unit_id: s for s in Submission.objects.filter(year=year, quarter=quarter, unit__in=units)}
        missing = [Submission(unit=u, year=year, quarter=quarter) for u in units if u.pk not in existing]
        Submission.objects.bulk_create(missing)
        recorded += audit_record_many(
            actor=None,
            entries=[(s, "lock", {"locked": [None, "deadline_passed"]}) for s in [*existing.values(), *missing]],
            reason=_("Süre doldu"),
        )
    return recorded
