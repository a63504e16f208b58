"""The Results page for 2025, the year of the reform: the 95 communes and wards ranked beside a
dot map of the province, readable on a phone (360x740) and on a desktop (1366x900)."""

import pytest
from playwright.sync_api import expect

from .support import screenshot, scroll_below_the_hotline_bar, sideways_scroll, sign_in
from .test_accessibility import serious_violations

pytestmark = pytest.mark.browser

WIDE = {"width": 1366, "height": 900}
PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize(("name", "viewport"), [("phone", PHONE), ("desktop", WIDE)])
def test_results_2025_ranks_and_maps_the_95_communes(open_page, axe_source, name, viewport):
    tab = open_page(viewport)
    response = tab.goto("/ket-qua/?year=2025")
    assert response.status == 200

    choice = tab.get_by_role("navigation", name="Đơn vị hiển thị")
    expect(choice.locator('[aria-current="true"]')).to_have_text("Đơn vị từ 01/07/2025")
    expect(choice.get_by_role("link", name="Đơn vị đến 30/06/2025")).to_be_visible()

    dot_map = tab.locator("svg.dot-map")
    expect(dot_map).to_be_visible()
    assert dot_map.locator("circle").count() == 95
    box = dot_map.bounding_box()
    assert box["width"] > 200 and box["height"] > 100

    rows = tab.locator("#ranked-table tbody tr")
    expect(rows).to_have_count(95)
    expect(tab.locator("#ranked-table tbody tr").first.locator("td").first).to_have_text("1")

    assert sideways_scroll(tab) <= 0, f"{sideways_scroll(tab)} px of sideways scroll"
    assert serious_violations(tab, axe_source) == []

    # The heading just below the sticky hotline bar.
    scroll_below_the_hotline_bar(tab.locator("#units-heading"))
    screenshot(tab, f"results-units-{name}")

    # Unfolded, the table of every indicator scrolls in its own frame, not the page.
    tab.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    assert sideways_scroll(tab) <= 0, (
        f"{sideways_scroll(tab)} px of sideways scroll with the tables unfolded"
    )

    # The same year on the districts, by the link, with the same province total.
    total = tab.locator("#ranked-table tfoot td").inner_text()
    choice.get_by_role("link", name="Đơn vị đến 30/06/2025").click()
    expect(tab).to_have_url("/ket-qua/?year=2025&as_of=2025-06-30")
    assert tab.locator("#ranked-table tbody tr").count() == 22
    assert tab.locator("#ranked-table tfoot td").inner_text() == total


def test_grouped_by_former_district_on_a_phone(open_page, axe_source):
    tab = open_page(PHONE)
    tab.goto("/ket-qua/?year=2025")
    tab.get_by_role("link", name="Theo huyện cũ").click()
    expect(tab.locator("#ranked-table .ranked-group__heading").first).to_be_visible()
    assert tab.locator("#ranked-table tbody tr:not(.ranked-group__heading)").count() == 95
    assert tab.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    assert serious_violations(tab, axe_source) == []
    tab.locator("#ranked-table").scroll_into_view_if_needed()
    screenshot(tab, "results-grouped-phone")


def test_coordinator_report_2025_shows_the_communes(open_page):
    tab = open_page(WIDE)
    sign_in(tab, "dieuphoi")
    tab.goto("/admin/campaigns/report/?year=2025&figures=all")
    # The table of every indicator is wider than the screen: it scrolls in its own frame.
    frame = tab.locator("#report-table").locator("xpath=..")
    assert frame.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    assert frame.evaluate("e => e.scrollWidth > e.clientWidth")
    assert tab.evaluate("document.scrollingElement.scrollWidth") <= WIDE["width"]
    expect(tab.locator("svg.dot-map")).to_be_visible()
    expect(tab.locator("#ranked-table tbody tr")).to_have_count(95)
    tab.locator(".unit-display").scroll_into_view_if_needed()
    screenshot(tab, "report-communes-desktop")
    tab.get_by_role("link", name="Đơn vị đến 30/06/2025").first.click()
    expect(tab.locator("#ranked-table tbody tr")).to_have_count(22)
    tab.locator(".unit-display").scroll_into_view_if_needed()
    screenshot(tab, "report-units-desktop")
