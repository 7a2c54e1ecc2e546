"""The 2024 activity report reproduced from the demo data's raw inputs only.

Every printed figure of Tablo 7–13 (budget), 15 (Form-3), 16 (Form-4) and 17 (SP evaluation) is
compared with what the rules compute from the demo's quarterly values, targets, weights, baselines
and budget lines. The printed figures are kept in the demo data (imports/demo_data/printed*.csv);
none of them is an input of the computation. Where the printed figure breaks the rule, the expected
value below is the rule's, and the comment names the printed one.
"""

from decimal import Decimal

import pytest

from indicators.models import PPIndicatorResult
from plans.models import SPIndicatorResult, TargetResult
from reports.models import PrintedFigure
from reports.printed import computed_figures, printed_differences

pytestmark = pytest.mark.django_db

# (table, row, column): the rule's value (rounded to 2 decimals; None = not computable).
RULE_DIFFERS_FROM_PRINT = {
    ("tablo7", "01", "increase_pct"): Decimal("237.02"),  # printed 237.01; basılı değer yuvarlanmamış, kesilmiş
    ("tablo7", "05", "increase_pct"): Decimal("82.33"),  # printed 82.32; basılı değer yuvarlanmamış, kesilmiş
    ("tablo7", "06", "increase_pct"): Decimal("46.81"),  # printed 46,80 (two decimals, truncated)
    ("tablo7", "TOTAL", "increase_pct"): Decimal("127.51"),  # printed 127,50 (two decimals, truncated)
    ("tablo9", "01", "realization_pct"): Decimal("96.35"),  # printed 96.34; basılı değer yuvarlanmamış, kesilmiş
    ("tablo9", "02", "realization_pct"): Decimal("96.81"),  # printed 96,80 (two decimals, truncated)
    ("tablo9", "05", "realization_pct"): Decimal("99.95"),  # printed 99.94; basılı değer yuvarlanmamış, kesilmiş
    ("tablo9", "06", "remaining"): Decimal("1406575925.00"),  # 4.738.631.013 − 3.332.055.088; printed 1.406.575.924
    ("tablo9", "06", "realization_pct"): Decimal("70.32"),  # printed 70.31; basılı değer yuvarlanmamış, kesilmiş
    ("tablo9", "07", "realization_pct"): Decimal("35.94"),  # printed 35.93; basılı değer yuvarlanmamış, kesilmiş
    ("tablo9", "TOTAL", "remaining"): Decimal(
        "1811438854.00"
    ),  # 31.307.525.936 − 29.496.087.082; printed 1.811.438.853 (the sum of the printed rows)
    ("tablo10", "Dış Politika", "pct_of_kbo"): None,  # printed 0; hesaplanamaz (basılı değer sayı)
    ("tablo10", "Barışı Destekleme ve Koruma", "pct_of_kbo"): None,  # printed 0; hesaplanamaz (basılı değer sayı)
    ("tablo10", "Barışı Destekleme Faaliyetleri", "pct_of_kbo"): None,  # printed 0; hesaplanamaz (basılı değer sayı)
    ("tablo10", "Toplum Güvenliği", "pct_of_kbo"): None,  # printed 0; hesaplanamaz (basılı değer sayı)
    ("tablo10", "Sınır Güvenliği", "pct_of_kbo"): None,  # printed 0; hesaplanamaz (basılı değer sayı)
    (
        "tablo10",
        "Sınır Aydınlatmalarının Kurulumu, Bakım-Onarımı ve Tüketim Bedellerinin Karşılanması",
        "pct_of_kbo",
    ): None,  # printed 0; hesaplanamaz (basılı değer sayı)
    (
        "tablo10",
        "Sınır Fiziki Güvenlik Sistemlerinin Kurulumu",
        "pct_of_kbo",
    ): None,  # printed 0; hesaplanamaz (basılı değer sayı)
    ("tablo10", "Sınır Fiziki Güvenlik Sistemlerinin Kurulumu", "pct_of_total"): Decimal(
        "66.91"
    ),  # printed 66; basılı değer yuvarlanmamış, kesilmiş
    (
        "tablo10",
        "Kamuoyu İlişkilerinin Yürütülmesi",
        "pct_of_total",
    ): None,  # printed 0; hesaplanamaz (basılı değer sayı)
    ("tablo10", "Özel Kalem Hizmetleri", "pct_of_total"): None,  # printed 0; hesaplanamaz (basılı değer sayı)
    ("tablo11", "OKM", "pct_of_total"): None,  # printed 0; hesaplanamaz (basılı değer sayı)
    ("tablo11", "BHIM", "pct_of_total"): None,  # printed 0; hesaplanamaz (basılı değer sayı)
    ("tablo11", "SYGM", "pct_of_kbo"): None,  # printed 0; hesaplanamaz (basılı değer sayı)
    ("tablo11", "SYGM", "pct_of_total"): Decimal(
        "67.31"
    ),  # 2.835.125.105 ÷ 4.212.291.000; printed 66 (Tablo 10 prints 67 for the same figures)
    ("tablo13", "06", "increase_pct"): Decimal("1399.71"),  # printed 1399; basılı değer yuvarlanmamış, kesilmiş
    ("tablo15", "GYH.08", "realization_rate"): Decimal("178.85"),  # printed 178; basılı değer yuvarlanmamış, kesilmiş
    ("tablo15", "GYH.14", "realization_rate"): Decimal("66.67"),  # printed 66; basılı değer yuvarlanmamış, kesilmiş
    ("tablo15", "DG.01", "realization_rate"): Decimal("82.51"),  # printed 82; basılı değer yuvarlanmamış, kesilmiş
    ("tablo15", "DG.02", "realization_rate"): Decimal("37.99"),  # printed 37.98; basılı değer yuvarlanmamış, kesilmiş
    ("tablo16", "GYH.16", "year_end_value"): None,  # Form-4 only: Form-3 never reported it, no value; printed 0
    ("tablo16", "GYH.16", "status"): "Hesaplanamadı",  # no value: not computable; printed Ulaşılamadı
    ("tablo17", "PG3.2.2", "performance"): None,  # A = B = 0: not computable; printed 0
    ("tablo17", "PG3.4.1", "performance"): Decimal(
        "56.26"
    ),  # (28.584 − 20.333) ÷ (35.000 − 20.333); printed 81 is C ÷ B
    ("tablo17", "PG4.1.1", "performance"): Decimal(
        "55.18"
    ),  # (206.428 − 185.911) ÷ (223.093 − 185.911); printed 92,53 is C ÷ B
    ("tablo17", "PG4.1.2", "performance"): Decimal(
        "87.14"
    ),  # (4.427 − 3.770) ÷ (4.524 − 3.770); printed 97,85 is C ÷ B
    ("tablo17", "PG4.2.1", "performance"): Decimal("26.77"),  # (115 − 81) ÷ (208 − 81); printed 55,28 is C ÷ B
    ("tablo17", "PG4.2.2", "performance"): Decimal("50.00"),  # (225 − 150) ÷ (300 − 150); printed 75 is C ÷ B
    ("tablo17", "PG4.6.1", "performance"): Decimal(
        "81.60"
    ),  # (1.221.600 − 1.095.620) ÷ (1.250.000 − 1.095.620); printed 97 is C ÷ B
    ("tablo17", "PG4.6.2", "performance"): Decimal(
        "79.43"
    ),  # (4.267.315 − 3.790.730) ÷ (4.390.730 − 3.790.730); printed 97 is C ÷ B
    ("tablo17", "PG6.2.2", "performance"): None,  # A = B = 8: not computable; printed 100
    ("tablo17", "H1.3", "target_performance"): Decimal("92.78"),  # printed 92; basılı değer yuvarlanmamış, kesilmiş
    ("tablo17", "H3.4", "target_performance"): Decimal("28.13"),  # printed 40.5
    ("tablo17", "H4.1", "target_performance"): Decimal("67.96"),  # printed 94.6
    ("tablo17", "H4.2", "target_performance"): Decimal("36.06"),  # printed 63.16
    ("tablo17", "H4.6", "target_performance"): Decimal("80.52"),  # printed 97
    ("tablo17", "H5.1", "target_performance"): Decimal("38.83"),  # printed 38; basılı değer yuvarlanmamış, kesilmiş
}


def _rounded(value):
    return value if value is None or isinstance(value, str) else value.quantize(Decimal("0.01"))


def test_every_printed_figure_is_computed_and_only_these_differ(demo):
    differences = printed_differences(administration=demo, year=2024)
    found = {(d.table, d.row, d.column): _rounded(d.computed) for d in differences}
    assert found == RULE_DIFFERS_FROM_PRINT
    # Every printed cell has a computed counterpart: the rest agree at the printed precision.
    computed = computed_figures(administration=demo, year=2024)
    printed = PrintedFigure.objects.filter(administration=demo, year=2024)
    assert all((p.table, p.row_key, p.column) in computed for p in printed)
    assert printed.count() - len(differences) == 499


def test_printed_figures_are_compared_at_their_printed_decimals(demo):
    """46,80 is printed with two decimals: 46,8085 rounds to 46,81 and differs, though 46,8 would agree."""
    differences = {(d.table, d.row, d.column): d for d in printed_differences(administration=demo, year=2024)}
    for key, printed in [
        (("tablo7", "06", "increase_pct"), "46.80"),
        (("tablo7", "TOTAL", "increase_pct"), "127.50"),
        (("tablo9", "02", "realization_pct"), "96.80"),
    ]:
        assert differences[key].printed == printed
        assert differences[key].note == "basılı değer yuvarlanmamış, kesilmiş"
    stored = PrintedFigure.objects.get(
        administration=demo, year=2024, table="tablo16", row_key="GYH.10", column="year_end_value"
    )
    assert stored.value == "-1.3100"  # Form-4 prints four decimals


@pytest.mark.parametrize(
    ("code", "year_end_value", "rate", "status"),
    [
        ("GYH.01", "913719", "96.18", "partially_reached"),  # LAST: Q4
        ("GYH.02", "1877269", "234.66", "exceeded"),  # SUM
        ("GYH.06", "100", "105.26", "exceeded"),  # AVERAGE of 100, 100, 100, 100 against 95
        ("GYH.10", "-1.31", "-26.20", "not_reached"),  # SUM of negative quarters, printed -%26
        ("DG.02", "18.99", "37.99", "not_reached"),  # RATIO 34 ÷ 179, not the mean 18,52
        ("DG.03", "175", "875.00", "exceeded"),
        ("GYH.16", None, None, "not_computable"),  # Form-4 only, never reported
    ],
)
def test_form3_rows(demo, code, year_end_value, rate, status):
    figures = computed_figures(administration=demo, year=2024)
    value = figures[("tablo15", code, "year_end_value")]
    assert (None if value is None else value.quantize(Decimal("0.01"))) == (
        None if year_end_value is None else Decimal(year_end_value).quantize(Decimal("0.01"))
    )
    assert _rounded(figures[("tablo15", code, "realization_rate")]) == (None if rate is None else Decimal(rate))
    assert PPIndicatorResult.objects.get(indicator__code=code).status == status


def test_sp_actuals_derived_from_linked_pp_indicators(demo):
    actual = {
        r.indicator.code: r.actual_value
        for r in SPIndicatorResult.objects.filter(year=2024).select_related("indicator")
    }
    assert actual["PG1.1.1"] == Decimal(444434)  # 200.000 + 244.434 (cumulative)
    assert actual["PG3.4.1"] == Decimal(28584)  # 20.333 + 8.251
    assert actual["PG6.1.3"] == Decimal(77)  # level: the PP year-end value
    assert actual["PG1.3.1"] == Decimal(48381)  # entered


def test_target_performance_h13_and_h23(demo):
    performance = {r.target.code: r for r in TargetResult.objects.filter(year=2024).select_related("target")}
    assert performance["H1.3"].performance.quantize(Decimal("0.1")) == Decimal("92.8")
    assert performance["H2.3"].weight_total == Decimal(80)  # flagged: the weights sum to 80
