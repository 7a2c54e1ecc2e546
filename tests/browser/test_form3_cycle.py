"""The whole Form-3 cycle in a real browser: enter, see the status, submit, return, fix, approve, locked."""

import pytest

from indicators.models import QuarterlyValue
from submissions.models import Submission
from tests.scenario import PASSWORD, QUARTER, YEAR

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _log_in(browser, base, username):
    page = browser.new_page(locale="tr-TR")
    page.goto(f"{base}/login/")
    page.get_by_label("Kullanıcı adı").fill(username)
    page.get_by_label("Parola").fill(PASSWORD)
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_url(f"{base}/islerim/")  # people land on their work (İşlerim)
    return page


def test_full_cycle(live_server, browser, scenario):
    base = live_server.url
    form_url = f"{base}/izleme/{scenario.unit.code}/{YEAR}/{QUARTER}/"
    sum_row = f"i{scenario.indicators['sum'].pk}"
    ratio_row = f"i{scenario.indicators['ratio'].pk}"
    last_row = f"i{scenario.indicators['last'].pk}"

    # The unit's data-entry user types Turkish numbers and sees the status change as she types.
    page = _log_in(browser, base, scenario.entry.username)
    page.goto(form_url)
    page.locator(f"#id_{sum_row}-value").fill("60.000")
    calc = page.locator(f"#calc-{scenario.indicators['sum'].pk}")
    calc.get_by_text("Aşıldı").wait_for()
    assert "%120" in calc.inner_text()
    page.locator(f"#id_{sum_row}-year_end_estimate").fill("85.000")
    # The row now needs a deviation narrative, and says so before anything is saved.
    need = page.locator(f"#need-{scenario.indicators['sum'].pk}")
    need.get_by_text("sapmayı açıklayan bir değerlendirme yazın").wait_for()
    assert "100'ün üzerinde" in need.inner_text()
    page.locator(f"#id_{ratio_row}-numerator").fill("6")
    page.locator(f"#id_{ratio_row}-denominator").fill("43")
    page.locator(f"#id_{ratio_row}-narrative").fill("Mağdur sayısı düşük.")
    page.locator(f"#id_{last_row}-value").fill("abc")
    page.get_by_role("button", name="Kaydet", exact=True).click()
    assert "“abc” bir sayı değil" in page.content()
    assert page.locator(f"#id_{sum_row}-value").input_value() == "60.000"  # nothing typed is lost
    page.locator(f"#id_{last_row}-value").fill("-1,31")
    page.locator(f"#id_{last_row}-narrative").fill("Emeklilikler.")
    page.get_by_role("button", name="Kaydet", exact=True).click()
    page.get_by_text("Form kaydedildi").wait_for()
    # Saved without the narrative: the form lists what is missing at the top and on the row.
    assert "Göndermeden önce 1 satır tamamlanmalı" in page.get_by_test_id("missing").inner_text()
    assert page.locator(f"#row-{scenario.indicators['sum'].pk}").get_by_test_id("row-missing").count() == 1

    # The approver types the narrative and presses "Kaydet ve gönder": stored and submitted at once.
    approver = _log_in(browser, base, scenario.approver.username)
    approver.goto(form_url)
    approver.locator(f"#id_{sum_row}-narrative").fill("Yakalamalar beklenenin üzerinde.")
    approver.get_by_role("button", name="Kaydet ve gönder").click()
    approver.get_by_text("Form kaydedildi ve Strateji Geliştirme'ye gönderildi.").wait_for()
    assert "Gönderildi, inceleniyor" in approver.content()
    stored = QuarterlyValue.objects.get(indicator=scenario.indicators["sum"], quarter=QUARTER)
    assert stored.narrative == "Yakalamalar beklenenin üzerinde."

    # The directorate returns it with a comment.
    strategy = _log_in(browser, base, scenario.strategy.username)
    strategy.goto(f"{base}/inceleme/")
    strategy.get_by_role("link", name=scenario.unit.name, exact=True).click()
    strategy.get_by_label("İade açıklaması").fill("Oranı yeniden kontrol edin.")
    strategy.get_by_role("button", name="İade et").click()
    strategy.get_by_text("Form iade edildi.").wait_for()

    # The unit sees the comment, fixes, and the approver resubmits.
    page.goto(form_url)
    assert "Oranı yeniden kontrol edin." in page.get_by_test_id("return-comment").inner_text()
    page.locator(f"#id_{ratio_row}-numerator").fill("7")
    page.get_by_role("button", name="Kaydet", exact=True).click()
    page.get_by_text("Form kaydedildi").wait_for()
    approver.goto(form_url)
    approver.get_by_role("button", name="Kaydet ve gönder").click()
    approver.get_by_text("Form kaydedildi ve Strateji Geliştirme'ye gönderildi.").wait_for()

    # The directorate approves; the form is then locked and says why.
    strategy.goto(f"{base}/inceleme/")
    strategy.get_by_label(scenario.unit.name).check()
    strategy.get_by_role("button", name="Seçilenleri onayla").click()
    strategy.get_by_text("1 form onaylandı.").wait_for()
    page.goto(form_url)
    assert "Kilitli: Onaylandı." in page.get_by_test_id("lock").inner_text()
    assert page.locator(f"#id_{sum_row}-value").count() == 0
    assert Submission.objects.get(unit=scenario.unit, year=YEAR, quarter=QUARTER).state == "approved"


def test_leaving_a_form_with_unsaved_changes_asks_first(live_server, browser, scenario):
    base = live_server.url
    page = _log_in(browser, base, scenario.entry.username)
    page.goto(f"{base}/izleme/{scenario.unit.code}/{YEAR}/{QUARTER}/")
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    page.locator(f"#id_i{scenario.indicators['sum'].pk}-value").fill("1.000")
    page.get_by_role("link", name="Gösterge paneli").click(no_wait_after=True)
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert page.locator(f"#id_i{scenario.indicators['sum'].pk}-value").input_value() == "1.000"
