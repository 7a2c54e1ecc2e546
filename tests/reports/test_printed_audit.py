"""The printed-versus-computed comparison (pure): each printed figure at the precision it was printed with."""

from decimal import Decimal

import pytest

from reports.builders.printed_audit import agrees, compare


@pytest.mark.parametrize(
    ("printed", "computed", "expected"),
    [
        ("46.80", Decimal("46.8085"), False),  # two printed decimals: 46,81 by the rule
        ("46.8", Decimal("46.8085"), True),  # one printed decimal: 46,8 agrees
        ("127.50", Decimal("127.5069"), False),
        ("96.80", Decimal("96.8053"), False),
        ("96.81", Decimal("96.8053"), True),
        ("-1.3100", Decimal("-1.31"), True),
        ("21631742000.00", Decimal("21631742000"), True),
        ("0", None, False),  # not computable never agrees with a printed number
        ("Ulaşıldı", "Ulaşıldı", True),
    ],
)
def test_agrees_at_the_printed_precision(printed, computed, expected):
    assert agrees(printed, computed) is expected


def test_a_truncated_figure_is_reported_and_explained():
    [difference] = compare(
        [(("tablo7", "06", "increase_pct"), "46.80")], {("tablo7", "06", "increase_pct"): Decimal("46.8085")}
    )
    assert difference.printed == "46.80"
    assert difference.note == "basılı değer yuvarlanmamış, kesilmiş"
