"""Financial services enter a transfer in a real browser and see the execution table and chart change."""

from decimal import Decimal

import pytest

from budget.models import BudgetLine
from core.numbers import parse_decimal

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _chart_value(page, label: str, dataset: int) -> Decimal:
    """The value the drawn Chart.js chart holds for one bar."""
    value = page.evaluate(
        """([label, dataset]) => { const c = Chart.getChart(document.querySelector('canvas[data-chart]'));
               return String(c.data.datasets[dataset].data[c.data.labels.indexOf(label)]); }""",
        [label, dataset],
    )
    return Decimal(value)


def _table_total(page, code_label: str) -> str:
    row = page.locator("#execution-table tbody tr", has_text=code_label)
    return row.locator("td").nth(4).inner_text()  # code, KBÖ, eklenen, düşülen, toplam ödenek


def test_a_transfer_changes_the_execution_table_and_chart(demo_live_server, browser_page):
    page = browser_page
    base = demo_live_server.url
    page.goto(f"{base}/login/")
    page.get_by_label("Kullanıcı adı").fill("mali.hizmetler")
    page.get_by_label("Parola").fill("Demo-mali-2024")
    page.get_by_role("button", name="Giriş yap").click()
    page.get_by_role("link", name="Bütçe", exact=True).click()
    page.goto(f"{base}/butce/?year=2024")
    label = "Mal ve Hizmet Alım Giderleri"
    total_before = _table_total(page, f"03 {label}")
    chart_before = _chart_value(page, label, 0)
    line = BudgetLine.objects.filter(year=2024, economic_code__code="03", unit__isnull=False).order_by("pk").first()

    page.goto(f"{base}/butce/satir/{line.pk}/")
    form = page.locator("#transfer-form")
    form.get_by_label("İşlem türü").select_option("addition")
    form.get_by_label("Tarih").fill("2024-05-02")
    form.get_by_label("Tutar (TL)").fill("1.000.000")
    form.get_by_label("Gerekçe").fill("Yedek ödenekten ekleme")
    form.get_by_role("button", name="İşlemi kaydet").click()
    page.get_by_text("Kaydedildi.").wait_for()
    assert "Yedek ödenekten ekleme" in page.locator("#transfers").inner_text()

    page.goto(f"{base}/butce/?year=2024")
    total_after = _table_total(page, f"03 {label}")
    assert total_after != total_before
    assert parse_decimal(total_after) == parse_decimal(total_before) + 1_000_000
    assert _chart_value(page, label, 0) == chart_before + 1_000_000
