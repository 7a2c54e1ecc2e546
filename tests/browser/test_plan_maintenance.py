"""The directorate changes a weight and a target value with a reason and sees the performance and history change."""

from decimal import Decimal

import pytest

from indicators.services.recompute import results_recompute
from plans.models import SPIndicatorYear
from tests.plans.conftest import PASSWORD, build_plan

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_weight_and_target_revision_in_the_browser(live_server, browser_page):
    setup = build_plan()
    # PG1.1.1 (weight 60): A 100, B 150, C = 100 + 40 → P 80. PG1.1.2 (weight 40): A 10, B 20, C 15 → P 50.
    SPIndicatorYear.objects.filter(indicator=setup.without_values, year=2024).update(actual_value=Decimal(15))
    results_recompute(administration_id=setup.administration.pk, years=[2024])
    base = live_server.url
    page = browser_page
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base}/login/")
    page.get_by_label("Kullanıcı adı").fill(setup.users["strateji"].username)
    page.get_by_label("Parola").fill(PASSWORD)
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_url(f"{base}/islerim/")

    page.get_by_role("link", name="Plan yönetimi").click()
    page.get_by_role("link", name=str(setup.plan)).click()
    page.get_by_role("link", name="H1.1").click()
    page.wait_for_load_state()
    performance = page.get_by_test_id("target-performance")
    assert "%68,00" in performance.inner_text()  # 0,6 × 80 + 0,4 × 50

    # The live sum follows the typing; the save button waits for exactly 100.
    weight_sum = page.get_by_test_id("weight-sum")
    assert weight_sum.inner_text() == "100", errors
    page.get_by_label("PG1.1.1 ağırlığı").fill("50")
    assert weight_sum.inner_text() == "90"
    assert page.locator("#weights-save").is_disabled()
    page.get_by_label("PG1.1.2 ağırlığı").fill("50")
    assert weight_sum.inner_text() == "100"
    page.get_by_label("Değişiklik gerekçesi").fill("Göstergeler eşit önemde")
    page.get_by_role("button", name="Ağırlıkları kaydet").click()
    page.get_by_text("Ağırlıklar kaydedildi.").wait_for()
    page.wait_for_load_state()
    assert "%65,00" in page.get_by_test_id("target-performance").inner_text()  # 0,5 × 80 + 0,5 × 50

    # A new 2024 target for PG1.1.1, with a reason: P becomes (140 − 100) ÷ (140 − 100) = 100.
    page.get_by_role("link", name="PG1.1.1").click()
    page.get_by_label("2024 hedefi").fill("140")
    page.get_by_label("2024 gerekçesi").fill("Yeni kaynak planı")
    page.locator("form[action$='/hedef/2024/'] button").click()
    page.get_by_text("2024 hedefi kaydedildi.").wait_for()
    revisions = page.get_by_test_id("revisions").inner_text()
    assert "Yeni kaynak planı" in revisions and "Göstergeler eşit önemde" in revisions
    assert "150" in revisions and "140" in revisions
    page.get_by_role("link", name="H1.1").first.click()
    page.wait_for_load_state()
    assert "%75,00" in page.get_by_test_id("target-performance").inner_text()  # 0,5 × 100 + 0,5 × 50
