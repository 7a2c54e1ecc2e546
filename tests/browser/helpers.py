"""What the browser tests share: axe-core and its WCAG 2.1 AA run, the demo's users and signing in.

axe-core is vendored for the tests only (tests/browser/vendor/axe-core, never served by the app).
"""

import os
from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA rules; a serious or critical finding fails the page.
AXE_RUN = """async () => {
  const rules = {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}};
  const result = await axe.run(document, rules);
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""
ROLES = {
    "birim.veri": "Demo-birim-2024",
    "birim.onay": "Demo-onay-2024",
    "strateji": "Demo-strateji-2024",
    "yonetici": "Demo-yonetici-2024",
    "ust.yonetim": "Demo-ust-2024",
    "mali.hizmetler": "Demo-mali-2024",
}
# Where the screenshots go when SCREENSHOTS names a folder (to look at the pages).
SHOTS = os.environ.get("SCREENSHOTS")


def sign_in(page, url: str, username: str) -> None:
    page.goto(f"{url}/login/")
    page.get_by_label("Kullanıcı adı").fill(username)
    page.get_by_label("Parola").fill(ROLES[username])
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_url(lambda address: "/login/" not in address)
