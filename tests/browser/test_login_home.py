"""A person signs in with a real browser (Debian's Chromium) and sees the 2024 home page."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_unit_user_logs_in_and_sees_the_2024_home_page(demo_live_server, browser_page, tmp_path):
    page = browser_page
    page.goto(f"{demo_live_server.url}/")
    assert "/login/" in page.url
    page.get_by_label("Kullanıcı adı").fill("birim.veri")
    page.get_by_label("Parola").fill("Demo-birim-2024")
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_url(f"{demo_live_server.url}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Göç İdaresi Başkanlığı · 2024"
    row = page.get_by_role("row").filter(has_text="Aktif ikamet izni sayısı")
    assert "913.719" in row.inner_text()
    # The vendored stylesheet loaded (no CDN): Bootstrap's navbar has its primary background.
    background = page.locator("nav.navbar").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(tmp_path / "home.png"), full_page=False)


def test_wrong_password_shows_a_turkish_message(demo_live_server, browser_page):
    page = browser_page
    page.goto(f"{demo_live_server.url}/login/")
    page.get_by_label("Kullanıcı adı").fill("birim.veri")
    page.get_by_label("Parola").fill("yanlis")
    page.get_by_role("button", name="Giriş yap").click()
    assert page.get_by_role("alert").inner_text().startswith("Kullanıcı adı veya parola hatalı")
