"""Every page of the main navigation, for every role: WCAG 2.1 AA by axe-core, and no sideways scroll at 390 px."""

import json

import pytest

from tests.browser.helpers import AXE, AXE_RUN, ROLES, SHOTS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _main_nav(page) -> list[str]:
    """The pages the main navigation links to (Django's own admin aside: it is not our templates)."""
    hrefs = page.locator("#main-nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return ["/", *[h for h in hrefs if h.startswith("/") and not h.startswith("/admin/")]]


@pytest.mark.parametrize("username", list(ROLES))
def test_every_main_page_passes_axe_and_fits_a_phone(demo_live_server, browser, username):
    url = demo_live_server.url
    context = browser.new_context(locale="tr-TR", viewport={"width": 1366, "height": 900}, bypass_csp=True)
    page = context.new_page()
    sign_in(page, url, username)
    pages = _main_nav(page)
    assert len(pages) >= 3
    axe = AXE.read_text(encoding="utf-8")
    violations, too_wide = {}, {}
    for path in pages:
        page.set_viewport_size({"width": 1366, "height": 900})
        page.goto(f"{url}{path}")
        page.evaluate(axe)
        found = page.evaluate(AXE_RUN)
        if found:
            violations[path] = found
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/{username}{path.replace('/', '_')}1366.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_timeout(100)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            too_wide[path] = width
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/{username}{path.replace('/', '_')}390.png", full_page=True)
    context.close()
    assert violations == {}, json.dumps(violations, ensure_ascii=False, indent=1)
    assert too_wide == {}, too_wide
