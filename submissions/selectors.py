"""Reads for the quarterly Form-3: a unit's form, its state and lock, the review queue."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery

from accounts.models import Unit
from indicators.checks import entry_history
from indicators.models import PPIndicator, QuarterlyValue
from indicators.selectors import last_year_quarters
from plans.locks import year_closed_exists
from plans.models import PerformanceProgram
from submissions.choices import SubmissionState
from submissions.models import Evidence, QuarterDeadline, QuarterException, ReviewComment, Submission
from submissions.workflow import LockReason, QuarterWindow, lock_reason, quarter_window


def unit_indicators(*, unit: Unit, year: int) -> QuerySet[PPIndicator]:
    """Return the PP indicators the unit is responsible for in the year, Form-3 order, with quarters."""
    return (
        form_indicators(unit=unit, year=year)
        .select_related("sub_program__program", "result")
        .prefetch_related(
            Prefetch("quarterly_values", queryset=QuarterlyValue.objects.order_by("quarter"), to_attr="quarters")
        )
    )


def form_indicators(*, unit: Unit, year: int) -> QuerySet[PPIndicator]:
    """Return the PP indicators the unit is responsible for in the year, Form-3 order, without their quarters."""
    return PPIndicator.objects.filter(
        responsible_unit=unit,
        performance_program__administration_id=unit.administration_id,
        performance_program__year=year,
    ).order_by("sub_program__program__seq", "sub_program__seq", "seq", "code")


@dataclass(frozen=True)
class FormStatus:
    """The state of a unit's quarter form and whether (and why not) the unit may edit it today."""

    submission: Submission | None
    window: QuarterWindow
    lock: LockReason | None
    # The last day of the unit's latest exception for the quarter (None without one).
    exception_until: date | None

    @property
    def state(self) -> str:
        return self.submission.state if self.submission else SubmissionState.DRAFT

    @property
    def version(self) -> int:
        """The version a save must name: a form not saved yet starts where a new submission does."""
        return self.submission.version if self.submission else Submission._meta.get_field("version").get_default()


def form_status(
    *, unit: Unit, year: int, quarter: int, today: date, submission: Submission | None = None
) -> FormStatus:
    """Return the form's submission, window and lock reason (two queries; one when `submission` is given).

    A save passes the submission it has just locked, so the lock is judged on its current state.
    """
    if submission is None:
        submission = Submission.objects.filter(unit=unit, year=year, quarter=quarter).first()
    exception_until, had_exception, deadline, year_closed = (
        Unit.objects.filter(pk=unit.pk)
        .annotate(
            exception_until=Subquery(
                QuarterException.objects.filter(unit=OuterRef("pk"), year=year, quarter=quarter)
                .order_by("-expires_on")
                .values("expires_on")[:1]
            ),
            had_exception=Exists(QuarterException.objects.filter(unit=OuterRef("pk"), year=year, quarter=quarter)),
            deadline=Subquery(
                QuarterDeadline.objects.filter(
                    administration_id=OuterRef("administration_id"), year=year, quarter=quarter
                ).values("deadline")[:1]
            ),
            year_closed=year_closed_exists(administration=OuterRef("administration_id"), year=year),
        )
        .values_list("exception_until", "had_exception", "deadline", "year_closed")
        .get()
    )
    window = quarter_window(year, quarter, deadline)
    reason = lock_reason(
        today=today,
        window=window,
        state=submission.state if submission else SubmissionState.DRAFT,
        exception_until=exception_until,
        had_exception=had_exception,
        year_closed=year_closed,
    )
    return FormStatus(submission=submission, window=window, lock=reason, exception_until=exception_until)


def deadline_overrides(*, administration_ids, years) -> dict[tuple[int, int, int], date]:
    """Return {(administration id, year, quarter): deadline} where an administration set its own (one query)."""
    return {
        (d.administration_id, d.year, d.quarter): d.deadline
        for d in QuarterDeadline.objects.filter(administration_id__in=administration_ids, year__in=years)
    }


def review_queue(*, administration_id: int) -> QuerySet[Submission]:
    """Return the submissions waiting for the strategy directorate, oldest first."""
    return (
        Submission.objects.filter(unit__administration_id=administration_id, state=SubmissionState.SUBMITTED)
        .select_related("unit", "submitted_by")
        .order_by("submitted_at", "unit__code")
    )


@dataclass(frozen=True)
class GridCell:
    quarter: int
    state: str
    lock: LockReason | None
    late: bool  # the deadline passed and the form never reached the directorate
    deadline: date | None = None  # the unit's last day: its exception's, else the quarter's


@dataclass(frozen=True)
class GridRow:
    unit: Unit
    cells: list[GridCell]


def form_grid(*, units: QuerySet[Unit], year: int, today: date) -> list[GridRow]:
    """Return every unit responsible for indicators in the year (in the administration's order) with its quarters.

    Five queries whatever the number of units.
    """
    reporting = units.filter(
        Exists(PPIndicator.objects.filter(responsible_unit=OuterRef("pk"), performance_program__year=year))
    ).order_by("seq", "code")
    unit_list = list(reporting)
    ids = [u.pk for u in unit_list]
    states = {
        (s.unit_id, s.quarter): s.state
        for s in Submission.objects.filter(unit_id__in=ids, year=year).only("unit_id", "quarter", "state")
    }
    overrides = deadline_overrides(administration_ids={u.administration_id for u in unit_list}, years=[year])
    closed = set(
        PerformanceProgram.objects.filter(
            administration_id__in={u.administration_id for u in unit_list}, year=year, is_closed=True
        ).values_list("administration_id", flat=True)
    )
    exceptions: dict[tuple[int, int], date] = {}
    for e in QuarterException.objects.filter(unit_id__in=ids, year=year).order_by("expires_on"):
        exceptions[(e.unit_id, e.quarter)] = e.expires_on
    rows = []
    for unit in unit_list:
        cells = []
        for quarter in (1, 2, 3, 4):
            state = states.get((unit.pk, quarter), SubmissionState.DRAFT)
            window = quarter_window(year, quarter, overrides.get((unit.administration_id, year, quarter)))
            until = exceptions.get((unit.pk, quarter))
            reason = lock_reason(
                today=today,
                window=window,
                state=state,
                exception_until=until,
                had_exception=until is not None,
                year_closed=unit.administration_id in closed,
            )
            late = today > window.deadline and state in (SubmissionState.DRAFT, SubmissionState.RETURNED)
            cells.append(
                GridCell(
                    quarter=quarter,
                    state=state,
                    lock=reason,
                    late=late,
                    deadline=max(window.deadline, until or window.deadline),
                )
            )
        rows.append(GridRow(unit=unit, cells=cells))
    return rows


def quarter_evidence(*, indicator_ids, quarters=(1, 2, 3, 4)) -> dict[tuple[int, int], list[Evidence]]:
    """Return the files kept for each (indicator id, quarter), oldest first, removed ones left out (one query)."""
    found: dict[tuple[int, int], list[Evidence]] = {}
    # Ordered within each (indicator, quarter) only: the model's order joins the indicators' programmes.
    for evidence in (
        Evidence.objects.filter(
            indicator_id__in=list(indicator_ids), quarter__in=list(quarters), removed_at__isnull=True
        )
        .select_related("uploaded_by")
        .order_by("quarter", "created_at", "pk")
    ):
        found.setdefault((evidence.indicator_id, evidence.quarter), []).append(evidence)
    return found


def evidence_missing(*, indicators, quarter: int) -> list[PPIndicator]:
    """Return the indicators that require evidence and have no file for the quarter (one query at most)."""
    required = [i for i in indicators if i.evidence_required]
    if not required:
        return []
    present = set(
        Evidence.objects.filter(indicator__in=required, quarter=quarter, removed_at__isnull=True).values_list(
            "indicator_id", flat=True
        )
    )
    return [i for i in required if i.pk not in present]


# The figures a review compares (Submission.approved_values / returned_values keep them as text).
SNAPSHOT_FIELDS = ("value", "numerator", "denominator", "year_end_estimate", "narrative", "no_data_reason")
TEXT_FIELDS = ("narrative", "no_data_reason")


def comment_threads(*, indicator_ids, quarter: int) -> dict[int, list[ReviewComment]]:
    """Return {indicator id: its quarter's thread, oldest first} (one query)."""
    threads: dict[int, list[ReviewComment]] = {}
    for comment in ReviewComment.objects.filter(indicator_id__in=list(indicator_ids), quarter=quarter).select_related(
        "author"
    ):
        threads.setdefault(comment.indicator_id, []).append(comment)
    return threads


def current_return_reasons(status: "FormStatus", threads: dict[int, list[ReviewComment]]) -> dict[int, str]:
    """Return {indicator id: reason} of the return the form is under now (none unless it is returned)."""
    submission = status.submission
    if submission is None or submission.state != SubmissionState.RETURNED:
        return {}
    return {
        indicator_id: " ".join(c.body for c in thread if c.is_return_reason and c.created_at == submission.reviewed_at)
        for indicator_id, thread in threads.items()
        if any(c.is_return_reason and c.created_at == submission.reviewed_at for c in thread)
    }


@dataclass(frozen=True)
class FieldChange:
    """One figure of a row that differs from the reference (the last approval or return)."""

    name: str
    label: str
    old: Any
    new: Any


@dataclass
class ReviewRow:
    """One indicator of the form under review, beside what it is compared with."""

    indicator: PPIndicator
    current: QuarterlyValue | None
    approved: dict[str, Any]
    since_return: list[FieldChange]
    since_approval: list[FieldChange]
    previous_quarter: Decimal | None
    last_year: Decimal | None
    comments: list[ReviewComment] = field(default_factory=list)


def _parsed(snapshot: dict[str, str | None] | None) -> dict[str, Any]:
    if not snapshot:
        return {}
    return {name: text if name in TEXT_FIELDS or text is None else Decimal(text) for name, text in snapshot.items()}


def _changes(current: QuarterlyValue | None, reference: dict[str, Any]) -> list[FieldChange]:
    labels = {name: QuarterlyValue._meta.get_field(name).verbose_name for name in SNAPSHOT_FIELDS}  # type: ignore[union-attr]
    changes = []
    for name in SNAPSHOT_FIELDS:
        new = None if current is None or getattr(current, name) in (None, "") else getattr(current, name)
        old = reference.get(name)
        if old != new:
            changes.append(FieldChange(name=name, label=str(labels[name]), old=old, new=new))
    return changes


def review_rows(*, submission: Submission) -> list[ReviewRow]:
    """Return the form's rows beside the last approved figures, what changed since the return, the
    previous quarter, the same quarter of last year and the target, with each row's thread.

    Four queries whatever the number of indicators.
    """
    unit, year, quarter = submission.unit, submission.year, submission.quarter
    indicators = list(unit_indicators(unit=unit, year=year))
    last_year = last_year_quarters(
        administration_id=unit.administration_id, year=year, codes={i.code for i in indicators}
    )
    threads = comment_threads(indicator_ids=[i.pk for i in indicators], quarter=quarter)
    rows = []
    for indicator in indicators:
        stored = {q.quarter: q for q in getattr(indicator, "quarters", [])}
        current = stored.get(quarter)
        history = entry_history(
            quarter=quarter,
            this_year={q: v.value for q, v in stored.items()},
            last_year=last_year.get(indicator.code, {}),
        )
        approved = _parsed(submission.approved_values.get(str(indicator.pk)))
        returned = submission.returned_values.get(str(indicator.pk))
        rows.append(
            ReviewRow(
                indicator=indicator,
                current=current,
                approved=approved,
                since_return=_changes(current, _parsed(returned)) if submission.returned_values else [],
                since_approval=_changes(current, approved) if submission.approved_values else [],
                previous_quarter=history.previous_quarter,
                last_year=history.same_quarter_last_year,
                comments=threads.get(indicator.pk, []),
            )
        )
    return rows
