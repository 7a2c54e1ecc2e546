"""Keyboard only: a Form-3 filled, saved and submitted, then approved on the review page, with Tab,
Enter and Space alone, and every focused control visibly marked (WCAG 2.1.1 and 2.4.7)."""

import pytest

from submissions.models import Submission
from tests.scenario import PASSWORD, QUARTER, YEAR

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# The focused element's own mark: an outline or a focus ring (box-shadow), not the page's default.
FOCUS_MARK = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  return {tag: el.tagName, id: el.id, name: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40),
          visible: outline || style.boxShadow !== 'none'};
}"""


def _tab_to(page, selector: str, most: int = 150) -> None:
    """Press Tab until `selector` has the focus, checking every control passed on the way shows it."""
    if page.evaluate("s => document.activeElement.matches(s)", selector):
        return  # already there (autofocus)
    for _ in range(most):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_MARK)
        assert focus["visible"], f"no visible focus on {focus}"
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _type(page, selector: str, text: str) -> None:
    _tab_to(page, selector)
    page.keyboard.type(text)


def _log_in(browser, base, username):
    page = browser.new_page(locale="tr-TR")
    page.goto(f"{base}/login/")
    _type(page, "#id_username", username)
    _type(page, "#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/islerim/")  # log-in lands on İşlerim
    return page


def test_form3_filled_saved_submitted_and_approved_with_the_keyboard_alone(live_server, browser, scenario):
    base = live_server.url
    form_url = f"{base}/izleme/{scenario.unit.code}/{YEAR}/{QUARTER}/"
    sum_row, ratio_row, last_row = (f"i{scenario.indicators[k].pk}" for k in ("sum", "ratio", "last"))

    # The skip link is the first stop and takes the keyboard past the menu.
    page = _log_in(browser, base, scenario.entry.username)
    page.goto(form_url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    assert page.evaluate(FOCUS_MARK)["visible"]
    page.keyboard.press("Enter")

    _type(page, f"#id_{sum_row}-value", "40.000")
    _type(page, f"#id_{sum_row}-narrative", "Yakalamalar planlandığı gibi.")
    _type(page, f"#id_{ratio_row}-numerator", "6")
    _type(page, f"#id_{ratio_row}-denominator", "43")
    _type(page, f"#id_{ratio_row}-narrative", "Mağdur sayısı düşük.")
    _type(page, f"#id_{last_row}-value", "-1,31")
    _type(page, f"#id_{last_row}-narrative", "Emeklilikler.")
    # The live result followed the typing.
    page.locator(f"#calc-{scenario.indicators['sum'].pk}").get_by_text("Ulaşıldı").wait_for()
    _tab_to(page, "button[value=save]")
    page.keyboard.press("Enter")
    page.get_by_text("Form kaydedildi").wait_for()

    # The approver opens the form and presses "Kaydet ve gönder" from the keyboard.
    approver = _log_in(browser, base, scenario.approver.username)
    approver.goto(form_url)
    _tab_to(approver, "button[value=save_submit]", most=300)
    approver.keyboard.press("Enter")
    approver.get_by_text("Form kaydedildi ve Strateji Geliştirme'ye gönderildi.").wait_for()

    # The directorate ticks the form with Space and approves with Enter on the review page.
    strategy = _log_in(browser, base, scenario.strategy.username)
    strategy.goto(f"{base}/inceleme/")
    _tab_to(strategy, "input[name=submission]")
    strategy.keyboard.press("Space")
    assert strategy.get_by_label(scenario.unit.name).is_checked()
    _tab_to(strategy, "button[value=approve]")
    strategy.keyboard.press("Enter")
    strategy.get_by_text("1 form onaylandı.").wait_for()
    assert Submission.objects.get(unit=scenario.unit, year=YEAR, quarter=QUARTER).state == "approved"
