"""The 404 and 500 pages in Chromium at a desktop and a phone width: Turkish, the menu, a message no
wider than the screen (the menu bar's own width at 390 px is base.html's). Screenshots go to the
test's tmp folder."""

import pytest

from tests.scenario import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.core.error_urls"),
]


@pytest.mark.parametrize("width", [1366, 390])
def test_error_pages_fit_the_screen_and_keep_the_menu(live_server, browser, scenario, tmp_path, width):
    base = live_server.url
    page = browser.new_page(locale="tr-TR", viewport={"width": width, "height": 800})
    page.goto(f"{base}/login/")
    page.get_by_label("Kullanıcı adı").fill(scenario.entry.username)
    page.get_by_label("Parola").fill(PASSWORD)
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_url(f"{base}/islerim/")
    for url, status, heading in [
        ("/boyle-bir-sayfa-yok/", 404, "Aradığınız sayfa bulunamadı."),
        ("/test-hata/bug/", 500, "Beklenmeyen bir hata oluştu."),
    ]:
        response = page.goto(f"{base}{url}")
        assert response.status == status
        assert page.get_by_role("heading", name=heading).is_visible()
        assert page.get_by_role("link", name="Ana sayfaya dön").is_visible()
        assert page.evaluate("document.querySelector('main').scrollWidth") <= width
        page.screenshot(path=tmp_path / f"{status}-{width}.png", full_page=True)
    page.close()
