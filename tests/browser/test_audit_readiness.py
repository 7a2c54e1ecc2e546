"""Denetime hazırlık in Chromium: axe-clean (WCAG 2.1 AA) and no sideways scroll at 1366 and 390 px."""

import json

import pytest

from tests.browser.helpers import AXE, AXE_RUN, SHOTS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize("username", ["strateji", "yonetici"])
def test_the_page_passes_axe_and_fits_a_phone(demo_live_server, browser, username):
    context = browser.new_context(locale="tr-TR", viewport={"width": 1366, "height": 900}, bypass_csp=True)
    page = context.new_page()
    sign_in(page, demo_live_server.url, username)
    found, widths = {}, {}
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{demo_live_server.url}/denetime-hazirlik/?year=2024")
        assert page.get_by_role("heading", name="Denetime hazırlık · 2024").is_visible()
        page.evaluate(AXE.read_text(encoding="utf-8"))
        found[width] = page.evaluate(AXE_RUN)
        widths[width] = page.evaluate("document.documentElement.scrollWidth")
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/readiness-{username}-{width}.png", full_page=True)
    context.close()
    assert found == {1366: [], 390: []}, json.dumps(found, ensure_ascii=False, indent=1)
    assert widths[390] <= 390, widths
