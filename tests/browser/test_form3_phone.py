"""Form-3 on a phone (390 px): one card per indicator holding its value, live result and narrative;
the desktop table at 1366 px; axe-core clean at both widths."""

import json
from pathlib import Path

import pytest

from tests.scenario import PASSWORD, QUARTER, YEAR

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_RUN = """async () => {
  const rules = {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}};
  const result = await axe.run(document, rules);
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def _box(locator) -> dict:
    return locator.bounding_box()


def _inside(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"] - 1
        and inner["y"] >= outer["y"] - 1
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1
    )


def test_form3_is_one_card_per_indicator_on_a_phone_and_a_table_on_a_desktop(live_server, browser, scenario):
    context = browser.new_context(locale="tr-TR", viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Kullanıcı adı").fill(scenario.entry.username)
    page.get_by_label("Parola").fill(PASSWORD)
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_url(f"{live_server.url}/islerim/")  # log-in lands on İşlerim
    page.goto(f"{live_server.url}/izleme/{scenario.unit.code}/{YEAR}/{QUARTER}/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing off-screen
    assert not page.locator("table.form3 thead").is_visible()
    cards = page.locator("tbody.form3-indicator")
    assert cards.count() == 4  # the unit's four indicators, one card each
    for index in range(cards.count()):
        card = _box(cards.nth(index))
        assert card["x"] >= 0 and card["x"] + card["width"] <= 390
    sum_pk = scenario.indicators["sum"].pk
    card = _box(page.locator(f"#row-{sum_pk}").locator("xpath=.."))
    value = page.locator(f"#id_i{sum_pk}-value")
    for part in (value, page.locator(f"#calc-{sum_pk}"), page.locator(f"#id_i{sum_pk}-narrative")):
        assert _inside(_box(part), card), part  # value, live result and narrative in one card
    assert _box(value)["width"] > 200  # the value box is a full-width field, not a squeezed cell
    # The labels a table header would give are on the card: the quarter above the box.
    assert f"{QUARTER}. Dönem" in page.locator(f"#row-{sum_pk} td.form3-entry").evaluate(
        "td => getComputedStyle(td, '::before').content"
    )
    value.fill("60.000")
    page.locator(f"#calc-{sum_pk}").get_by_text("Aşıldı").wait_for()  # the live result, in the card
    page.evaluate(AXE.read_text(encoding="utf-8"))
    assert page.evaluate(AXE_RUN) == []

    page.set_viewport_size({"width": 1366, "height": 900})
    assert page.locator("table.form3 thead").is_visible()
    boxes = [_box(page.locator(f"#row-{sum_pk} > *").nth(i)) for i in range(3)]
    assert boxes[0]["y"] == boxes[1]["y"] == boxes[2]["y"]  # one table row, side by side
    found = page.evaluate(AXE_RUN)
    context.close()
    assert found == [], json.dumps(found, ensure_ascii=False)
