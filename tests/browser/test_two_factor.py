"""Two-factor log-in in Chromium under the real Content-Security-Policy: set up, recovery codes, the code step.

Each screen passes axe (WCAG 2.1 AA, serious and critical) and fits a 390 px phone without sideways
scroll; SCREENSHOTS=<folder> keeps a picture of each at 1366 and 390 px.
"""

import base64
from pathlib import Path

import pytest
from django_otp.oath import totp

from tests.browser.helpers import AXE, AXE_RUN, SHOTS
from tests.scenario import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _check(page, name: str, problems: dict) -> None:
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(100)
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/two_factor_{name}_{width}.png", full_page=True)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            problems[f"{name} {width}px: {scroll}px wide"] = True
        page.evaluate(AXE.read_text(encoding="utf-8"))
        found = page.evaluate(AXE_RUN)
        if found:
            problems[f"{name} {width}px"] = found
    page.set_viewport_size({"width": 1366, "height": 900})


def _log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Kullanıcı adı").fill(username)
    page.get_by_label("Parola").fill(PASSWORD)
    page.get_by_role("button", name="Giriş yap").click()


def test_set_up_codes_and_the_code_step_in_a_browser(live_server, browser, scenario, settings):
    settings.REQUIRE_2FA = True
    base = live_server.url
    policy: list[str] = []
    problems: dict = {}
    page = browser.new_page(locale="tr-TR")
    page.on("console", lambda m: policy.append(m.text) if "Content Security Policy" in m.text else None)

    # The strategy directorate must set it up: the log-in lands on the set-up page.
    _log_in(page, base, scenario.strategy.username)
    page.wait_for_url(lambda url: "/hesap/iki-adimli-giris/" in url)
    qr = page.get_by_role("img", name="Kimlik doğrulama uygulaması için QR kodu")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")  # drawn, not blocked by the policy
    _check(page, "setup", problems)
    secret = page.locator("code").inner_text().replace(" ", "")
    key = base64.b32decode(secret)
    page.get_by_label("Doğrulama kodu").fill(str(totp(key)).zfill(6))
    page.get_by_role("button", name="İki adımlı girişi aç").click()
    page.get_by_role("heading", name="Kurtarma kodları").wait_for()
    codes = page.locator(".recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    _check(page, "codes", problems)
    page.get_by_role("link", name="Kodları kaydettim").click()
    page.wait_for_url(f"{base}/islerim/")

    # Next log-in: the password, then a code; a recovery code works once.
    page.get_by_role("button", name="Çıkış").click()
    _log_in(page, base, scenario.strategy.username)
    page.wait_for_url(lambda url: "/giris/dogrulama/" in url)
    _check(page, "verify", problems)
    page.get_by_label("Doğrulama kodu").fill("yanlis")
    page.get_by_role("button", name="Doğrula").click()
    page.get_by_text("Kod hatalı").wait_for()
    _check(page, "verify_error", problems)
    page.wait_for_timeout(1100)  # a wrong code makes the next one wait a second
    page.get_by_label("Doğrulama kodu").fill(codes[0])
    page.get_by_role("button", name="Doğrula").click()
    page.wait_for_url(f"{base}/islerim/")
    page.goto(f"{base}/hesap/iki-adimli-giris/")
    assert "Kullanılmamış 9 kurtarma kodunuz var." in page.content()
    _check(page, "status", problems)

    assert not policy, policy
    assert not problems, problems
    assert Path(AXE).exists()
