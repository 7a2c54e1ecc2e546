"""The review that shows what changed, the thread per indicator and quarter, and per-row return reasons."""

import html
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditEntry
from indicators.models import PPIndicator
from submissions.models import ReviewComment, Submission
from submissions.services import submission_approve, submission_return, submission_submit
from tests.factories import PPIndicatorFactory, QuarterlyValueFactory
from tests.scenario import OPEN_DAY, QUARTER, YEAR
from tests.submissions.test_views import FULL, form_data, login, url

pytestmark = pytest.mark.django_db


def _submitted(client, scenario, rows=FULL) -> Submission:
    login(client, scenario.entry)
    assert client.post(url(scenario), form_data(scenario, **rows)).status_code == 302
    submission_submit(unit=scenario.unit, year=YEAR, quarter=QUARTER, actor=scenario.approver, today=OPEN_DAY)
    return Submission.objects.get(unit=scenario.unit, year=YEAR, quarter=QUARTER)


def test_the_review_shows_each_value_beside_the_previous_quarter_last_year_and_the_target(client, scenario):
    indicator = scenario.indicators["sum"]
    QuarterlyValueFactory(indicator=indicator, quarter=2, value=Decimal(30000))
    last_year = PPIndicatorFactory(
        code=indicator.code,
        sub_program__program__performance_program__year=YEAR - 1,
        sub_program__program__performance_program__administration=scenario.administration,
        responsible_unit=scenario.unit,
    )
    QuarterlyValueFactory(indicator=last_year, quarter=QUARTER, value=Decimal(28500))
    submission = _submitted(client, scenario)
    login(client, scenario.strategy)
    page = client.get(reverse("submissions:review_one", args=[submission.pk]))
    assert page.status_code == 200
    row = page.content.decode().split(f'id="row-{indicator.pk}"')[1].split("</tr>")[0]
    # This quarter, last approved (none yet), previous quarter, same quarter last year, target.
    assert [cell.split(">")[-1] for cell in row.split("</td>")[:5]] == ["32.031", "—", "30.000", "28.500", "50.000"]
    assert "Bu dönemin ilk incelemesi." in page.content.decode()


def test_a_resubmitted_form_shows_what_changed_since_the_return_per_field(client, scenario):
    submission = _submitted(client, scenario)
    indicator = scenario.indicators["sum"]
    submission_return(
        submission=submission,
        actor=scenario.strategy,
        comment="Düzeltin.",
        reasons={indicator.pk: "Yakalama sayısı sistemle uyuşmuyor.", scenario.other_indicator.pk: "başka birim"},
    )
    # The unit sees the reason on the row it concerns, and only there.
    login(client, scenario.entry)
    form = client.get(url(scenario)).content.decode()
    assert form.count('data-testid="return-reason"') == 1
    assert "Yakalama sayısı sistemle uyuşmuyor." in form.split(f'id="row-{indicator.pk}"')[1]
    assert not ReviewComment.objects.filter(indicator=scenario.other_indicator).exists()
    fixed = {**FULL, "sum": {**FULL["sum"], "value": "40.000"}}
    assert client.post(url(scenario), form_data(scenario, version=4, **fixed)).status_code == 302
    submission_submit(unit=scenario.unit, year=YEAR, quarter=QUARTER, actor=scenario.approver, today=OPEN_DAY)
    login(client, scenario.strategy)
    page = client.get(reverse("submissions:review_one", args=[submission.pk])).content.decode()
    changed = page.split(f'id="row-{indicator.pk}"')[1].split('data-testid="since-return"')[1].split("</ul>")[0]
    assert "Değer: 32.031 → 40.000" in changed
    assert page.count('data-testid="since-return"') == 1  # the other rows did not change
    # Approved: the next review compares with what was approved.
    submission_approve(submission=submission, actor=scenario.strategy)
    submission.refresh_from_db()
    assert submission.approved_values[str(indicator.pk)]["value"] == "40000.0000"
    assert submission.returned_values == {}


def test_the_review_shows_the_warnings_the_unit_confirmed(client, scenario):
    indicator = scenario.indicators["sum"]
    QuarterlyValueFactory(indicator=indicator, quarter=2, value=Decimal(1000))
    rows = {**FULL, "sum": {**FULL["sum"], "confirm_warnings": "on", "warning_comment": "Büyük operasyon."}}
    submission = _submitted(client, scenario, rows)
    login(client, scenario.strategy)
    page = client.get(reverse("submissions:review_one", args=[submission.pk])).content.decode()
    confirmed = page.split('data-testid="confirmed-warnings"')[1].split("</div></div>")[0]
    assert "Olağan dışı değer: 32.031, önceki dönem değerine (1.000)" in confirmed
    assert "Büyük operasyon." in confirmed


def test_a_row_return_reason_and_bulk_approve_through_the_pages(client, scenario):
    submission = _submitted(client, scenario)
    indicator = scenario.indicators["ratio"]
    login(client, scenario.strategy)
    response = client.post(
        reverse("submissions:review_one", args=[submission.pk]),
        {"action": "return", "comment": "Oranı kontrol edin.", f"reason-{indicator.pk}": "Payda eksik."},
    )
    assert response.status_code == 302
    reason = ReviewComment.objects.get(indicator=indicator, quarter=QUARTER)
    assert reason.is_return_reason and reason.body == "Payda eksik."
    assert AuditEntry.objects.filter(content_type__model="reviewcomment", object_id=str(reason.pk)).exists()
    submission_submit(unit=scenario.unit, year=YEAR, quarter=QUARTER, actor=scenario.approver, today=OPEN_DAY)
    client.post(reverse("submissions:review_list"), {"submission": [submission.pk], "action": "approve"})
    assert Submission.objects.get(pk=submission.pk).state == "approved"


def _post_comment(client, scenario, user, indicator=None, unit=None):
    login(client, user)
    indicator = indicator or scenario.indicators["sum"]
    target = reverse(
        "submissions:comment_add",
        kwargs={
            "unit_code": (unit or scenario.unit).code,
            "year": YEAR,
            "quarter": QUARTER,
            "indicator_id": indicator.pk,
        },
    )
    return client.post(target, {"body": f"{user.username} yazdı"})


@pytest.mark.parametrize(
    ("role", "status", "stored"),
    [
        ("entry", 302, True),
        ("approver", 302, True),
        ("strategy", 302, True),
        ("top", 403, False),
        ("other_entry", 404, False),
    ],
)
def test_who_may_post_to_a_thread(client, scenario, role, status, stored):
    user = getattr(scenario, role)
    assert _post_comment(client, scenario, user).status_code == status
    assert ReviewComment.objects.filter(author=user).exists() is stored
    if stored:
        comment = ReviewComment.objects.get(author=user)
        assert AuditEntry.objects.get(content_type__model="reviewcomment", object_id=str(comment.pk)).actor == user


@pytest.mark.parametrize(("role", "sees"), [("entry", True), ("strategy", True), ("top", True), ("other_entry", False)])
def test_who_may_read_a_thread(client, scenario, role, sees):
    _post_comment(client, scenario, scenario.strategy)
    login(client, getattr(scenario, role))
    page = client.get(url(scenario))
    assert (page.status_code == 200 and "strateji yazdı" in page.content.decode()) is sees
    if not sees:
        assert page.status_code == 404


def test_a_thread_refuses_an_empty_message_and_another_units_indicator(client, scenario):
    login(client, scenario.entry)
    target = reverse(
        "submissions:comment_add",
        kwargs={
            "unit_code": scenario.unit.code,
            "year": YEAR,
            "quarter": QUARTER,
            "indicator_id": scenario.indicators["sum"].pk,
        },
    )
    response = client.post(target, {"body": "   "}, follow=True)
    assert "Boş yorum gönderilemez" in response.content.decode()
    assert _post_comment(client, scenario, scenario.entry, indicator=scenario.other_indicator).status_code == 404
    assert not ReviewComment.objects.exists()


def _grow_to(scenario, count: int) -> None:
    sample = scenario.indicators["sum"]
    while PPIndicator.objects.filter(responsible_unit=scenario.unit).count() < count:
        indicator = PPIndicatorFactory(sub_program=sample.sub_program, responsible_unit=scenario.unit)
        for quarter in (2, 3):
            QuarterlyValueFactory(indicator=indicator, quarter=quarter)


def test_the_review_page_runs_the_same_queries_for_10_and_100_indicators(client, scenario, django_assert_num_queries):
    submission = _submitted(client, scenario)
    submission_return(submission=submission, actor=scenario.strategy, comment="Düzeltin.")
    submission_submit(unit=scenario.unit, year=YEAR, quarter=QUARTER, actor=scenario.approver, today=OPEN_DAY)
    login(client, scenario.strategy)
    review = reverse("submissions:review_one", args=[submission.pk])
    _grow_to(scenario, 10)
    client.get(review)  # warm the session and the caches
    with django_assert_num_queries(QUERIES):
        assert client.get(review).status_code == 200
    _grow_to(scenario, 100)
    with django_assert_num_queries(QUERIES):
        assert client.get(review).status_code == 200


QUERIES = 9  # session, user, roles, submission, indicators, their quarters, last year, threads, evidence files


@pytest.mark.parametrize("language", ["tr", "en"])
def test_the_indicators_history_lists_its_thread_return_reasons_and_confirmed_warnings(client, scenario, language):
    indicator = scenario.indicators["sum"]
    QuarterlyValueFactory(indicator=indicator, quarter=2, value=Decimal(1000))
    rows = {**FULL, "sum": {**FULL["sum"], "confirm_warnings": "on", "warning_comment": "Büyük operasyon."}}
    submission = _submitted(client, scenario, rows)
    login(client, scenario.strategy)
    client.post(
        reverse("submissions:review_one", args=[submission.pk]),
        {"action": "return", "comment": "Kontrol edin.", f"reason-{indicator.pk}": "Kaynağı ekleyin."},
    )
    _post_comment(client, scenario, scenario.entry)
    client.cookies["django_language"] = language
    page = html.unescape(client.get(url(scenario, "submissions:history", indicator_id=indicator.pk)).content.decode())
    section = page[page.index('data-testid="history"') : page.index("</table>", page.index('data-testid="history"'))]
    labels = {
        "tr": ("Yorum yazıldı", "İade gerekçesi yazıldı", "Yorum</span>: — → veri yazdı", "Doğrulanan uyarılar",
               "Uyarı açıklaması</span>: — → Büyük operasyon.", "Olağan dışı değer: 32.031, önceki dönem"),
        "en": ("Comment written", "Return reason written", "Comment</span>: — → veri yazdı", "Confirmed warnings",
               "Warning comment</span>: — → Büyük operasyon.", "32,031"),
    }[language]  # fmt: skip
    for text in labels:
        assert text in section
    assert "Kaynağı ekleyin." in section
    for internal in (
        "confirmed_warnings",
        "warning_comment",
        "body:",
        "Body",
        "'code'",
        "outlier_previous_quarter",
        "[]",
    ):
        assert internal not in section


def test_the_history_page_runs_the_same_number_of_queries_with_more_comments(client, scenario):
    indicator = scenario.indicators["sum"]
    target = url(scenario, "submissions:history", indicator_id=indicator.pk)
    counts = []
    for comments in (1, 10):
        for _n in range(comments):
            _post_comment(client, scenario, scenario.entry)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(target).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
