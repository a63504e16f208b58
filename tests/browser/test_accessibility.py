"""axe-core on every public page type and the district data-entry screens, and keyboard use.

axe-core comes from the npm registry (tests/browser/package.json) and is injected into the page.
Serious and critical violations fail the test; the message names the rule and the elements.
"""

import re

import pytest
from playwright.sync_api import expect

from .support import PHONE, PUBLIC_PAGES, screenshot, sign_in

pytestmark = pytest.mark.browser

DATA_ENTRY_PAGES = {
    "records": "/admin/activity_records/",
    "record-form": "/admin/activity_records/new/",
    "my-totals": "/admin/campaigns/my-totals/",
}


def serious_violations(page, axe_source):
    # Evaluated through the browser's debugging protocol, which the page's CSP does not govern;
    # an injected <script> tag would be blocked, as it should be.
    page.evaluate(axe_source)
    result = page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            if (results.passes.length < 10) {
                throw new Error(`axe checked only ${results.passes.length} rules`);
            }
            return results.violations
                .filter((v) => v.impact === "serious" || v.impact === "critical")
                .map((v) => ({
                    id: v.id,
                    impact: v.impact,
                    help: v.help,
                    targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
                }));
        }"""
    )
    return [f"{v['impact']} {v['id']}: {v['help']} ({', '.join(v['targets'])})" for v in result]


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_public_page_has_no_serious_violations(page, size, axe_source, name):
    response = page.goto(PUBLIC_PAGES[name])
    assert response.status == 200
    expect(page.get_by_role("main")).to_be_visible()
    screenshot(page, f"{name}-{size}")
    assert serious_violations(page, axe_source) == []


@pytest.mark.parametrize("name", list(DATA_ENTRY_PAGES))
def test_data_entry_screen_has_no_serious_violations(page, size, axe_source, name):
    sign_in(page, "canbo.tranbien")
    response = page.goto(DATA_ENTRY_PAGES[name])
    assert response.status == 200
    expect(page.get_by_role("main")).to_be_visible()
    screenshot(page, f"admin-{name}-{size}")
    assert serious_violations(page, axe_source) == []


def focused(page):
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {text: e.innerText.trim(), href: e.getAttribute('href') || ''}; }"
    )


def tab_until(page, predicate, limit=80):
    """Press Tab until the focused element matches; fail after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if predicate(element):
            return element
    pytest.fail(f"no focusable element matched after {limit} presses of Tab")


def test_keyboard_only_from_home_to_a_filtered_article(browser, open_page):
    tab = open_page(PHONE)
    tab.goto("/")

    # The first Tab reaches the skip link, which is then visible; Enter moves focus to <main>.
    tab.keyboard.press("Tab")
    skip = tab.get_by_role("link", name="Chuyển đến nội dung chính")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    tab.keyboard.press("Enter")
    expect(tab.locator("main")).to_be_focused()

    # Back at the top, the quick exit is reachable a few Tabs in, before the header.
    tab.goto("/")
    element = tab_until(tab, lambda e: e["text"] == "Thoát nhanh", limit=5)
    assert element["href"].endswith("/thoi-tiet/")

    # An audience, then the filters, the area facet and a former district (each a <details>:
    # Enter opens it), then the whole of that district.
    tab_until(tab, lambda e: e["text"] == "Công nhân lao động")
    tab.keyboard.press("Enter")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Dành cho Công nhân lao động")
    tab_until(tab, lambda e: e["text"] == "Lọc")
    tab.keyboard.press("Enter")
    tab_until(tab, lambda e: e["text"] == "Địa bàn")
    tab.keyboard.press("Enter")
    tab_until(tab, lambda e: e["text"] == "Huyện Nhơn Trạch (cũ)")
    tab.keyboard.press("Enter")
    tab_until(tab, lambda e: e["text"].startswith("Toàn bộ Huyện Nhơn Trạch (cũ)"))
    tab.keyboard.press("Enter")
    expect(tab).to_have_url(re.compile(r"\?district=742$"))

    # Then an article among the results.
    article = "Công nhân Nhơn Trạch học cách kiểm tra hợp đồng đi làm việc ở nước ngoài"
    tab_until(tab, lambda e: e["text"] == article)
    expect(tab.get_by_role("link", name=article)).to_be_focused()
    tab.keyboard.press("Enter")
    expect(tab.get_by_role("heading", level=1)).to_have_text(article)
