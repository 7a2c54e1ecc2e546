"""The realization rules of domain.md §2, pinned case by case and by properties (no database)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import calculations
from indicators.calculations import (
    QuarterFigures,
    classify_status,
    default_decimals,
    indicator_outcome,
    latest_estimate,
    quarter_figure_problems,
    realization,
    sp_actual,
    sp_performance,
    status_band,
    target_performance,
    trend_projection,
    year_end_value,
)
from plans.choices import AggregationMethod as M
from plans.choices import Direction
from plans.choices import Status as S

D = Decimal


def quarters(*values, numerators=None, denominators=None, estimates=None):
    """Build Q1..Qn from values (None = the quarter has no value)."""
    numerators = numerators or [None] * len(values)
    denominators = denominators or [None] * len(values)
    estimates = estimates or [None] * len(values)
    return [
        QuarterFigures(
            quarter=i + 1,
            value=None if v is None else D(str(v)),
            numerator=None if n is None else D(str(n)),
            denominator=None if d is None else D(str(d)),
            year_end_estimate=None if e is None else D(str(e)),
        )
        for i, (v, n, d, e) in enumerate(zip(values, numerators, denominators, estimates, strict=True))
    ]


@pytest.mark.parametrize(
    ("method", "figures", "expected"),
    [
        # SUM: the report's deportations, 32.031 + 30.339 + 35.645 + 44.521 = 142.536.
        (M.SUM, quarters(32031, 30339, 35645, 44521), D(142536)),
        (M.SUM, quarters(-3.17, -0.21, 0.22, 1.85), D("-1.31")),  # negative quarters (staff growth)
        (M.SUM, quarters(10, None, 5, None), D(15)),  # missing quarters add nothing
        (M.SUM, quarters(0, 0, 0, 0), D(0)),  # zeros are values, not missing
        (M.SUM, quarters(None, None, None, None), None),
        (M.SUM, [], None),
        # LAST: active residence permits, Q4 913.719; a missing Q4 falls back to the latest quarter.
        (M.LAST, quarters(1009440, 974165, 902660, 913719), D(913719)),
        (M.LAST, quarters(5, 7, None, None), D(7)),
        (M.LAST, quarters(None, None, None, None), None),
        # AVERAGE: the mean of the quarters with a value.
        (M.AVERAGE, quarters(100, 100, 100, 100), D(100)),
        (M.AVERAGE, quarters(10, None, 20, None), D(15)),
        (M.AVERAGE, quarters(None, None, None, None), None),
        # MANUAL: the year-end value the unit enters in Q4.
        (M.MANUAL, quarters(1, 2, 3, 42), D(42)),
        (M.MANUAL, quarters(1, 2, 3, None), None),
    ],
)
def test_year_end_value(method, figures, expected):
    assert year_end_value(method, figures) == expected


def test_ratio_is_sum_over_sum_not_the_mean_of_quarterly_percentages():
    # Victims returned ÷ victims identified: 6/43, 14/57, 7/37, 7/42 → 34 ÷ 179 = 18,99.
    figures = quarters(13.95, 24.56, 18.91, 16.67, numerators=[6, 14, 7, 7], denominators=[43, 57, 37, 42])
    value = year_end_value(M.RATIO, figures)
    assert value.quantize(D("0.01")) == D("18.99")
    mean_of_percentages = sum(q.value for q in figures) / 4
    assert mean_of_percentages.quantize(D("0.01")) == D("18.52")  # the wrong answer RATIO avoids


@pytest.mark.parametrize(
    ("numerators", "denominators", "expected"),
    [
        ([None, None, None, None], [None, None, None, None], None),
        ([0, 0, None, None], [0, 0, None, None], None),  # Σ denominators 0: not computable
        ([1, None, None, None], [4, None, None, None], D(25)),  # only Q1 so far
        ([0, 0, 0, 0], [10, 10, 10, 10], D(0)),
    ],
)
def test_ratio_edges(numerators, denominators, expected):
    figures = quarters(None, None, None, None, numerators=numerators, denominators=denominators)
    assert year_end_value(M.RATIO, figures) == expected


def test_unknown_method_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown aggregation method"):
        year_end_value("median", quarters(1))


@pytest.mark.parametrize(
    ("value", "target", "direction", "rate", "status"),
    [
        (D(913719), D(950000), Direction.INCREASE, D(913719) / D(950000) * 100, S.PARTIALLY_REACHED),  # %96
        (D(10), D(10), Direction.INCREASE, D(100), S.REACHED),
        (D(77), D(28), Direction.INCREASE, D(275), S.EXCEEDED),
        (D(0), D(21), Direction.INCREASE, D(0), S.NOT_REACHED),  # zero is a value: rate 0
        (D("-1.31"), D(5), Direction.INCREASE, D("-26.2"), S.NOT_REACHED),  # printed -%26
        (D(8), D(10), Direction.INCREASE, D(80), S.PARTIALLY_REACHED),  # 80 is in the partial band
        (D("7.99"), D(10), Direction.INCREASE, D("79.9"), S.NOT_REACHED),
        (D(5), D(4), Direction.DECREASE, D(80), S.PARTIALLY_REACHED),  # 4 ÷ 5
        (D(2), D(4), Direction.DECREASE, D(200), S.EXCEEDED),
        (D(4), D(4), Direction.DECREASE, D(100), S.REACHED),
        (D(0), D(4), Direction.DECREASE, None, S.EXCEEDED),  # 0 days of waiting against 4: exceeded
        (None, D(4), Direction.INCREASE, None, S.NOT_COMPUTABLE),  # no value
        (D(5), D(0), Direction.INCREASE, None, S.NOT_COMPUTABLE),  # target 0
        (D(5), D(0), Direction.DECREASE, None, S.NOT_COMPUTABLE),
        (D(0), D(0), Direction.DECREASE, None, S.NOT_COMPUTABLE),
        (D(5), None, Direction.INCREASE, None, S.NOT_COMPUTABLE),
    ],
)
def test_realization_rate_and_status(value, target, direction, rate, status):
    result = realization(value, target, direction)
    assert result.rate == rate
    assert result.status == status


@pytest.mark.parametrize(
    ("rate", "status"),
    [
        (D("-26.2"), S.NOT_REACHED),
        (D(0), S.NOT_REACHED),
        (D("79.999999"), S.NOT_REACHED),
        (D(80), S.PARTIALLY_REACHED),
        (D("99.999999"), S.PARTIALLY_REACHED),
        (D(100), S.REACHED),
        (D("100.000001"), S.EXCEEDED),
        (D(875), S.EXCEEDED),
        (None, S.NOT_COMPUTABLE),
    ],
)
def test_status_bands(rate, status):
    assert classify_status(rate) == status


@given(st.decimals(min_value=-1000, max_value=1000, places=4), st.decimals(min_value=-1000, max_value=1000, places=4))
def test_status_never_decreases_when_the_rate_grows(a, b):
    order = [S.NOT_REACHED, S.PARTIALLY_REACHED, S.REACHED, S.EXCEEDED]
    low, high = sorted((a, b))
    assert order.index(classify_status(low)) <= order.index(classify_status(high))


@given(
    st.lists(st.one_of(st.none(), st.decimals(min_value=-(10**9), max_value=10**9, places=4)), min_size=4, max_size=4)
)
def test_sum_is_the_sum_of_the_quarters_with_a_value(values):
    present = [v for v in values if v is not None]
    expected = sum(present, D(0)) if present else None
    assert year_end_value(M.SUM, quarters(*values)) == expected


@pytest.mark.parametrize(
    ("method", "figures", "expected"),
    [
        (M.SUM, quarters(30, None, None, None), D(120)),  # Q1 only: × 4
        (M.SUM, quarters(30, 30, None, None), D(120)),  # half the year: × 2
        (M.SUM, quarters(30, None, 30, None), D(80)),  # up to Q3 with Q2 missing: 60 × 4/3
        (M.SUM, quarters(32031, 30339, 35645, 44521), D(142536)),  # the whole year: itself
        (M.LAST, quarters(5, 7, None, None), D(7)),
        (M.AVERAGE, quarters(10, 20, None, None), D(15)),
        (
            M.RATIO,
            quarters(25, None, None, None, numerators=[1, None, None, None], denominators=[4, None, None, None]),
            D(25),
        ),
        (M.MANUAL, quarters(1, 2, 3, None), None),
        (M.SUM, quarters(None, None, None, None), None),
    ],
)
def test_trend_projection(method, figures, expected):
    assert trend_projection(method, figures) == expected


def test_projected_status_comes_from_the_latest_estimate_and_from_the_trend():
    # Q1 of a SUM indicator: year to date 32.031 of a 50.000 target looks "not reached" by the rate,
    # but the unit estimates 85.000 and the trend says 128.124: both project "exceeded".
    figures = quarters(32031, None, None, None, estimates=[85000, None, None, None])
    outcome = indicator_outcome(method=M.SUM, direction=Direction.INCREASE, target=D(50000), quarters=figures)
    assert outcome.realization.status == S.NOT_REACHED
    assert outcome.year_end_estimate == D(85000)
    assert outcome.projected_status == S.EXCEEDED
    assert outcome.trend_projection == D(128124)
    assert outcome.projected_status_trend == S.EXCEEDED


def test_latest_estimate_wins():
    figures = quarters(1, 2, 3, None, estimates=[100, 90, None, None])
    assert latest_estimate(figures) == D(90)
    assert latest_estimate(quarters(1, 2)) is None


# --- SP performance ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "raw", "clamped"),
    [
        (D(28540), D(53540), D(48381), D("79.364"), D("79.364")),  # PG1.3.1, printed 79
        (
            D(20333),
            D(35000),
            D(28584),
            D(8251) / D(14667) * 100,
            D(8251) / D(14667) * 100,
        ),  # PG3.4.1: 56,3 (printed 81)
        (D(200000), D(405000), D(444434), D(244434) / D(205000) * 100, D(100)),  # above 100: clamped
        (D(100), D(200), D(50), D(-50), D(0)),  # C < A: raw negative, clamped 0
        (D(10), D(5), D(7), D(60), D(60)),  # a decreasing indicator (B < A), same formula
        (D(10), D(5), D(12), D(-40), D(0)),
        (D(0), D(0), D(0), None, None),  # B = A: not computable (PG3.2.2)
        (D(8), D(8), D(10), None, None),  # B = A even with a C (PG6.2.2)
        (D(1), D(2), None, None, None),  # no C
        (D(1), None, D(2), None, None),  # no B
    ],
)
def test_sp_performance(baseline, target, actual, raw, clamped):
    result = sp_performance(baseline=baseline, target=target, actual=actual)
    assert result.raw == raw
    assert result.clamped == clamped
    assert result.out_of_range == (raw is not None and not 0 <= raw <= 100)


@given(
    st.decimals(min_value=-(10**6), max_value=10**6, places=2),
    st.decimals(min_value=-(10**6), max_value=10**6, places=2),
    st.decimals(min_value=-(10**6), max_value=10**6, places=2),
)
def test_clamped_performance_stays_between_0_and_100(a, b, c):
    result = sp_performance(baseline=a, target=b, actual=c)
    assert result.clamped is None or 0 <= result.clamped <= 100
    assert (result.raw is None) == (a == b)


@pytest.mark.parametrize(
    ("cumulative", "yearly", "year", "expected"),
    [
        (True, [(2024, D(244434))], 2024, D(444434)),  # PG1.1.1: 200.000 + 244.434
        (True, [(2024, D(10)), (2025, D(20))], 2025, D(200030)),
        (True, [(2024, D(10)), (2025, D(20))], 2024, D(200010)),  # later years do not count
        (True, [(2024, None), (2025, D(20))], 2025, D(200020)),  # a year without a value adds nothing
        (False, [(2024, D(77)), (2025, D(80))], 2025, D(80)),  # level: the latest year-end value
        (False, [(2024, D(77)), (2025, None)], 2025, D(77)),
        (True, [], 2024, None),
        (False, [(2025, D(5))], 2024, None),
    ],
)
def test_sp_actual_from_linked_pp_values(cumulative, yearly, year, expected):
    assert sp_actual(baseline=D(200000), cumulative=cumulative, yearly_values=yearly, year=year) == expected


# --- Target performance -----------------------------------------------------------------------


def test_target_performance_h13():
    # H1.3: 0,35 × 79,4 + 0,35 × 100 + 0,30 × 100 ≈ 92,8.
    p131 = D(48381 - 28540) / D(53540 - 28540) * 100
    result = target_performance([(D(35), p131), (D(35), D(100)), (D(30), D(100))])
    assert result.performance.quantize(D("0.1")) == D("92.8")
    assert not result.weights_incomplete


def test_weights_are_renormalised_over_the_computable_indicators():
    # PG3.2.2 (B = A) has no P: H3.2 is the performance of PG3.2.1 alone, not half of it.
    result = target_performance([(D(50), D(40)), (D(50), None)])
    assert result.performance == D(40)
    assert (result.weight_total, result.weight_used) == (D(100), D(50))


def test_weights_that_do_not_sum_to_100_are_used_and_flagged():
    # H2.3 prints weights 60 and 20: computed over the 80 present, and flagged.
    result = target_performance([(D(60), D(100)), (D(20), D(50))])
    assert result.performance == (D(60) * 100 + D(20) * 50) / 80
    assert result.weights_incomplete


def test_target_with_no_computable_indicator_has_no_performance():
    result = target_performance([(D(100), None)])
    assert result.performance is None
    assert target_performance([]).performance is None


@given(
    st.lists(
        st.tuples(
            st.decimals(min_value=D("0.01"), max_value=100, places=2),
            st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=2)),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_renormalised_weights_sum_to_100_and_performance_stays_in_range(rows):
    result = target_performance(rows)
    used = [(w, p) for w, p in rows if p is not None]
    if not used:
        assert result.performance is None
        return
    normalised = [w * 100 / result.weight_used for w, _ in used]
    assert abs(sum(normalised) - 100) < D("1e-20")
    assert 0 <= result.performance <= 100


def test_outcomes_by_quarter_see_only_the_quarters_up_to_each_one():
    from indicators.calculations import outcomes_by_quarter

    quarters = [
        QuarterFigures(1, Decimal(30)),
        QuarterFigures(2, Decimal(20), year_end_estimate=Decimal(70)),
        QuarterFigures(3, Decimal(40)),
        QuarterFigures(4, Decimal(10), year_end_estimate=Decimal(105)),
    ]
    then = outcomes_by_quarter(method="sum", direction="increase", target=Decimal(100), quarters=quarters)
    # Q1: 30 so far, no estimate yet; the trend scales 30 to the year: 120 → exceeded.
    assert then[1].year_end_value == 30 and then[1].projected_status == S.NOT_COMPUTABLE
    assert then[1].trend_projection == 120 and then[1].projected_status_trend == S.EXCEEDED
    # Q2: the unit's estimate 70 → not reached; trend 50 × 2 = 100 → reached.
    assert then[2].projected_status == S.NOT_REACHED and then[2].projected_status_trend == S.REACHED
    # Q3: the Q2 estimate still stands; trend 90 × 4/3 = 120.
    assert then[3].year_end_estimate == 70 and then[3].trend_projection == 120
    # Q4: the year's own outcome.
    assert then[4] == indicator_outcome(method="sum", direction="increase", target=Decimal(100), quarters=quarters)
    assert then[4].realization.status == S.REACHED


D = Decimal


@pytest.mark.parametrize(
    ("aggregation", "quarter", "figures", "allows_negative", "expected"),
    [
        ("ratio", 1, {"numerator": D(34), "denominator": D(179)}, False, []),
        ("ratio", 1, {}, False, []),
        ("ratio", 1, {"value": D(5)}, False, [("numerator", "Oran göstergesinde pay ve payda birlikte girilmeli.")]),
        (
            "ratio",
            2,
            {"numerator": D(1)},
            False,
            [("denominator", "Oran göstergesinde pay ve payda birlikte girilmeli.")],
        ),
        (
            "ratio",
            1,
            {"numerator": D(1), "denominator": D(0)},
            False,
            [("denominator", "Payda sıfırdan büyük olmalı.")],
        ),
        ("ratio", 1, {"numerator": D(-1), "denominator": D(2)}, True, [("numerator", "Pay eksi olamaz.")]),
        # A written value must be numerator ÷ denominator × 100 at the decimals it is written with.
        ("ratio", 1, {"value": D("13.95"), "numerator": D(6), "denominator": D(43)}, False, []),
        ("ratio", 1, {"value": D("13.9535"), "numerator": D(6), "denominator": D(43)}, False, []),
        ("ratio", 3, {"value": D("18.92"), "numerator": D(7), "denominator": D(37)}, False, []),
        (
            "ratio",
            3,
            {"value": D("18.91"), "numerator": D(7), "denominator": D(37)},
            False,
            [
                (
                    "value",
                    "Oran göstergesinin değeri pay ÷ payda × 100 olarak hesaplanır: 7 ÷ 37 × 100 = 18,92; yazılan "
                    "18,91 bununla uyuşmuyor. Değeri boş bırakın ya da pay ve paydayı düzeltin.",
                )
            ],
        ),
        (
            "ratio",
            1,
            {"value": D(50), "numerator": D(6), "denominator": D(43)},
            False,
            [
                (
                    "value",
                    "Oran göstergesinin değeri pay ÷ payda × 100 olarak hesaplanır: 6 ÷ 43 × 100 = 13,95; yazılan "
                    "50 bununla uyuşmuyor. Değeri boş bırakın ya da pay ve paydayı düzeltin.",
                )
            ],
        ),
        (
            "sum",
            1,
            {"numerator": D(1), "denominator": D(2)},
            False,
            [("numerator", "Pay ve payda yalnızca oran göstergelerinde girilir.")],
        ),
        ("sum", 3, {"value": D("-1.31")}, False, [("value", "Bu gösterge eksi değer alamaz.")]),
        ("sum", 3, {"value": D("-1.31")}, True, []),
        ("manual", 4, {"value": D(7)}, False, []),
        (
            "manual",
            2,
            {"value": D(7)},
            False,
            [("value", "Elle girilen göstergenin değeri yalnızca 4. dönemde girilir.")],
        ),
        ("manual", 2, {}, False, []),
    ],
)
def test_quarter_figure_rules(aggregation, quarter, figures, allows_negative, expected):
    figures = {"value": None, "numerator": None, "denominator": None, **figures}
    got = quarter_figure_problems(aggregation=aggregation, quarter=quarter, allows_negative=allows_negative, **figures)
    assert got == expected


def test_status_band_texts_follow_the_thresholds(monkeypatch):
    assert status_band("partially_reached") == "%80 ile %100 arası (%100 hariç)"
    assert status_band("not_reached") == "%80 altı"
    monkeypatch.setitem(calculations.STATUS_THRESHOLDS, "partially_reached_from", Decimal(75))
    assert status_band("not_reached") == "%75 altı"


@pytest.mark.parametrize(
    ("aggregation", "decimals", "figures", "expected"),
    [
        ("sum", 0, {"value": D("1200")}, []),
        ("sum", 0, {"value": D("1200.00")}, []),  # trailing zeros are not decimals
        ("sum", 0, {"value": D("1200.5")}, [("value", "Bu gösterge tam sayıyla girilir; ondalık girilemez.")]),
        ("last", 2, {"value": D("-1.31")}, []),
        ("last", 2, {"value": D("18.9944")}, [("value", "Bu gösterge en fazla 2 ondalıkla girilir.")]),
        ("sum", 1, {"year_end_estimate": D("3.25")},
         [("year_end_estimate", "Bu gösterge en fazla 1 ondalıkla girilir.")]),
        # A ratio's value is computed: only its year-end estimate (a rate) is held to the decimals.
        ("ratio", 2, {"numerator": D(34), "denominator": D(179)}, []),
        ("ratio", 2, {"numerator": D(34), "denominator": D(179), "year_end_estimate": D("46.431")},
         [("year_end_estimate", "Bu gösterge en fazla 2 ondalıkla girilir.")]),
        ("sum", None, {"value": D("1200.5")}, []),  # an older workbook that gives no decimals
    ],
)  # fmt: skip
def test_a_figure_takes_at_most_its_indicators_decimals(aggregation, decimals, figures, expected):
    figures = {"value": None, "numerator": None, "denominator": None, **figures}
    got = quarter_figure_problems(
        aggregation=aggregation, quarter=1, allows_negative=True, decimals=decimals, **figures
    )
    assert got == expected


@pytest.mark.parametrize(
    ("aggregation", "figures", "expected"),
    [
        ("sum", [D(950000), D(1009098)], 0),
        ("sum", [D("6.34"), D(5)], 2),
        ("sum", [D("2.50"), None], 1),
        ("ratio", [D(50), D("31.21")], 2),
        ("ratio", [D(50), None], 2),
        ("last", [D("0.000001")], 4),  # never more than a value keeps
    ],
)
def test_an_indicator_not_told_its_decimals_takes_those_of_its_figures(aggregation, figures, expected):
    assert default_decimals(aggregation, figures) == expected


_figure = st.one_of(st.none(), st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False))


@given(
    method=st.sampled_from([m.value for m in M]),
    direction=st.sampled_from([d.value for d in Direction]),
    target=st.one_of(st.none(), st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False)),
    figures=st.lists(st.tuples(st.booleans(), _figure, _figure, _figure, _figure), min_size=4, max_size=4),
)
def test_outcomes_by_quarter_reusing_empty_quarters_equal_every_quarter_evaluated(method, direction, target, figures):
    # A quarter missing or bringing nothing reuses the previous outcome: it must be what evaluating
    # the quarters seen so far gives.
    quarters = [
        QuarterFigures(q, value, numerator, denominator if denominator else None, estimate)
        for q, (present, value, numerator, denominator, estimate) in enumerate(figures, start=1)
        if present
    ]
    then = calculations.outcomes_by_quarter(method=method, direction=direction, target=target, quarters=quarters)
    for quarter in (1, 2, 3, 4):
        seen = [q for q in quarters if q.quarter <= quarter]
        assert then[quarter] == indicator_outcome(method=method, direction=direction, target=target, quarters=seen)
