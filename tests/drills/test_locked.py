"""Drill: every write path into a locked quarter, or into a closed year, changes 0 rows, and every refusal is recorded.

The 2024 demo's quarters are approved. Attempts: the Form-3 page (approved quarters, and a draft
quarter whose deadline passed), the Django admin (change, delete, add), the import (the data-set
service and the workbook import the upload page confirms), and the JSON API, which is read-only:
its writes answer 405 and, having no write path at all, are not recorded as quarter refusals.
"""

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from budget.models import BudgetLine, BudgetSpending
from budget.services import budget_spending_set
from core.exceptions import ApplicationError
from core.models import AuditEntry
from imports.dataset import read_csv_folder
from imports.demo import DEMO_DATA_DIR
from imports.services import LockedQuartersError, dataset_import, workbook_import
from indicators.models import PPIndicator, QuarterlyValue
from plans.services.programme import PPIndicatorInput, pp_indicator_save
from reports.services import year_close
from submissions.choices import SubmissionState
from submissions.models import QuarterException, Submission
from submissions.services import submission_approve, submission_return, submission_submit
from tests.drills.figures import report

pytestmark = [pytest.mark.drill, pytest.mark.django_db]

ROUNDS = 25


def _snapshot() -> dict[int, tuple]:
    return {row[0]: row[1:] for row in QuarterlyValue.objects.values_list()}


def _admin_attempts(admin, value, quarter: int, round_: int, attempts, answers) -> None:
    """Change, delete and add the locked quarter's value through the Django admin; count each answer."""
    admin_data = {"indicator": str(value.indicator_id), "quarter": str(quarter), "value": str(round_ + 1)}
    admin_data.update(
        dict.fromkeys(("numerator", "denominator", "year_end_estimate", "narrative", "no_data_reason"), "")
    )
    for name, url, data in (
        ("admin change", reverse("admin:indicators_quarterlyvalue_change", args=[value.pk]), admin_data),
        ("admin delete", reverse("admin:indicators_quarterlyvalue_delete", args=[value.pk]), {"post": "yes"}),
        ("admin add", reverse("admin:indicators_quarterlyvalue_add"), admin_data),
    ):
        response = admin.post(url, data)
        attempts[name] += 1
        answers[f"{name}: {response.status_code}"] += 1


def _demo_with_gyh01_changed(quarter: int, round_: int):
    """Return the demo data set with GYH.01's value of `quarter` changed, as a careless import would."""
    dataset = read_csv_folder(DEMO_DATA_DIR)
    rows = dataset.rows["quarterly_values"]
    for position, row in enumerate(rows):
        if row["indicator_code"] == "GYH.01" and row["quarter"] == quarter:
            rows[position] = {**row, "value": (row["value"] or 0) + round_ + 1}
    return dataset


def test_locked_quarter_write_paths(demo):
    indicator = PPIndicator.objects.select_related("responsible_unit").get(code="GYH.01")
    unit = indicator.responsible_unit
    # One quarter back in draft: locked by its past deadline rather than by the approval.
    Submission.objects.filter(unit=unit, year=2024, quarter=4).update(state=SubmissionState.DRAFT)
    entry, admin = Client(), Client()
    entry.force_login(User.objects.get(username="birim.veri"))
    admin.force_login(User.objects.get(username="yonetici"))  # a superuser
    before, refusals_before = _snapshot(), AuditEntry.objects.filter(action="refused").count()
    attempts: Counter[str] = Counter()
    api_attempts = 0
    admin_user = User.objects.get(username="yonetici")
    answers: Counter[str] = Counter()
    for round_ in range(ROUNDS):
        quarter = round_ % 4 + 1
        value = QuarterlyValue.objects.get(indicator=indicator, quarter=quarter)
        submission = Submission.objects.get(unit=unit, year=2024, quarter=quarter)
        page = reverse("submissions:unit_quarter", args=[unit.code, 2024, quarter])
        response = entry.post(
            page,
            {"form_version": str(submission.version), f"i{indicator.pk}-version": str(value.version),
             f"i{indicator.pk}-value": str(round_ + 1)},
        )  # fmt: skip
        path = "Form-3 page (deadline passed)" if quarter == 4 else "Form-3 page (approved)"
        attempts[path] += 1
        answers[f"{path}: {response.status_code}"] += 1
        if quarter != 4:  # the admin is bound by the workflow lock, not by the units' deadline
            _admin_attempts(admin, value, quarter, round_, attempts, answers)
            dataset = _demo_with_gyh01_changed(quarter, round_)
            try:
                dataset_import(dataset=dataset)
                answers["import (data set): accepted"] += 1
            except LockedQuartersError:
                answers["import (data set): refused"] += 1
            attempts["import (data set)"] += 1
            try:
                workbook_import(dataset=dataset, administration=demo, actor=admin_user)
                answers["import (workbook, confirmed): accepted"] += 1
            except LockedQuartersError:
                answers["import (workbook, confirmed): refused"] += 1
            attempts["import (workbook, confirmed)"] += 1
            api_url = f"/api/v1/quarterly-values/{value.pk}/"
            for method in ("put", "patch", "delete"):
                response = getattr(admin, method)(api_url, {"value": "1"}, content_type="application/json")
                answers[f"API {method.upper()}: {response.status_code}"] += 1
                api_attempts += 1
            response = admin.post("/api/v1/quarterly-values/", {"indicator": indicator.pk, "quarter": quarter})
            answers[f"API POST: {response.status_code}"] += 1
            api_attempts += 1
    after = _snapshot()
    changed = sum(1 for pk in before.keys() | after.keys() if before.get(pk) != after.get(pk))
    recorded = AuditEntry.objects.filter(action="refused").count() - refusals_before
    total = sum(attempts.values())
    report(
        "Locked quarter",
        [
            *((f"attempts: {path}", n) for path, n in sorted(attempts.items())),
            *((f"answer {answer}", n) for answer, n in sorted(answers.items())),
            ("API write attempts (read-only API, not recorded)", api_attempts),
            ("quarterly value rows changed (goal 0)", changed),
            ("refusals recorded / attempts (goal equal)", f"{recorded} / {total}"),
        ],
    )
    assert changed == 0 and recorded == total


CLOSED_ROUNDS = 8


def _closed_year_snapshot() -> dict[str, object]:
    """Everything of 2024 a write path could change: values, workflow, exceptions, plan, budget."""
    return {
        "quarterly values": _snapshot(),
        "submissions": sorted(Submission.objects.filter(year=2024).values_list("pk", "state", "version")),
        "exceptions": QuarterException.objects.count(),
        "PP indicators": sorted(
            PPIndicator.objects.filter(sub_program__program__performance_program__year=2024).values_list(
                "pk", "name", "target_value", "updated_at"
            )
        ),
        "budget spending": sorted(BudgetSpending.objects.filter(line__year=2024).values_list("pk", "amount")),
    }


def _try(answers: Counter[str], name: str, call) -> None:
    try:
        call()
        answers[f"{name}: accepted"] += 1
    except (ApplicationError, LockedQuartersError):
        answers[f"{name}: refused"] += 1


def test_closed_year_write_paths(demo):
    """After close_year 2024, 8 rounds of every write path: nothing of 2024 changes, every refusal recorded."""
    indicator = PPIndicator.objects.select_related("responsible_unit", "sub_program").get(code="GYH.01")
    unit = indicator.responsible_unit
    # Before the closing: Q4 back in draft (to submit), Q3 submitted (to approve or return).
    Submission.objects.filter(unit=unit, year=2024, quarter=4).update(state=SubmissionState.DRAFT)
    Submission.objects.filter(unit=unit, year=2024, quarter=3).update(state=SubmissionState.SUBMITTED)
    strategy_user, admin_user = User.objects.get(username="strateji"), User.objects.get(username="yonetici")
    approver = User.objects.get(username="birim.onay")
    year_close(administration_id=demo.pk, year=2024, actor=admin_user)
    entry, strategy, admin = Client(), Client(), Client()
    entry.force_login(User.objects.get(username="birim.veri"))
    strategy.force_login(strategy_user)
    admin.force_login(admin_user)
    line = BudgetLine.objects.filter(administration=demo, year=2024).first()
    before, refusals_before = _closed_year_snapshot(), AuditEntry.objects.filter(action="refused").count()
    attempts: Counter[str] = Counter()
    answers: Counter[str] = Counter()
    api_attempts = 0
    for round_ in range(CLOSED_ROUNDS):
        quarter = round_ % 4 + 1
        value = QuarterlyValue.objects.get(indicator=indicator, quarter=quarter)
        submission = Submission.objects.get(unit=unit, year=2024, quarter=quarter)
        response = entry.post(
            reverse("submissions:unit_quarter", args=[unit.code, 2024, quarter]),
            {"form_version": str(submission.version), f"i{indicator.pk}-version": str(value.version),
             f"i{indicator.pk}-value": str(round_ + 1)},
        )  # fmt: skip
        attempts["Form-3 page"] += 1
        answers[f"Form-3 page: {response.status_code}"] += 1
        response = strategy.post(
            reverse("submissions:grant_exception", args=[unit.code, 2024, quarter]),
            {"expires_on": (date.today() + timedelta(days=10)).isoformat(), "reason": "Tatbikat: yeniden açma"},
        )
        attempts["reopen with an exception (page)"] += 1
        answers[f"reopen with an exception (page): {response.status_code}"] += 1
        for name, call in (
            ("submit (service)", lambda: submission_submit(
                unit=unit, year=2024, quarter=4, actor=approver, today=date(2025, 1, 10))),
            ("approve (service)", lambda: submission_approve(
                submission=Submission.objects.get(unit=unit, year=2024, quarter=3), actor=strategy_user)),
            ("return (service)", lambda: submission_return(
                submission=Submission.objects.get(unit=unit, year=2024, quarter=3), actor=strategy_user,
                comment="Tatbikat")),
            ("plan maintenance (PP indicator)", lambda round_=round_: pp_indicator_save(
                sub_program=indicator.sub_program, indicator=indicator, actor=strategy_user,
                data=_renamed(indicator, f"Tatbikat {round_}"))),
            ("budget entry (spending)", lambda round_=round_, quarter=quarter: budget_spending_set(
                line=line, month=quarter * 3, amount=Decimal(round_ + 1), expected_version=line.version,
                actor=admin_user)),
        ):  # fmt: skip
            attempts[name] += 1
            _try(answers, name, call)
        _admin_attempts(admin, value, quarter, round_, attempts, answers)
        dataset = _demo_with_gyh01_changed(quarter, round_)
        attempts["import (data set)"] += 1
        _try(answers, "import (data set)", lambda dataset=dataset: dataset_import(dataset=dataset))
        attempts["import (workbook, confirmed)"] += 1
        _try(
            answers,
            "import (workbook, confirmed)",
            lambda dataset=dataset: workbook_import(dataset=dataset, administration=demo, actor=admin_user),
        )
        for method in ("put", "patch", "delete"):
            response = getattr(admin, method)(
                f"/api/v1/quarterly-values/{value.pk}/", {"value": "1"}, content_type="application/json"
            )
            answers[f"API {method.upper()}: {response.status_code}"] += 1
            api_attempts += 1
    after = _closed_year_snapshot()
    changed = {name: before[name] != after[name] for name in before}
    recorded = AuditEntry.objects.filter(action="refused").count() - refusals_before
    total = sum(attempts.values())
    report(
        "Closed year",
        [
            *((f"attempts: {path}", n) for path, n in sorted(attempts.items())),
            *((f"answer {answer}", n) for answer, n in sorted(answers.items())),
            ("API write attempts (read-only API, not recorded)", api_attempts),
            *((f"{name} changed (goal no)", "yes" if flag else "no") for name, flag in changed.items()),
            ("refusals recorded / attempts (goal equal)", f"{recorded} / {total}"),
        ],
    )
    assert not any(changed.values()) and recorded == total
    assert not any(answer.endswith(": accepted") for answer in answers)


def _renamed(indicator: PPIndicator, name: str) -> PPIndicatorInput:
    return PPIndicatorInput(
        code=indicator.code, seq=indicator.seq, name=name, unit_of_measure=indicator.unit_of_measure,
        aggregation=indicator.aggregation, direction=indicator.direction, target_value=indicator.target_value,
        responsible_unit=indicator.responsible_unit, sp_indicator=indicator.sp_indicator,
        allows_negative=indicator.allows_negative, prev_year=indicator.prev_year, prev_value=indicator.prev_value,
        goal=indicator.goal, data_source=indicator.data_source, evidence_required=indicator.evidence_required,
    )  # fmt: skip
