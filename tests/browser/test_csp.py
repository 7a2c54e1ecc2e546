"""Every page works in Chromium under the Content-Security-Policy: no violation, scripts still act."""

import pytest

from tests.factories import UserFactory
from tests.scenario import PASSWORD, QUARTER, YEAR

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _watched_page(browser, violations: list[str]):
    page = browser.new_page(locale="tr-TR")
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}") if "Content Security Policy" in message.text else None
        ),
    )
    return page


def _log_in(page, base, username):
    page.goto(f"{base}/login/")
    page.get_by_label("Kullanıcı adı").fill(username)
    page.get_by_label("Parola").fill(PASSWORD)
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_url(f"{base}/islerim/")


def test_pages_raise_no_policy_violation_and_their_scripts_work(live_server, browser, scenario):
    base = live_server.url
    violations: list[str] = []
    unit, indicator = scenario.unit, scenario.indicators["sum"]

    # The unit's entry user types: htmx previews the status (a request, a swap) under the policy.
    page = _watched_page(browser, violations)
    _log_in(page, base, scenario.entry.username)
    page.goto(f"{base}/izleme/{unit.code}/{YEAR}/{QUARTER}/")
    page.locator(f"#id_i{indicator.pk}-value").fill("60.000")
    page.locator(f"#calc-{indicator.pk}").get_by_text("Aşıldı").wait_for()
    # The "only late" checkbox and the language menu send their forms (static/js/forms.js).
    page.goto(f"{base}/izleme/")
    page.get_by_label("Yalnızca gecikenler").check()
    page.wait_for_url("**late=1**")
    page.get_by_label("Dil").select_option("en")
    page.wait_for_function("document.documentElement.lang === 'en'")

    # The directorate's pages, the charts included.
    page = _watched_page(browser, violations)
    _log_in(page, base, scenario.strategy.username)
    for path in (
        "/",
        "/panel/",
        "/panel/gostergeler/",
        f"/panel/gosterge/{indicator.pk}/",
        "/izleme/",
        f"/izleme/{unit.code}/{YEAR}/{QUARTER}/",
        "/inceleme/",
        "/basili-rapor-farklari/",
        "/ice-aktarma/",
        "/plan/",
        "/butce/",
        "/butce/para-ve-performans/",
        "/disa-aktarma/",
    ):
        page.goto(f"{base}{path}")
        page.wait_for_load_state("load")

    # The Django admin, for an admin.
    UserFactory(username="kok", is_staff=True, is_superuser=True)
    page = _watched_page(browser, violations)
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Kullanıcı adı").fill("kok")
    page.get_by_label("Parola").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    for path in ("/admin/", f"/admin/indicators/ppindicator/{indicator.pk}/change/", "/admin/accounts/user/"):
        page.goto(f"{base}{path}")
        page.wait_for_load_state("load")
    assert page.locator("#content h1").count() == 1

    assert violations == []
