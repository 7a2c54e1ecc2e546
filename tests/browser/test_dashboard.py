"""The directorate opens the dashboard in a real browser: charts are drawn, the drill-down works."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _chart_points(page, chart_id: str) -> int:
    return page.evaluate(
        """id => { const c = Chart.getChart(document.querySelector(`canvas[data-chart="${id}"]`));
                   return c ? c.data.datasets.reduce((n, d) => n + d.data.filter(v => v !== null).length, 0) : 0; }""",
        chart_id,
    )


def test_overview_charts_and_drill_down(demo_live_server, browser_page):
    page = browser_page
    base = demo_live_server.url
    page.goto(f"{base}/login/")
    page.get_by_label("Kullanıcı adı").fill("strateji")
    page.get_by_label("Parola").fill("Demo-strateji-2024")
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_url(f"{base}/islerim/")  # log-in lands on İşlerim
    page.goto(f"{base}/panel/")
    assert _chart_points(page, "status-chart") == 5
    assert _chart_points(page, "sub-program-chart") > 0
    # The canvas really has pixels drawn on it.
    assert (
        page.evaluate("() => document.querySelector('canvas[data-chart=\"status-chart\"]').toDataURL().length") > 5000
    )
    page.get_by_test_id("at-risk").get_by_role("link", name="Tespit edilen özel ihtiyaç sahibi sayısı").click()
    page.get_by_role("heading", name="Tespit edilen özel ihtiyaç sahibi sayısı").wait_for()
    assert _chart_points(page, "quarters-chart") == 4 + 4 + 4  # quarters, cumulative, target
    assert "1. Dönem: 27.748" in page.content()
