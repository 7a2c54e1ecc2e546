"""Form-3 in a real browser: the requirement below 80 before saving, an outlier's confirmation, and the
review that shows the field changed after a resubmission (axe clean at 1366 and 390 px)."""

import json
from decimal import Decimal

import pytest

from indicators.models import QuarterlyValue
from submissions.models import Submission
from submissions.services import RowInput, submission_return, submission_save_values, submission_submit
from tests.browser.helpers import AXE, AXE_RUN, SHOTS
from tests.factories import QuarterlyValueFactory
from tests.scenario import OPEN_DAY, PASSWORD, QUARTER, YEAR

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _log_in(browser, base, username, width=1366):
    context = browser.new_context(locale="tr-TR", viewport={"width": width, "height": 900}, bypass_csp=False)
    page = context.new_page()
    page.goto(f"{base}/login/")
    page.get_by_label("Kullanıcı adı").fill(username)
    page.get_by_label("Parola").fill(PASSWORD)
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_url(f"{base}/islerim/")
    return page


def _axe(page) -> list:
    if SHOTS:
        width = page.viewport_size["width"]
        page.screenshot(path=f"{SHOTS}/{page.url.rstrip('/').split('/')[-2]}-{width}.png", full_page=True)
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(AXE_RUN)


def test_below_80_is_required_before_saving_and_an_outlier_asks_for_confirmation(live_server, browser, scenario):
    base = live_server.url
    indicator = scenario.indicators["sum"]
    QuarterlyValueFactory(indicator=indicator, quarter=2, value=Decimal(1000))
    page = _log_in(browser, base, scenario.entry.username)
    page.goto(f"{base}/izleme/{scenario.unit.code}/{YEAR}/{QUARTER}/")
    row = f"i{indicator.pk}"
    # A value that projects the row below 80: the requirement shows before anything is saved.
    page.locator(f"#id_{row}-value").fill("1.100")
    page.locator(f"#id_{row}-year_end_estimate").fill("20.000")
    need = page.locator(f"#need-{indicator.pk}")
    need.get_by_text("sapmayı açıklayan bir değerlendirme yazın").wait_for()
    assert "80'in altında" in need.inner_text()
    assert not page.get_by_label("Değeri doğruluyorum — T.01").is_visible()  # no warning, no confirmation
    # Nine times the previous quarter: the row asks for a confirmation and a comment.
    page.locator(f"#id_{row}-value").fill("9.000")
    warning = page.locator(f"#warn-{indicator.pk}")
    warning.get_by_text("Olağan dışı değer: 9.000").wait_for()
    confirm = page.get_by_label("Değeri doğruluyorum — T.01")
    assert confirm.is_visible()
    page.get_by_role("button", name="Kaydet", exact=True).click()
    assert "Değer olağan dışı görünüyor" in page.locator(f"#row-{indicator.pk}").inner_text()
    assert page.locator(f"#id_{row}-value").input_value() == "9.000"  # what was typed stays
    assert not QuarterlyValue.objects.filter(indicator=indicator, quarter=QUARTER).exists()
    assert _axe(page) == []
    page.get_by_label("Değeri doğruluyorum — T.01").check()
    page.get_by_label("T.01: uyarı açıklaması").fill("Büyük operasyon yapıldı.")
    page.get_by_role("button", name="Kaydet", exact=True).click()
    page.get_by_text("Form kaydedildi").wait_for()
    stored = QuarterlyValue.objects.get(indicator=indicator, quarter=QUARTER)
    assert stored.warning_comment == "Büyük operasyon yapıldı." and stored.confirmed_warnings
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(100)
    assert _axe(page) == []


def test_the_reviewer_sees_the_changed_field_after_a_resubmission(live_server, browser, scenario):
    indicator = scenario.indicators["sum"]

    def save(value: str, version: int) -> None:
        current = QuarterlyValue.objects.filter(indicator=indicator, quarter=QUARTER).first()
        submission_save_values(
            unit=scenario.unit, year=YEAR, quarter=QUARTER, actor=scenario.entry, expected_version=version,
            today=OPEN_DAY,
            rows=[RowInput(indicator.pk, current.version if current else None, value=Decimal(value),
                           year_end_estimate=Decimal(50000))],
        )  # fmt: skip
        submission_submit(unit=scenario.unit, year=YEAR, quarter=QUARTER, actor=scenario.approver, today=OPEN_DAY)

    for key in ("ratio", "last"):  # the other rows complete, so the quarter can be submitted
        other = scenario.indicators[key]
        QuarterlyValueFactory(indicator=other, quarter=QUARTER, value=Decimal(5), no_data_reason="Veri yok.")
    save("32031", 1)
    submission = Submission.objects.get(unit=scenario.unit, year=YEAR, quarter=QUARTER)
    submission_return(
        submission=submission, actor=scenario.strategy, comment="Düzeltin.", reasons={indicator.pk: "Sayı yanlış."}
    )
    save("40000", Submission.objects.get(pk=submission.pk).version)
    base = live_server.url
    page = _log_in(browser, base, scenario.strategy.username)
    page.goto(f"{base}/inceleme/")
    page.get_by_role("link", name=f"İncele — {scenario.unit.name}").click()
    changed = page.get_by_test_id("since-return")
    assert "Değer: 32.031 → 40.000" in changed.inner_text()
    assert "Sayı yanlış." in page.get_by_test_id("thread").first.inner_text()
    found = _axe(page)
    assert found == [], json.dumps(found, ensure_ascii=False)
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(100)
    assert _axe(page) == []
    # A comment in the thread, then the approval from the same page.
    page.get_by_label("Yorum — T.01").fill("Teşekkürler, uygun.")
    page.get_by_role("button", name="Yorum ekle — T.01").click()
    page.get_by_text("Yorum eklendi.").wait_for()
    page.get_by_role("button", name="Onayla").click()
    page.get_by_text("Form onaylandı.").wait_for()
    assert Submission.objects.get(pk=submission.pk).state == "approved"
