"""Drill: every write path into a locked quarter changes 0 rows, and every refusal is recorded.

The 2024 demo's quarters are approved. Attempts: the Form-3 page (approved quarters, and a draft
quarter whose deadline passed), the Django admin (change, delete, add), the import (the data-set
service and the workbook import the upload page confirms), and the JSON API, which is read-only:
its writes answer 405 and, having no write path at all, are not recorded as quarter refusals.
"""

from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from core.models import AuditEntry
from imports.dataset import read_csv_folder
from imports.demo import DEMO_DATA_DIR
from imports.services import LockedQuartersError, dataset_import, workbook_import
from indicators.models import PPIndicator, QuarterlyValue
from submissions.choices import SubmissionState
from submissions.models import Submission
from tests.drills.figures import report

pytestmark = [pytest.mark.drill, pytest.mark.django_db]

ROUNDS = 25


def _snapshot() -> dict[int, tuple]:
    return {row[0]: row[1:] for row in QuarterlyValue.objects.values_list()}


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
        admin_data = {"indicator": str(indicator.pk), "quarter": str(quarter), "value": str(round_ + 1)}
        admin_data.update(
            dict.fromkeys(("numerator", "denominator", "year_end_estimate", "narrative", "no_data_reason"), "")
        )
        if quarter != 4:  # the admin is bound by the workflow lock, not by the units' deadline
            for name, url, data in (
                ("admin change", reverse("admin:indicators_quarterlyvalue_change", args=[value.pk]), admin_data),
                ("admin delete", reverse("admin:indicators_quarterlyvalue_delete", args=[value.pk]), {"post": "yes"}),
                ("admin add", reverse("admin:indicators_quarterlyvalue_add"), admin_data),
            ):
                response = admin.post(url, data)
                attempts[name] += 1
                answers[f"{name}: {response.status_code}"] += 1
            dataset = read_csv_folder(DEMO_DATA_DIR)
            rows = dataset.rows["quarterly_values"]
            for position, row in enumerate(rows):
                if row["indicator_code"] == "GYH.01" and row["quarter"] == quarter:
                    rows[position] = {**row, "value": (row["value"] or 0) + round_ + 1}
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
