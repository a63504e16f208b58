"""The Results page for 2025, the year of the reform: the 95 communes and wards ranked beside a
dot map of the province, readable on a phone (360x740) and on a desktop (1366x900)."""

import pytest
from playwright.sync_api import expect

from .support import screenshot

pytestmark = pytest.mark.browser

WIDE = {"width": 1366, "height": 900}
PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize(("name", "viewport"), [("phone", PHONE), ("desktop", WIDE)])
def test_results_2025_ranks_and_maps_the_95_communes(open_page, name, viewport):
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

    width = tab.evaluate("document.scrollingElement.scrollWidth")
    assert width <= viewport["width"], f"{width - viewport['width']} px of sideways scroll"

    # The heading just below the sticky hotline bar.
    tab.evaluate("document.getElementById('units-heading').scrollIntoView()")
    tab.evaluate("window.scrollBy(0, -document.querySelector('.safety-bar').offsetHeight - 8)")
    screenshot(tab, f"results-units-{name}")

    # The same year on the districts, by the link, with the same province total.
    total = tab.locator("#ranked-table tfoot td").inner_text()
    choice.get_by_role("link", name="Đơn vị đến 30/06/2025").click()
    expect(tab).to_have_url("/ket-qua/?year=2025&as_of=2025-06-30")
    assert tab.locator("#ranked-table tbody tr").count() == 22
    assert tab.locator("#ranked-table tfoot td").inner_text() == total
