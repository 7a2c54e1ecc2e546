"""The dashboards read the stored results: counts, at-risk list, scope per user, constant queries."""

import html
import json
import re
from decimal import Decimal
from io import BytesIO
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import PPIndicator, PPIndicatorResult
from indicators.services import results_recompute
from plans.models import PerformanceProgram, SPIndicator
from tests.factories import PPIndicatorFactory, QuarterlyValueFactory, SubProgramFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _counts(content: str) -> dict[str, int]:
    table = re.search(r'data-testid="status-counts">(.*?)</table>', content, re.S).group(1)
    return {status: int(n) for status, n in re.findall(r'data-status="(\w+)">(?:<a[^>]*>)?(\d+)<', table)}


def test_overview_shows_the_2024_counts_the_engine_computed(client, demo):
    client.login(username="strateji", password="Demo-strateji-2024")
    content = client.get(reverse("dashboards:overview")).content.decode()
    # By the rules (tests/test_report_2024.py): 10 exceeded, 1 reached, 2 partially, 8 not reached,
    # and GYH.16 (never reported) not computable.
    assert _counts(content) == {
        "exceeded": 10,
        "reached": 1,
        "partially_reached": 2,
        "not_reached": 8,
        "not_computable": 1,
    }
    stored = {s: PPIndicatorResult.objects.filter(status=s).count() for s in _counts(content)}
    assert _counts(content) == stored
    assert '<canvas data-chart="status-chart"' in content and 'id="status-chart"' in content


def test_at_risk_lists_indicators_projected_below_80(client, demo):
    client.login(username="strateji", password="Demo-strateji-2024")
    content = client.get(reverse("dashboards:overview")).content.decode()
    at_risk = html.unescape(re.search(r'data-testid="at-risk">(.*?)</table>', content, re.S).group(1))
    expected = PPIndicator.objects.filter(result__projected_status_trend="not_reached").values_list("name", flat=True)
    assert expected and all(name in at_risk for name in expected)
    assert "Aktif ikamet izni sayısı" not in at_risk  # projected 105 % from the unit's estimate


def test_unit_users_see_only_their_unit(client, demo):
    client.login(username="birim.veri", password="Demo-birim-2024")  # İkamet İzinleri: GYH.01 only
    content = client.get(reverse("dashboards:overview")).content.decode()
    assert sum(_counts(content).values()) == 1
    assert "Sınır dışı edilen" not in content
    own = PPIndicator.objects.get(code="GYH.01")
    other = PPIndicator.objects.get(code="DG.05")
    assert client.get(reverse("dashboards:indicator", args=[own.pk])).status_code == 200
    assert client.get(reverse("dashboards:indicator", args=[other.pk])).status_code == 404


def test_drill_down_shows_quarters_chart_narratives_and_history(client, demo):
    client.login(username="ust.yonetim", password="Demo-ust-2024")
    indicator = PPIndicator.objects.get(code="GYH.11")
    content = client.get(reverse("dashboards:indicator", args=[indicator.pk])).content.decode()
    assert "244.434" in content and "%119" in content and "PG1.1.1" in content
    chart = json.loads(
        re.search(r'<script id="quarters-chart" type="application/json">(.*?)</script>', content).group(1)
    )
    assert [d["label"] for d in chart["datasets"]] == ["Dönem değeri", "Kümülatif", "Hedeflenen değer"]
    assert [float(v) for v in chart["datasets"][1]["data"]] == [45735, 103174, 182259, 244434]  # SUM: cumulative
    assert "2024 yılı birinci çeyreği" in content
    assert reverse("submissions:history", args=[indicator.responsible_unit.code, 2024, 1, indicator.pk]) in content


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_dashboard_queries_do_not_grow_with_the_data(client, demo):
    client.login(username="strateji", password="Demo-strateji-2024")
    overview = reverse("dashboards:overview")
    indicator = reverse("dashboards:indicator", args=[PPIndicator.objects.get(code="GYH.11").pk])
    small = (_queries(client, overview), _queries(client, indicator))
    programme = PerformanceProgram.objects.get(administration=demo, year=2024)
    for _ in range(5):
        sub_program = SubProgramFactory(program__performance_program=programme)
        unit = UnitFactory(administration=demo)
        for _ in range(40):
            pp = PPIndicatorFactory(sub_program=sub_program, responsible_unit=unit)
            for quarter in (1, 2, 3):
                QuarterlyValueFactory(indicator=pp, quarter=quarter)
    results_recompute(administration_id=demo.pk, years=[2024])
    assert (_queries(client, overview), _queries(client, indicator)) == small


def test_indicator_table_filters_searches_turkish_and_sorts(client, demo):
    client.login(username="strateji", password="Demo-strateji-2024")
    url = reverse("dashboards:indicator_table")
    content = client.get(url, {"year": 2024, "status": "partially_reached"}).content.decode()
    assert "Aktif ikamet izni sayısı" in content and "Gerçekleştirilen muhtemel" in content
    assert "Sınır dışı edilen" not in content
    # "İKAMET" typed in capitals finds "ikamet"; "YİMER" finds the call-centre indicator.
    assert "Aktif ikamet izni sayısı" in client.get(url, {"year": 2024, "q": "İKAMET"}).content.decode()
    assert "YİMER 157" in client.get(url, {"year": 2024, "q": "yimer"}).content.decode()
    # Typed without Turkish marks: "siginma" finds "Sığınma evi sayısı".
    assert "Sığınma evi sayısı" in client.get(url, {"year": 2024, "q": "siginma"}).content.decode()
    # The responsible unit's name is searched too: the four indicators of the victims' department.
    by_unit = client.get(url, {"year": 2024, "q": "magdurlarini koruma"}).content.decode()
    assert by_unit.count('href="/panel/gosterge/') == 4 and "Sığınma evi sayısı" in by_unit
    # Empty choices read "Tümü" ("all"), the at-risk choice "Fark etmez" ("either"), never dashes.
    page = client.get(url, {"year": 2024}).content.decode()
    assert ">Tümü</option>" in page and ">Fark etmez</option>" in page and "------" not in page
    ordered = client.get(url, {"year": 2024, "sort": "-year_end_value"}).content.decode()
    assert ordered.index("Yabancılar İletişim Merkezi") < ordered.index("Aktif ikamet izni sayısı")


def _links(content: str, testid: str) -> list[tuple[str, int]]:
    table = re.search(rf'data-testid="{testid}">(.*?)</table>', content, re.S).group(1)
    return [
        (html.unescape(href), int(n.replace(".", ""))) for href, n in re.findall(r'href="([^"]+)">([\d.]+)<', table)
    ]


@pytest.mark.parametrize("quarter", [1, 2, 3, 4])
def test_every_status_count_links_to_exactly_its_rows(client, demo, quarter):
    client.login(username="strateji", password="Demo-strateji-2024")
    content = client.get(reverse("dashboards:overview"), {"year": 2024, "quarter": quarter}).content.decode()
    links = _links(content, "status-counts")
    # Q4: the actual status, one column; before it: by the unit's estimate and by the trend.
    assert len(links) == (6 if quarter == 4 else 11)
    # What each link should list, read in Python from the stored results (not through the SQL filter):
    # at Q4 the year's actual status, before it the quarter's stored projection by that opinion.
    results = list(PPIndicatorResult.objects.filter(indicator__performance_program__year=2024))

    def expected(params: dict[str, str]) -> set[int]:
        if "status" not in params:  # the total
            return {r.indicator_id for r in results}
        if quarter == 4 and params.get("opinion", "status") == "status":
            return {r.indicator_id for r in results if r.status == params["status"]}
        return {r.indicator_id for r in results if r.quarters[f"q{quarter}"][params["opinion"]] == params["status"]}

    for href, count in links:
        table = client.get(href).content.decode()
        listed = {int(pk) for pk in re.findall(r'href="/panel/gosterge/(\d+)/"', table)}
        params = dict(parse_qsl(urlsplit(href).query))
        assert table.count('href="/panel/gosterge/') == count, href
        assert listed == expected(params), href  # exactly the counted rows, not only as many


def test_on_time_share_is_printed_for_every_quarter(client, demo):
    client.login(username="strateji", password="Demo-strateji-2024")
    for quarter in (1, 2, 3, 4):
        content = client.get(reverse("dashboards:overview"), {"year": 2024, "quarter": quarter}).content.decode()
        assert re.search(rf"{quarter}\. döneme kadar zamanında: %\d+", content), quarter


def test_quarter_view_shows_what_was_projected_at_the_end_of_that_quarter(client, demo):
    client.login(username="strateji", password="Demo-strateji-2024")
    url = reverse("dashboards:overview")
    # The 2024 forms gave year-end estimates only in Q4: before it, no estimate-based status.
    q1 = client.get(url, {"year": 2024, "quarter": 1}).content.decode()
    assert _counts(q1) == {"exceeded": 0, "reached": 0, "partially_reached": 0, "not_reached": 0, "not_computable": 22}
    assert 'data-testid="projected-note"' in q1
    trend = {
        re.search(r"status=(\w+)", href).group(1): n
        for href, n in _links(q1, "status-counts")
        if "opinion=trend" in href
    }
    assert sum(trend.values()) == 22
    # GYH.01 (LAST, target 950.000): Q1 1.009.440 → projected %106, exceeded; Q3 902.660 → %95, partially.
    # GYH.11 (SUM, target 205.000): Q1 45.735 × 4 = 182.940 → %89, partially; Q2 103.174 × 2 → %101, exceeded.
    table = reverse("dashboards:indicator_table")

    def listed(quarter: int, status: str) -> str:
        params = {"year": 2024, "quarter": quarter, "opinion": "trend", "status": status}
        return html.unescape(client.get(table, params).content.decode())

    assert "Aktif ikamet izni sayısı" in listed(1, "exceeded")
    assert "Aktif ikamet izni sayısı" in listed(3, "partially_reached")
    assert "Sonuçlandırılan ön izne tabi vize sayısı" in listed(1, "partially_reached")
    assert "Sonuçlandırılan ön izne tabi vize sayısı" in listed(2, "exceeded")
    # Q4 is the year's actual status, as the engine stored it.
    q4 = client.get(url, {"year": 2024, "quarter": 4}).content.decode()
    assert 'data-testid="projected-note"' not in q4 and sum(_counts(q4).values()) == 22


def test_a_past_year_opens_on_its_year_end_and_the_current_year_on_the_last_ended_quarter(today):
    from datetime import date

    from indicators.selectors import default_quarter

    assert default_quarter(year=2024, today=date(2026, 10, 15)) == 4
    assert default_quarter(year=2026, today=date(2026, 10, 15)) == 3
    assert default_quarter(year=2026, today=date(2026, 2, 1)) == 1
    assert default_quarter(year=2026, today=date(2026, 12, 31)) == 3
    assert default_quarter(year=2027, today=date(2026, 12, 31)) == 1


def test_counts_follow_a_new_value_once_it_is_recomputed(client, demo):
    """The overview's counts are cached until the next recompute, never beyond it."""
    client.login(username="strateji", password="Demo-strateji-2024")
    url = reverse("dashboards:overview")
    before = _counts(client.get(url, {"year": 2024, "quarter": 4}).content.decode())
    indicator = PPIndicator.objects.get(code="GYH.01")  # partially reached: 913.719 of 950.000
    indicator.quarterly_values.filter(quarter=4).update(value=990000)
    assert _counts(client.get(url, {"year": 2024, "quarter": 4}).content.decode()) == before  # not recomputed yet
    results_recompute(administration_id=demo.pk, years=[2024])
    after = _counts(client.get(url, {"year": 2024, "quarter": 4}).content.decode())
    assert after["partially_reached"] == before["partially_reached"] - 1
    assert after["exceeded"] == before["exceeded"] + 1


def test_table_downloads_as_excel_with_numeric_cells(client, demo):
    client.login(username="strateji", password="Demo-strateji-2024")
    response = client.get(reverse("dashboards:indicator_table"), {"year": 2024, "_export": "xlsx"})
    assert response["Content-Disposition"].endswith('performans-gostergeleri-2024.xlsx"')
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], {r[0]: r for r in rows[1:]}
    assert len(body) == 22
    row = dict(zip(header, body["GYH.01"], strict=True))
    assert row["Hedeflenen değer"] == 950000 and row["Yıl sonu değeri"] == 913719
    assert row["Gerçekleşme durumu"] == "Kısmen Ulaşıldı"


def test_unit_users_table_holds_only_their_unit(client, demo):
    client.login(username="birim.veri", password="Demo-birim-2024")
    content = client.get(reverse("dashboards:indicator_table"), {"year": 2024}).content.decode()
    assert "Aktif ikamet izni sayısı" in content and "Sınır dışı edilen" not in content


def test_sp_drill_down_shows_a_b_c_and_p_per_plan_year(client, demo):
    client.login(username="strateji", password="Demo-strateji-2024")
    overview = client.get(reverse("dashboards:overview")).content.decode()
    pg111 = SPIndicator.objects.get(code="PG1.1.1")
    assert reverse("dashboards:sp_indicator", args=[pg111.pk]) in overview
    content = client.get(reverse("dashboards:sp_indicator", args=[pg111.pk])).content.decode()
    years = re.search(r'data-testid="sp-years">(.*?)</table>', content, re.S).group(1)
    assert "200.000" in years  # A
    row_2024 = re.search(r"2024</th>(.*?)</tr>", years, re.S).group(1)
    assert "405.000" in row_2024 and "444.434" in row_2024 and "%100,00" in row_2024 and "(%119,24)" in row_2024
    assert "GYH.11" in content  # C comes from the linked PP indicator
    pg322 = SPIndicator.objects.get(code="PG3.2.2")  # A = B = 0
    assert "Hesaplanamadı" in client.get(reverse("dashboards:sp_indicator", args=[pg322.pk])).content.decode()


def test_at_risk_count_links_to_the_full_list(client, demo):
    client.login(username="strateji", password="Demo-strateji-2024")
    content = client.get(reverse("dashboards:overview")).content.decode()
    count = int(re.search(r'data-testid="at-risk-count">(\d+)<', content).group(1))
    table = client.get(reverse("dashboards:indicator_table"), {"year": 2024, "at_risk": "true"}).content.decode()
    assert table.count('href="/panel/gosterge/') == count > 0


def test_health_answers_without_login(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200 and response.content == b"ok"


def test_overview_body_is_served_from_the_cache_until_something_it_shows_changes(client, demo):
    from submissions.choices import SubmissionState
    from submissions.models import Submission

    client.login(username="strateji", password="Demo-strateji-2024")
    url = reverse("dashboards:overview")
    first = _queries(client, url)
    with CaptureQueriesContext(connection) as captured:
        again = client.get(url).content.decode()
    assert len(captured) < first  # counts, grid, targets and at-risk list not read again
    grid = re.search(r"İzleme formlarının durumu(.*?)</table>", again, re.S).group(1)
    assert "İade edildi" not in grid  # the 2024 forms are all approved
    submission = Submission.objects.filter(year=2024).select_related("unit").first()
    submission.state = SubmissionState.RETURNED
    submission.save()
    grid = re.search(r"İzleme formlarının durumu(.*?)</table>", client.get(url).content.decode(), re.S).group(1)
    assert str(SubmissionState.RETURNED.label) in grid


def test_overview_summarises_the_budget_execution_and_links_to_the_budget_pages(client, demo):
    from budget.models import BudgetAggregate
    from core.numbers import format_decimal

    client.login(username="strateji", password="Demo-strateji-2024")
    content = client.get(reverse("dashboards:overview"), {"year": 2024}).content.decode()
    card = re.search(r'data-testid="budget-summary">(.*?)</div></div>', content, re.S).group(1)
    total = BudgetAggregate.objects.get(administration=demo, year=2024, level="total")
    assert format_decimal(total.spending, 0) in card and format_decimal(total.total, 0) in card
    shown = re.search(r'data-testid="budget-realization">%([\d,]+)<', card).group(1)
    assert Decimal(shown.replace(",", ".")) == (total.spending * 100 / total.total).quantize(Decimal("0.01"))
    assert reverse("budget:execution") + "?year=2024" in card
    assert reverse("budget:money_performance") + "?year=2024" in card
    # A unit user sees no budget figures (the budget pages are not theirs).
    client.login(username="birim.veri", password="Demo-birim-2024")
    assert 'data-testid="budget-summary"' not in client.get(reverse("dashboards:overview")).content.decode()


def test_a_target_performance_reads_the_same_on_the_dashboard_and_the_plan_page(client, demo):
    from core.templatetags.formatting import pct
    from plans.models import TargetResult

    client.login(username="strateji", password="Demo-strateji-2024")
    result = TargetResult.objects.filter(year=2024, performance__isnull=False).exclude(performance=100).first()
    shown = pct(result.performance)
    assert re.fullmatch(r"%\d+,\d\d", shown)  # one rule: two decimals, e.g. %92,83
    plan = result.target.aim.plan
    overview = client.get(reverse("dashboards:overview"), {"year": 2024, "quarter": 4}).content.decode()
    plan_page = client.get(reverse("plans:plan_detail", args=[plan.pk]), {"year": 2024}).content.decode()
    assert shown in overview and shown in plan_page


def _at_risk_row(content: str, name: str) -> str:
    table = re.search(r'data-testid="at-risk">(.*?)</table>', content, re.S).group(1)
    return next(row for row in table.split("<tr>") if name in html.unescape(row))


def test_the_at_risk_table_shows_each_quarters_own_estimate_and_trend(client, demo):
    """As of quarter N, the estimate, the trend projection and their statuses are those of the end of N."""
    client.login(username="strateji", password="Demo-strateji-2024")
    url = reverse("dashboards:overview")
    # GYH.01 (LAST, target 950.000): the unit estimated 700.000 in Q1 (%73,68: not reached) and
    # 990.000 in Q3; Q1's value 1.009.440 gives the trend, Q3's 902.660 (%95: partially reached).
    indicator = PPIndicator.objects.get(code="GYH.01")
    indicator.quarterly_values.filter(quarter=1).update(year_end_estimate=700000)
    indicator.quarterly_values.filter(quarter=3).update(year_end_estimate=990000)
    results_recompute(administration_id=demo.pk, years=[2024])
    q1 = _at_risk_row(client.get(url, {"year": 2024, "quarter": 1}).content.decode(), "Aktif ikamet izni sayısı")
    assert "700.000" in q1 and "status-not_reached" in q1 and "1.009.440" in q1
    assert "990.000" not in q1 and "902.660" not in q1
    # Q2: no new estimate, so Q1's still stands; Q3 is not at risk by either opinion.
    q2 = client.get(url, {"year": 2024, "quarter": 2}).content.decode()
    assert "700.000" in _at_risk_row(q2, "Aktif ikamet izni sayısı")
    q3 = client.get(url, {"year": 2024, "quarter": 3}).content.decode()
    assert "Aktif ikamet izni sayısı" not in html.unescape(
        re.search(r'data-testid="at-risk">(.*?)</table>', q3, re.S).group(1)
    )
    # The counts and their rows follow the same quarter: by the estimate, not reached at Q1 and Q2
    # (700.000), exceeded at Q3 (990.000 ÷ 950.000 = %104,21); Q4 counts the year's actual status.
    table = reverse("dashboards:indicator_table")
    for quarter, status in ((1, "not_reached"), (2, "not_reached"), (3, "exceeded")):
        params = {"year": 2024, "quarter": quarter, "opinion": "projected", "status": status}
        assert "Aktif ikamet izni sayısı" in html.unescape(client.get(table, params).content.decode()), quarter
        counts = _counts(client.get(url, {"year": 2024, "quarter": quarter}).content.decode())
        assert counts[status] >= 1 and sum(counts.values()) == 22
    params = {"year": 2024, "quarter": 4, "status": "partially_reached"}
    assert "Aktif ikamet izni sayısı" in html.unescape(client.get(table, params).content.decode())


def test_an_uncomputable_projection_says_why_in_one_sentence(client, demo):
    client.login(username="strateji", password="Demo-strateji-2024")
    # The demo's units gave year-end estimates only in Q4: at Q1 every estimate-based status is
    # "Hesaplanamadı", the page says why, and no figure stands beside it.
    q1 = client.get(reverse("dashboards:overview"), {"year": 2024, "quarter": 1}).content.decode()
    assert "hiçbir gösterge için yıl sonu tahmini girilmemişti" in q1
    rows = re.search(r'data-testid="at-risk">(.*?)</table>', q1, re.S).group(1).split("<tr>")[2:]
    assert rows
    for row in rows:
        estimate_cell = re.findall(r'<td class="text-end">([^<]*)</td>', row)[1]
        assert estimate_cell == "—"
        assert "Bu döneme kadar yıl sonu tahmini girilmediği için hesaplanamadı." in row
