"""The dashboards' chart series, built by pure presenters (no database)."""

from decimal import Decimal

from dashboards.presenters import cumulative, indicator_chart, sp_indicator_chart, status_chart, sub_program_chart
from dashboards.selectors import STATUS_ORDER
from plans.choices import STATUS_COLOURS, Status

D = Decimal


def test_status_chart_has_one_ring_in_q4_and_the_trend_ring_before():
    counts = {"reached": 3, "not_reached": 1}
    one = status_chart(counts=counts, trend_counts=None, order=STATUS_ORDER)
    assert one["type"] == "doughnut"
    assert [d["label"] for d in one["datasets"]] == ["Gösterge sayısı"]
    assert one["labels"][STATUS_ORDER.index("reached")] == "Ulaşıldı"
    assert one["datasets"][0]["data"][STATUS_ORDER.index("reached")] == 3
    assert sum(one["datasets"][0]["data"]) == 4  # every status present, zero where none
    two = status_chart(counts=counts, trend_counts={"exceeded": 2}, order=STATUS_ORDER)
    assert [d["label"] for d in two["datasets"]] == ["Tahmine göre", "Eğilime göre"]
    assert two["datasets"][1]["data"][STATUS_ORDER.index("exceeded")] == 2
    assert two["datasets"][1]["backgroundColor"][STATUS_ORDER.index("exceeded")] == STATUS_COLOURS[Status.EXCEEDED]


def test_sub_program_chart_stacks_one_series_per_status_named_by_the_sub_programme():
    chart = sub_program_chart(
        groups=[("Göç Yönetimi › Düzensiz Göç", {"reached": 2}), ("Göç Yönetimi › Uyum", {"not_reached": 1})],
        order=STATUS_ORDER,
    )
    assert chart["labels"] == ["Düzensiz Göç", "Uyum"]
    assert len(chart["datasets"]) == len(STATUS_ORDER)
    reached = chart["datasets"][STATUS_ORDER.index("reached")]
    assert (reached["label"], reached["data"]) == ("Ulaşıldı", [2, 0])


def test_cumulative_skips_quarters_without_a_value():
    assert cumulative([D(32031), D(30339), None, D(44521)]) == [D(32031), D(62370), None, D(106891)]


def test_indicator_chart_adds_the_running_total_only_for_sum_indicators():
    values = [D(32031), D(30339), D(35645), D(44521)]
    total = indicator_chart(values=values, target=D(140000), aggregation="sum")
    assert [d["label"] for d in total["datasets"]] == ["Dönem değeri", "Kümülatif", "Hedeflenen değer"]
    assert total["datasets"][1]["data"][-1] == D(142536)
    assert total["datasets"][2]["data"] == [D(140000)] * 4
    assert total["labels"] == ["1. Dönem", "2. Dönem", "3. Dönem", "4. Dönem"]
    stock = indicator_chart(values=values, target=D(950000), aggregation="last")
    assert [d["label"] for d in stock["datasets"]] == ["Dönem değeri", "Hedeflenen değer"]


def test_sp_indicator_chart_draws_baseline_targets_and_actuals_over_the_plan_years():
    chart = sp_indicator_chart(
        years=[2024, 2025], baseline=D(200000), targets=[D(405000), D(610000)], actuals=[D(444434), None]
    )
    assert chart["labels"] == ["2024", "2025"]
    assert [d["data"] for d in chart["datasets"]] == [
        [D(200000), D(200000)],
        [D(405000), D(610000)],
        [D(444434), None],
    ]
