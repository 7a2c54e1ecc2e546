"""Writes of the quarterly Form-3: saving a unit's quarter and moving it through the workflow."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.choices import Role
from accounts.models import Unit, User
from core.audit import audit_record
from core.exceptions import ApplicationError, ConcurrentEditError
from core.mail import mails_queue, messages_in_recipients_languages, site_link
from core.numbers import format_decimal
from indicators.calculations import QuarterFigures, indicator_outcome
from indicators.checks import judged_status, narrative_requirement, quarter_reported
from indicators.models import PPIndicator, QuarterlyValue
from indicators.recompute_requests import request_recompute
from indicators.services import QuarterInput, QuarterValuesRefused, quarter_values_save
from indicators.services.values import concurrent_edit
from plans import locks
from plans.choices import Status
from submissions.choices import SubmissionState
from submissions.locks import (
    QuarterLockedError,
    quarter_refuse_if_locked,
    quarter_write_refusal_record,
)
from submissions.models import QuarterException, ReviewComment, Submission
from submissions.selectors import SNAPSHOT_FIELDS, evidence_missing, form_indicators, unit_indicators
from submissions.workflow import Action, WorkflowError, next_state

# What the form holds for one indicator of the quarter (already parsed): indicators' QuarterInput.
RowInput = QuarterInput


class RowErrors(ApplicationError):
    """Some rows were refused; `extra["rows"]` maps indicator id → Turkish message. Nothing was saved.

    `extra["warnings"]` maps the ids of rows refused for unconfirmed entry warnings → their messages.
    """


EVIDENCE_REQUIRED_MESSAGE = gettext_lazy("Bu gösterge için kanıt dosyası zorunlu: bu döneme en az bir dosya ekleyin.")


def _submission_for_update(*, unit: Unit, year: int, quarter: int) -> Submission:
    """Lock and return the quarter's form, created first if it has none (one query when it exists)."""
    found = Submission.objects.select_for_update().filter(unit=unit, year=year, quarter=quarter).first()
    if found is not None:
        return found
    # Two first saves at once: the later insert is ignored and both lock the one row.
    Submission.objects.bulk_create([Submission(unit=unit, year=year, quarter=quarter)], ignore_conflicts=True)
    return Submission.objects.select_for_update().get(unit=unit, year=year, quarter=quarter)


def submission_save_values(
    *,
    unit: Unit,
    year: int,
    quarter: int,
    rows: list[RowInput],
    actor: Any,
    expected_version: int,
    today: date,
    indicators: list[PPIndicator] | None = None,
) -> Submission:
    """Save a unit's quarter in one transaction: every row or none.

    `expected_version` is the form version the user loaded: if someone saved the form since, nothing
    is written and ConcurrentEditError lists what they saved. A locked quarter refuses the save and
    the refusal is recorded in the form's history. `indicators` are the unit's indicators of the year
    when the caller has read them already (the form did, to read what was typed). Nine statements at
    most whatever the number of rows (docs/benchmarks.md).
    """
    try:
        with transaction.atomic():
            return _save_values(
                unit=unit,
                year=year,
                quarter=quarter,
                rows=rows,
                actor=actor,
                expected_version=expected_version,
                today=today,
                indicators=indicators,
            )
    except QuarterLockedError as exc:
        _form_refusal_record(exc, unit=unit, year=year, quarter=quarter, actor=actor, rows=rows)
        raise
    except IntegrityError:
        refusal = _created_meanwhile(rows, quarter)
        if refusal is None:
            raise
        raise refusal from None


def _form_refusal_record(
    exc: QuarterLockedError, *, unit: Unit, year: int, quarter: int, actor: Any, rows: list[RowInput]
) -> None:
    """Record a locked quarter's refused form in its history, once (marked so no outer layer records it again)."""
    exc.extra["recorded"] = True
    quarter_write_refusal_record(
        unit_id=unit.pk,
        year=year,
        quarter=quarter,
        actor=actor,
        channel="form",
        lock=exc.extra["lock"],
        attempted=_attempted(rows),
    )


def _attempted(rows: list[RowInput]) -> dict[str, Any]:
    """Return what a refused form tried to store, per indicator id and field, without blanks."""
    return {
        f"{row.indicator_id}.{name}": getattr(row, name)
        for row in rows
        for name in ("value", "numerator", "denominator", "year_end_estimate", "narrative", "no_data_reason")
        if getattr(row, name) not in (None, "")
    }


def _save_values(
    *,
    unit: Unit,
    year: int,
    quarter: int,
    rows: list[RowInput],
    actor: Any,
    expected_version: int,
    today: date,
    indicators: list[PPIndicator] | None,
) -> Submission:
    """Save the rows inside the caller's transaction (see submission_save_values)."""
    submission = _submission_for_update(unit=unit, year=year, quarter=quarter)
    quarter_refuse_if_locked(unit=unit, year=year, quarter=quarter, today=today, submission=submission)
    if indicators is None:
        indicators = list(form_indicators(unit=unit, year=year))
    if submission.version != expected_version:
        stored = list(unit_indicators(unit=unit, year=year))
        raise ConcurrentEditError(
            _("Bu formu siz düzenlerken %(user)s kaydetti. Değişiklikleriniz kaydedilmedi; güncel değerler:")
            % {"user": _last_editor(stored, quarter) or _("başka bir kullanıcı")},
            extra={"current": _current_values(stored, quarter)},
        )
    known = {i.pk for i in indicators}
    if any(row.indicator_id not in known for row in rows):
        raise ApplicationError(_("Bu gösterge biriminize ait değil."))
    try:
        quarter_values_save(
            indicators=indicators,
            quarter=quarter,
            entries=rows,
            actor=actor,
            administration_id=unit.administration_id,
            year=year,
        )
    except QuarterValuesRefused as exc:
        raise RowErrors(_("Form kaydedilmedi: işaretli satırları düzeltin."), extra=exc.extra) from None
    submission.version += 1
    submission.save(update_fields=["version", "updated_at"])
    request_recompute(administration_id=unit.administration_id, year=year, unit_id=unit.pk)
    return submission


def _created_meanwhile(rows: list[RowInput], quarter: int) -> RowErrors | None:
    """Return the refusal of a save whose new rows someone else created meanwhile (outside the Form-3's lock).

    Runs after the refused transaction rolled back: reads who created them (one query).
    """
    ids = [row.indicator_id for row in rows]
    found = QuarterlyValue.objects.filter(indicator_id__in=ids, quarter=quarter).select_related("updated_by")
    versions = {row.indicator_id: row.version for row in rows}
    errors = {
        row.indicator_id: concurrent_edit(row, row.updated_by).message
        for row in found
        if versions.get(row.indicator_id) is None
    }
    if not errors:
        return None
    return RowErrors(_("Form kaydedilmedi: işaretli satırları düzeltin."), extra={"rows": errors, "warnings": {}})


def _quarter_row(indicator: PPIndicator, quarter: int) -> QuarterlyValue | None:
    """Return the indicator's row for the quarter from its prefetched `quarters`."""
    return next((q for q in getattr(indicator, "quarters", []) if q.quarter == quarter), None)


def _last_editor(indicators, quarter: int) -> str | None:
    rows = [row for i in indicators if (row := _quarter_row(i, quarter)) is not None]
    latest = max(rows, key=lambda q: q.updated_at, default=None)
    return str(latest.updated_by) if latest and latest.updated_by_id else None


def _current_values(indicators, quarter: int) -> dict[str, str]:
    current = {}
    for indicator in indicators:
        row = _quarter_row(indicator, quarter)
        current[indicator.name] = "—" if row is None or row.value is None else format_decimal(row.value)
    return current


def _transition(submission: Submission, action: str, actor: Any, *, comment: str = "") -> str:
    old = submission.state
    try:
        submission.state = next_state(old, action)
    except WorkflowError as exc:
        raise ApplicationError(str(exc)) from exc
    submission.version += 1
    audit_record(
        actor=actor, obj=submission, action=str(action), changes={"state": [old, submission.state]}, reason=comment
    )
    return old


def _quarter_figures(indicator: PPIndicator, up_to: int) -> list[QuarterFigures]:
    return [
        QuarterFigures(q.quarter, q.value, q.numerator, q.denominator, q.year_end_estimate)
        for q in getattr(indicator, "quarters", [])
        if q.quarter <= up_to
    ]


def deviation_status(indicator: PPIndicator, quarter: int) -> Status:
    """Return the status a deviation narrative is judged on (indicators.checks.judged_status)."""
    outcome = indicator_outcome(
        method=indicator.aggregation,
        direction=indicator.direction,
        target=indicator.target_value,
        quarters=_quarter_figures(indicator, quarter),
    )
    return judged_status(outcome, quarter)


def quarter_problems(indicators: Iterable[PPIndicator], quarter: int) -> dict[int, str]:
    """Return, per indicator id, what keeps the quarter from being submitted (empty when ready).

    Works on indicators whose `quarters` are prefetched (unit_indicators): no query.
    """
    problems: dict[int, str] = {}
    for indicator in indicators:
        row = _quarter_row(indicator, quarter)
        value, reason = (row.value, row.no_data_reason) if row is not None else (None, "")
        if not quarter_reported(indicator.aggregation, quarter, value=value, no_data_reason=reason):
            problems[indicator.pk] = _("Değer girin ya da “veri yok” gerekçesini yazın.")
            continue
        requirement = narrative_requirement(deviation_status(indicator, quarter))
        if requirement and not (row and row.narrative.strip()):
            problems[indicator.pk] = requirement
    return problems


def add_evidence_problems(problems: dict[int, str], without_evidence: Iterable[PPIndicator]) -> None:
    """Add to each indicator's problems that its quarter needs an evidence file."""
    for indicator in without_evidence:
        problems[indicator.pk] = " ".join(filter(None, [problems.get(indicator.pk), str(EVIDENCE_REQUIRED_MESSAGE)]))


def submission_problems(*, unit: Unit, year: int, quarter: int) -> dict[int, str]:
    """Return, per indicator id, what keeps the quarter from being submitted (empty when ready)."""
    return quarter_problems(unit_indicators(unit=unit, year=year), quarter)


def submission_save_and_submit(
    *,
    unit: Unit,
    year: int,
    quarter: int,
    rows: list[RowInput],
    actor: Any,
    expected_version: int,
    today: date,
    indicators: list[PPIndicator] | None = None,
) -> Submission:
    """Save what the approver typed and send the quarter to the directorate, in one transaction.

    The same checks as saving and then submitting: if the save or the submission is refused,
    nothing is stored (the page keeps what was typed and marks the rows). A locked quarter's
    refusal is recorded in the form's history, as for a save.
    """
    try:
        with transaction.atomic():
            _save_values(
                unit=unit,
                year=year,
                quarter=quarter,
                rows=rows,
                actor=actor,
                expected_version=expected_version,
                today=today,
                indicators=indicators,
            )
            return submission_submit(unit=unit, year=year, quarter=quarter, actor=actor, today=today)
    except QuarterLockedError as exc:
        _form_refusal_record(exc, unit=unit, year=year, quarter=quarter, actor=actor, rows=rows)
        raise
    except IntegrityError:
        refusal = _created_meanwhile(rows, quarter)
        if refusal is None:
            raise
        raise refusal from None


@locks.records_closed_year_refusal("workflow")
@transaction.atomic
def submission_submit(*, unit: Unit, year: int, quarter: int, actor: Any, today: date) -> Submission:
    """The unit approver sends the quarter to the strategy directorate."""
    submission = _submission_for_update(unit=unit, year=year, quarter=quarter)
    quarter_refuse_if_locked(unit=unit, year=year, quarter=quarter, today=today)
    indicators = list(unit_indicators(unit=unit, year=year))
    problems = quarter_problems(indicators, quarter)
    without_evidence = evidence_missing(indicators=indicators, quarter=quarter)
    if problems or without_evidence:
        message = _("Form gönderilemedi: işaretli satırları tamamlayın.")
        if without_evidence:
            message += " " + _("Kanıt dosyası zorunlu olan ama eklenmemiş göstergeler: %(codes)s.") % {
                "codes": ", ".join(i.code for i in without_evidence)
            }
            add_evidence_problems(problems, without_evidence)
        raise RowErrors(message, extra={"rows": problems})
    _transition(submission, Action.SUBMIT, actor)
    submission.submitted_at, submission.submitted_by = timezone.now(), actor
    submission.review_comment = ""
    submission.save(update_fields=["state", "version", "submitted_at", "submitted_by", "review_comment", "updated_at"])
    return submission


def _refuse_closed_year(submission: Submission, action: str) -> None:
    locks.year_refuse_if_closed(
        administration_id=submission.unit.administration_id,
        year=submission.year,
        attempted={f"{submission.unit.code} {submission.year}/{submission.quarter}": Action(action).label},
    )


@locks.records_closed_year_refusal("workflow")
@transaction.atomic
def submission_approve(*, submission: Submission, actor: Any) -> Submission:
    """The strategy directorate accepts the quarter; it is then locked."""
    submission = Submission.objects.select_for_update().select_related("unit").get(pk=submission.pk)
    _refuse_closed_year(submission, Action.APPROVE)
    _transition(submission, Action.APPROVE, actor)
    submission.reviewed_at, submission.reviewed_by = timezone.now(), actor
    # What the next review compares with: the figures as approved now.
    submission.approved_values = values_snapshot(
        unit_indicators(unit=submission.unit, year=submission.year), submission.quarter
    )
    submission.returned_values = {}
    submission.save(
        update_fields=[
            "state",
            "version",
            "reviewed_at",
            "reviewed_by",
            "approved_values",
            "returned_values",
            "updated_at",
        ]
    )
    return submission


def values_snapshot(indicators: Iterable[PPIndicator], quarter: int) -> dict[str, dict[str, str | None]]:
    """Return {indicator id: {field: text}} of the quarter's stored figures (prefetched `quarters`; no query)."""
    snapshot: dict[str, dict[str, str | None]] = {}
    for indicator in indicators:
        row = _quarter_row(indicator, quarter)
        if row is not None:
            snapshot[str(indicator.pk)] = {
                name: None if getattr(row, name) in (None, "") else str(getattr(row, name)) for name in SNAPSHOT_FIELDS
            }
    return snapshot


@transaction.atomic
def review_comment_add(*, indicator: PPIndicator, quarter: int, body: str, actor: Any) -> ReviewComment:
    """Add a message to the thread of an indicator's quarter (directorate ↔ unit). Audited."""
    body = body.strip()
    if not body:
        raise ApplicationError(_("Boş yorum gönderilemez: bir şey yazın."))
    comment = ReviewComment.objects.create(
        indicator=indicator, quarter=quarter, author=actor, body=body, created_at=timezone.now()
    )
    audit_record(actor=actor, obj=comment, action="comment_add", changes={"body": [None, body]})
    return comment


@locks.records_closed_year_refusal("workflow")
@transaction.atomic
def submission_return(
    *, submission: Submission, actor: Any, comment: str, reasons: dict[int, str] | None = None
) -> Submission:
    """The strategy directorate sends the quarter back with a comment, which the unit is e-mailed.

    `reasons` maps indicator ids to what to fix on that row: each is kept as a return reason in the
    row's thread, shown on the unit's form until the next return. The figures as returned are
    kept, so the next review shows what changed since.
    """
    if not comment.strip():
        raise ApplicationError(_("İade için bir açıklama yazın: birim neyi düzelteceğini bilmeli."))
    submission = Submission.objects.select_for_update().select_related("unit").get(pk=submission.pk)
    _refuse_closed_year(submission, Action.RETURN)
    _transition(submission, Action.RETURN, actor, comment=comment)
    submission.reviewed_at, submission.reviewed_by = timezone.now(), actor
    submission.review_comment = comment
    indicators = list(unit_indicators(unit=submission.unit, year=submission.year))
    submission.returned_values = values_snapshot(indicators, submission.quarter)
    submission.save(
        update_fields=[
            "state",
            "version",
            "reviewed_at",
            "reviewed_by",
            "review_comment",
            "returned_values",
            "updated_at",
        ]
    )
    _return_reasons_record(submission, indicators, reasons or {}, actor)
    recipients = list(
        User.objects.filter(
            roles__unit=submission.unit, roles__role__in=[Role.UNIT_ENTRY, Role.UNIT_APPROVER], is_active=True
        )
        .exclude(email="")
        .values_list("email", "language")
        .distinct()
    )

    def compose() -> tuple[str, str]:
        subject = _("%(year)s/%(quarter)s. dönem izleme formunuz iade edildi") % {
            "year": submission.year,
            "quarter": submission.quarter,
        }
        body = _(
            "Strateji Geliştirme formu şu açıklamayla iade etti:\n\n%(comment)s\n\nLütfen düzeltip yeniden gönderin."
        ) % {"comment": comment}
        return subject, body + "\n\n" + _("Sayfa: %(link)s") % {"link": link}

    if recipients:
        link = site_link(
            reverse(
                "submissions:unit_quarter",
                kwargs={"unit_code": submission.unit.code, "year": submission.year, "quarter": submission.quarter},
            )
        )
        messages = messages_in_recipients_languages(recipients, compose)
        transaction.on_commit(lambda: mails_queue(messages))
    return submission


def _return_reasons_record(
    submission: Submission, indicators: list[PPIndicator], reasons: dict[int, str], actor: Any
) -> None:
    """Keep each row's return reason in its thread, dated with the return; audited."""
    known = {i.pk: i for i in indicators}
    for indicator_id, text in reasons.items():
        if indicator_id not in known or not text.strip():
            continue
        reason = ReviewComment.objects.create(
            indicator=known[indicator_id],
            quarter=submission.quarter,
            author=actor,
            body=text.strip(),
            is_return_reason=True,
            created_at=submission.reviewed_at or timezone.now(),
        )
        audit_record(
            actor=actor,
            obj=reason,
            action="return_reason_add",
            changes={"body": [None, reason.body]},
            reason=submission.review_comment,
        )


@locks.records_closed_year_refusal("workflow")
@transaction.atomic
def quarter_exception_grant(
    *, unit: Unit, year: int, quarter: int, expires_on: date, reason: str, actor: Any, today: date
) -> QuarterException:
    """Reopen a quarter for one unit until a date; an approved form goes back to draft. Audited."""
    if not reason.strip():
        raise ApplicationError(_("Dönemi yeniden açmak için gerekçe yazın."))
    if expires_on < today:
        raise ApplicationError(_("İstisnanın son günü bugünden önce olamaz."))
    locks.year_refuse_if_closed(
        administration_id=unit.administration_id,
        year=year,
        attempted={f"{unit.code} {year}/{quarter}": Action.REOPEN.label, "reason": reason},
    )
    exception = QuarterException.objects.create(
        unit=unit, year=year, quarter=quarter, expires_on=expires_on, reason=reason, granted_by=actor
    )
    audit_record(actor=actor, obj=exception, action="grant", reason=reason)
    submission = Submission.objects.select_for_update().filter(unit=unit, year=year, quarter=quarter).first()
    if submission is not None and submission.state == SubmissionState.APPROVED:
        _transition(submission, Action.REOPEN, actor, comment=reason)
        submission.save(update_fields=["state", "version", "updated_at"])
    return exception
