"""Finding one's place after the 2025 reform on a phone: the area filter groups today's communes
under the former districts, a former district's page leads to the communes that took it over,
and the get-help page lists the contact points of today's communes and wards."""

import re

import pytest
from playwright.sync_api import expect

from .support import screenshot, scroll_below_the_hotline_bar, sideways_scroll
from .test_accessibility import serious_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def test_a_reader_finds_the_articles_of_a_commune_under_its_former_district(open_page, axe_source):
    tab = open_page(PHONE)
    tab.goto("/tin-tuc/")
    tab.locator("summary.filters__toggle").click()
    areas = tab.locator("details.facet", has=tab.locator("summary", has_text="Địa bàn"))
    areas.locator("summary").first.click()
    xuan_loc = areas.locator("details.facet__group", has_text="Huyện Xuân Lộc (cũ)")
    xuan_loc.locator("summary").click()
    expect(
        xuan_loc.get_by_role("link", name=re.compile(r"^Toàn bộ Huyện Xuân Lộc \(cũ\)"))
    ).to_be_visible()
    assert sideways_scroll(tab) <= 0
    assert serious_violations(tab, axe_source) == []
    scroll_below_the_hotline_bar(xuan_loc)
    screenshot(tab, "areas-filter-phone")

    xuan_loc.get_by_role("link", name=re.compile(r"^Xã Xuân Lộc ")).click()
    expect(tab).to_have_url(re.compile(r"/tin-tuc/\?district=\d{5}$"))
    expect(tab.locator(".results__count")).to_contain_text("kết quả")
    assert tab.locator(".card-grid .card").count() > 0


def test_a_former_districts_page_leads_to_todays_communes(open_page, axe_source):
    tab = open_page(PHONE)
    tab.goto("/dia-ban/741/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Huyện Xuân Lộc (cũ)")
    expect(tab.get_by_text("Đơn vị này đã kết thúc ngày 30/06/2025")).to_be_visible()
    today = tab.locator("section", has=tab.get_by_role("heading", name="Địa bàn nay thuộc"))
    assert today.get_by_role("link").count() >= 5
    assert sideways_scroll(tab) <= 0
    assert serious_violations(tab, axe_source) == []

    today.get_by_role("link", name="Xã Xuân Lộc").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Xã Xuân Lộc")
    expect(tab.get_by_text("Thành lập ngày 01/07/2025 từ các xã của:")).to_be_visible()
    expect(tab.locator(".contact-card")).to_contain_text("Ủy ban nhân dân xã Xuân Lộc")


def test_the_help_page_lists_the_contact_points_of_todays_communes(open_page, axe_source):
    tab = open_page(PHONE)
    tab.goto("/tim-giup-do/")
    groups = tab.locator("details.contact-group")
    assert groups.count() >= 11
    assert tab.locator(".contact-card").count() == 95
    expect(tab.get_by_text("Phòng Lao động")).to_have_count(0)  # abolished in 2025
    bien_hoa = groups.filter(has_text="Thành phố Biên Hòa (cũ)")
    bien_hoa.locator("summary").click()
    expect(bien_hoa.locator(".contact-card").first).to_be_visible()
    assert sideways_scroll(tab) <= 0
    assert serious_violations(tab, axe_source) == []
    scroll_below_the_hotline_bar(bien_hoa)
    screenshot(tab, "help-contacts-phone")
