"""Every page of the main navigation, for every role: WCAG 2.1 AA by axe-core, and no sideways scroll at 390 px.

axe-core is vendored for the tests only (tests/browser/vendor/axe-core, never served by the app).
"""

import io
import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA rules; a serious or critical finding fails the page.
AXE_RUN = """async () => {
  const rules = {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}};
  const result = await axe.run(document, rules);
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""
ROLES = {
    "birim.veri": "Demo-birim-2024",
    "birim.onay": "Demo-onay-2024",
    "strateji": "Demo-strateji-2024",
    "yonetici": "Demo-yonetici-2024",
    "ust.yonetim": "Demo-ust-2024",
    "mali.hizmetler": "Demo-mali-2024",
}
# Where the screenshots go when SCREENSHOTS names a folder (to look at the pages).
SHOTS = os.environ.get("SCREENSHOTS")


@pytest.fixture
def demo_live_server(transactional_db, live_server):
    call_command("load_demo", stdout=io.StringIO())
    return live_server


def _sign_in(page, url: str, username: str) -> None:
    page.goto(f"{url}/login/")
    page.get_by_label("Kullanıcı adı").fill(username)
    page.get_by_label("Parola").fill(ROLES[username])
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_url(lambda address: "/login/" not in address)


def _main_nav(page) -> list[str]:
    """The pages the main navigation links to (Django's own admin aside: it is not our templates)."""
    hrefs = page.locator("#main-nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return ["/", *[h for h in hrefs if h.startswith("/") and not h.startswith("/admin/")]]


@pytest.mark.parametrize("username", list(ROLES))
def test_every_main_page_passes_axe_and_fits_a_phone(demo_live_server, browser, username):
    url = demo_live_server.url
    context = browser.new_context(locale="tr-TR", viewport={"width": 1366, "height": 900}, bypass_csp=True)
    page = context.new_page()
    _sign_in(page, url, username)
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
