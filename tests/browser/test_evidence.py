"""Evidence in a real browser: the unit attaches a file, the directorate sees and downloads it,
another unit's user gets 404; the Form-3 page with its evidence section passes axe at 1366 and 390 px."""

import json
from pathlib import Path

import pytest

from submissions.models import Evidence
from tests.browser.helpers import AXE, AXE_RUN
from tests.scenario import PASSWORD, QUARTER, YEAR

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _log_in(browser, base, username):
    context = browser.new_context(locale="tr-TR", viewport={"width": 1366, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{base}/login/")
    page.get_by_label("Kullanıcı adı").fill(username)
    page.get_by_label("Parola").fill(PASSWORD)
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_url(lambda address: "/login/" not in address)
    return page


def _axe(page) -> list:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(AXE_RUN)


def test_upload_list_download_and_another_unit_refused(live_server, browser, scenario, tmp_path):
    base = live_server.url
    form_url = f"{base}/izleme/{scenario.unit.code}/{YEAR}/{QUARTER}/"
    indicator = scenario.indicators["sum"]
    report = tmp_path / "Ekim ikamet raporu.pdf"
    report.write_bytes(PDF_BYTES)

    page = _log_in(browser, base, scenario.entry.username)
    page.goto(form_url)
    page.get_by_label(f"{indicator.code} için kanıt dosyası").set_input_files(str(report))
    page.get_by_role("button", name=f"Dosya ekle — {indicator.code}").click()
    page.get_by_text("Kanıt dosyası eklendi: T.01.").wait_for()
    section = page.get_by_test_id("evidence")
    assert "Ekim ikamet raporu.pdf" in section.inner_text()
    assert _axe(page) == [], json.dumps(_axe(page), ensure_ascii=False)
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(100)
    # The evidence section fits a phone (the Form-3 table above it scrolls inside its own box).
    assert page.get_by_test_id("evidence").evaluate(
        "e => e.scrollWidth <= e.clientWidth && e.getBoundingClientRect().right <= 390"
    )

    reviewer = _log_in(browser, base, scenario.strategy.username)
    reviewer.goto(form_url)
    link = reviewer.get_by_test_id("evidence").get_by_role("link", name="Ekim ikamet raporu.pdf")
    with reviewer.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "Ekim ikamet raporu.pdf"
    assert Path(download.path()).read_bytes() == PDF_BYTES

    evidence = Evidence.objects.get()
    stranger = _log_in(browser, base, scenario.other_entry.username)
    response = stranger.goto(f"{base}/kanit/{evidence.pk}/")
    assert response is not None and response.status == 404
