"""Deadline reminders, the daily late list and the recorded lock at the deadline.

Which forms are due and late is read here; the e-mails go out through Django's mail (console by
default, SMTP from EMAIL_URL). Dates are arguments, so the jobs and the tests agree on "today".
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import Administration, Unit, User
from core.audit import audit_record_many
from indicators.models import PPIndicator
from submissions.choices import SubmissionState
from submissions.models import QuarterDeadline, QuarterException, Submission
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
    overrides = {
        (d.administration_id, d.year, d.quarter): d.deadline
        for d in QuarterDeadline.objects.filter(year__in=[around.year - 1, around.year])
    }
    return {
        (admin_id, y, q): overrides.get((admin_id, y, q)) or quarter_window(y, q).deadline
        for admin_id in Administration.objects.values_list("pk", flat=True)
        for y in (around.year - 1, around.year)
        for q in (1, 2, 3, 4)
    }


def _quarters_with_deadline(on: date) -> list[tuple[int, int, int]]:
    """Return the (administration id, year, quarter) whose deadline is the given day."""
    return [key for key, deadline in deadlines(around=on).items() if deadline == on]


def forms_not_sent(*, year: int, quarter: int, administration_id: int) -> list[DueForm]:
    """Return the reporting units whose quarter form is missing, a draft or returned (four queries)."""
    indicators = PPIndicator.objects.filter(
        performance_program__year=year, performance_program__administration_id=administration_id
    )
    units = Unit.objects.filter(pk__in=indicators.values("responsible_unit_id")).order_by("code")
    sent = set(
        Submission.objects.filter(year=year, quarter=quarter)
        .exclude(state__in=OPEN_STATES)
        .values_list("unit_id", flat=True)
    )
    excused = {
        e.unit_id: e.expires_on
        for e in QuarterException.objects.filter(year=year, quarter=quarter).order_by("expires_on")
    }
    override = QuarterDeadline.objects.filter(administration_id=administration_id, year=year, quarter=quarter).first()
    deadline = override.deadline if override else quarter_window(year, quarter).deadline
    return [
        DueForm(unit=u, year=year, quarter=quarter, deadline=max(deadline, excused.get(u.pk, deadline)))
        for u in units
        if u.pk not in sent
    ]


def _unit_addresses(unit_ids: list[int]) -> dict[int, list[str]]:
    addresses: dict[int, list[str]] = defaultdict(list)
    for unit_id, email in (
        User.objects.filter(
            roles__unit_id__in=unit_ids, roles__role__in=[Role.UNIT_ENTRY, Role.UNIT_APPROVER], is_active=True
        )
        .exclude(email="")
        .values_list("roles__unit_id", "email")
        .distinct()
    ):
        addresses[unit_id].append(email)
    return addresses


def send_deadline_reminders(*, today: date, days_before: int) -> int:
    """E-mail every unit whose form is not yet sent, `days_before` days before the deadline."""
    messages = []
    for administration_id, year, quarter in _quarters_with_deadline(today + timedelta(days=days_before)):
        due = forms_not_sent(year=year, quarter=quarter, administration_id=administration_id)
        addresses = _unit_addresses([d.unit.pk for d in due])
        for form in due:
            if not addresses.get(form.unit.pk):
                continue
            messages.append(
                (
                    _("Hatırlatma: %(year)s/%(quarter)s. dönem izleme formunun son günü %(deadline)s")
                    % {"year": year, "quarter": quarter, "deadline": form.deadline.strftime("%d.%m.%Y")},
                    _(
                        "%(unit)s biriminin %(year)s yılı %(quarter)s. dönem performans göstergesi izleme formu "
                        "henüz Strateji Geliştirme'ye gönderilmedi. Son gün: %(deadline)s."
                    )
                    % {
                        "unit": form.unit.name,
                        "year": year,
                        "quarter": quarter,
                        "deadline": form.deadline.strftime("%d.%m.%Y"),
                    },
                    settings.DEFAULT_FROM_EMAIL,
                    addresses[form.unit.pk],
                )
            )
    return send_mass_mail(messages) if messages else 0


def send_late_report(*, today: date) -> int:
    """E-mail each strategy directorate every form of this or last year still unsent after its deadline."""
    sent = 0
    for administration in Administration.objects.all():
        late = []
        for year in (today.year - 1, today.year):
            for quarter in (1, 2, 3, 4):
                window = quarter_window(year, quarter)
                if window.deadline < today:
                    late += [
                        f
                        for f in forms_not_sent(year=year, quarter=quarter, administration_id=administration.pk)
                        if f.deadline < today
                    ]
        recipients = list(
            User.objects.filter(roles__administration=administration, roles__role=Role.STRATEGY, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        if not late or not recipients:
            continue
        lines = "\n".join(
            _("- %(unit)s: %(year)s/%(quarter)s. dönem (son gün %(deadline)s)")
            % {"unit": f.unit.name, "year": f.year, "quarter": f.quarter, "deadline": f.deadline.strftime("%d.%m.%Y")}
            for f in late
        )
        sent += send_mass_mail(
            [
                (
                    _("Geciken izleme formları (%(count)d)") % {"count": len(late)},
                    _("Son günü geçtiği hâlde gönderilmemiş formlar:\n\n%(lines)s") % {"lines": lines},
                    settings.DEFAULT_FROM_EMAIL,
                    recipients,
                )
            ]
        )
    return sent


@transaction.atomic
def record_deadline_locks(*, today: date) -> int:
    """Record, in each late form's history, that it locked at yesterday's deadline; return how many."""
    recorded = 0
    for administration_id, year, quarter in _quarters_with_deadline(today - timedelta(days=1)):
        due = [
            f
            for f in forms_not_sent(year=year, quarter=quarter, administration_id=administration_id)
            if f.deadline < today
        ]
        existing = {
            s.unit_id: s for s in Submission.objects.filter(year=year, quarter=quarter, unit__in=[f.unit for f in due])
        }
        missing = [Submission(unit=f.unit, year=year, quarter=quarter) for f in due if f.unit.pk not in existing]
        Submission.objects.bulk_create(missing)
        submissions = list(existing.values()) + missing
        recorded += audit_record_many(
            actor=None,
            entries=[(s, "lock", {"locked": [None, "deadline_passed"]}) for s in submissions],
            reason=_("Süre doldu"),
        )
    return recorded
