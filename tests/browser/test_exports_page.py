"""The exports page with the annual report's language and template fields: axe-clean, no sideways scroll."""

import json

import pytest

from tests.browser.helpers import AXE, AXE_RUN, SHOTS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_page_and_a_refused_template_pass_axe_fit_a_phone_and_put_the_button_after_the_fields(
    demo_live_server, browser, tmp_path
):
    context = browser.new_context(locale="tr-TR", viewport={"width": 1366, "height": 900}, bypass_csp=True)
    page = context.new_page()
    sign_in(page, demo_live_server.url, "strateji")
    bad = tmp_path / "sablon.docx"
    bad.write_bytes(b"not a word file")
    found, widths = {}, {}
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{demo_live_server.url}/disa-aktarma/")
        button = page.get_by_role("button", name="Oluştur").bounding_box()
        template = page.locator("#id_template").bounding_box()
        assert button and template
        if width == 390:  # one column: the button after the last field, not above the file field
            assert button["y"] >= template["y"] + template["height"], (button, template)
        else:  # beside the file field, on its line
            assert button["x"] >= template["x"] + template["width"], (button, template)
            assert abs(button["y"] - template["y"]) < 4, (button, template)
        page.select_option("#id_report", "annual_report")
        page.select_option("#id_format", "docx")
        page.set_input_files("#id_template", str(bad))
        page.get_by_role("button", name="Oluştur").click()
        assert page.get_by_text("Yüklenen dosya bir Word (.docx) belgesi değil.").is_visible()
        page.evaluate(AXE.read_text(encoding="utf-8"))
        found[width] = page.evaluate(AXE_RUN)
        widths[width] = page.evaluate("document.documentElement.scrollWidth")
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/exports-{width}.png", full_page=True)
    context.close()
    assert found == {1366: [], 390: []}, json.dumps(found, ensure_ascii=False, indent=1)
    assert widths[390] <= 390, widths
