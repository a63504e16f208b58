"""Reading on a phone: the filters above the results, no sideways scrolling, the quick exit's keys
and safer browsing, sharing, and links that stay on the served site."""

import re

import pytest
from playwright.sync_api import expect

from .support import (
    DESKTOP,
    NEUTRAL_TITLE,
    NOT_FOUND,
    PHONE,
    PUBLIC_PAGES,
    screenshot,
    sideways_scroll,
)

pytestmark = pytest.mark.browser

AUDIENCE = "/danh-cho/cong-nhan-lao-dong/"


@pytest.fixture
def not_found_page(site_url, site_python):
    """The site's own 404 page at an unknown address. The served site runs with DEBUG on, where
    Django answers 404 with its technical page instead, so the site's page is rendered by the
    served site's Django and handed to the browser at that address."""
    html = site_python(
        "from django.http import Http404; from django.test import RequestFactory;"
        " from django.views.defaults import page_not_found;"
        f" request = RequestFactory(HTTP_HOST='127.0.0.1').get('{NOT_FOUND}');"
        " print(page_not_found(request, Http404()).content.decode())"
    )
    assert "Không tìm thấy trang" in html

    def serve(route):
        route.fulfill(status=404, body=html, content_type="text/html; charset=utf-8")

    return serve


@pytest.mark.parametrize("name", [*PUBLIC_PAGES, "not-found", "english-home"])
def test_no_page_scrolls_sideways_on_a_phone(open_page, request, name):
    tab = open_page(PHONE)
    path = {"not-found": NOT_FOUND, "english-home": "/en/"}.get(name) or PUBLIC_PAGES[name]
    if name == "not-found":
        tab.route(f"**{NOT_FOUND}", request.getfixturevalue("not_found_page"))
    response = tab.goto(path)
    assert response.status == (404 if name == "not-found" else 200)
    expect(tab.locator(".safety-bar")).to_be_visible()  # the site's page, styled
    assert sideways_scroll(tab) <= 0, f"{path}: {sideways_scroll(tab)} px of sideways scroll"
    # Nor with every filter, facet and disclosure unfolded.
    tab.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    assert sideways_scroll(tab) <= 0, f"{path} unfolded: {sideways_scroll(tab)} px"


def test_on_a_phone_the_first_result_shows_on_the_first_screen(open_page):
    tab = open_page(PHONE)
    tab.goto(AUDIENCE)
    filters = tab.locator("[data-filter-panel]")
    expect(filters).not_to_have_attribute("open", "")
    filters.locator("summary", has_text="Lọc").click()
    filters.locator("details.facet > summary", has_text="Địa bàn").click()
    filters.locator("summary", has_text="Huyện Nhơn Trạch (cũ)").click()
    whole = re.compile(r"^Toàn bộ Huyện Nhơn Trạch \(cũ\) \(\d+\)$")
    expect(filters.get_by_role("link", name=whole)).to_be_visible()
    filters.get_by_role("link", name=whole).click()
    expect(tab).to_have_url(re.compile(r"\?district=742$"))

    # The filters fold away again, saying how many are chosen; the results start on screen.
    expect(tab.locator(".filters__toggle")).to_have_text("Lọc (đã chọn 1)")
    expect(tab.locator(".results .card").first).to_be_in_viewport()
    screenshot(tab, "audience-filtered-phone")
    filtered = tab.locator(".results .card").count()

    # "Clear all filters" clears them.
    tab.get_by_role("link", name="Bỏ tất cả bộ lọc").click()
    expect(tab).to_have_url(re.compile(rf"{AUDIENCE}$"))
    expect(tab.locator(".filters__toggle")).to_have_text("Lọc")
    assert tab.locator(".results .card").count() > filtered


def test_on_a_desktop_the_filters_stand_beside_the_results(open_page):
    tab = open_page(DESKTOP)
    tab.goto(AUDIENCE)
    expect(tab.locator("[data-filter-panel]")).to_have_attribute("open", "")
    expect(tab.locator("details.facet > summary", has_text="Địa bàn")).to_be_visible()


def test_esc_while_typing_in_the_search_box_does_not_leave(page, size):
    page.goto("/tim-kiem/")
    box = page.get_by_label("Tìm tin bài, áp phích, tờ rơi và nơi tìm giúp đỡ")
    box.fill("lua dao")
    box.press("Escape")
    page.wait_for_timeout(300)
    expect(page).to_have_title(re.compile("Tìm kiếm"))
    # Away from the box, Esc leaves.
    page.locator("h1").click()
    page.keyboard.press("Escape")
    page.wait_for_url("**/thoi-tiet/")


def test_esc_with_a_filter_open_folds_it_and_only_then_leaves(page, size):
    page.goto(AUDIENCE)
    facet = page.locator("details.facet", has=page.locator("summary", has_text="Địa bàn"))
    if size == "phone":
        page.locator(".filters__toggle").click()
    facet.locator(":scope > summary").click()
    expect(facet).to_have_attribute("open", "")
    group = facet.locator("details.facet__group", has_text="Huyện Nhơn Trạch (cũ)")
    group.locator("summary").click()
    expect(group).to_have_attribute("open", "")
    page.keyboard.press("Escape")  # the innermost open list folds first
    expect(group).not_to_have_attribute("open", "")
    page.keyboard.press("Escape")
    expect(facet).not_to_have_attribute("open", "")
    expect(page).to_have_url(re.compile(rf"{AUDIENCE}$"))
    if size == "phone":  # the "Lọc" control the reader opened folds next
        page.keyboard.press("Escape")
        expect(page.locator("[data-filter-panel]")).not_to_have_attribute("open", "")
    page.keyboard.press("Escape")
    page.wait_for_url("**/thoi-tiet/")


def test_shift_held_for_capital_letters_does_not_leave(page, size):
    page.goto("/")
    for _ in range(3):
        page.keyboard.press("Shift+A")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    expect(page.get_by_role("heading", level=1)).to_have_text("Phòng, chống mua bán người")


def test_safer_browsing_makes_back_leave_the_site_after_a_quick_exit(page, neutral_url):
    page.goto(neutral_url)  # where the reader was before the site
    page.goto("/an-toan-khi-truy-cap/")
    switch = page.get_by_role("checkbox", name="Duyệt web an toàn hơn")
    switch.check()
    screenshot(page, "safer-browsing-phone" if page.viewport_size == PHONE else "safer-browsing")
    assert page.evaluate("localStorage.getItem('saferBrowsing')") == "on"
    assert page.context.cookies() == []
    entries = page.evaluate("history.length")

    # Read on: a menu link, an article.
    page.get_by_role("navigation", name="Chính").get_by_role("link", name="Tin tức").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tin tức")
    page.locator(".card__title a").first.click()
    page.wait_for_url(re.compile(r"/tin-tuc/.+/"))
    assert page.evaluate("history.length") == entries  # each page took the last one's place

    page.get_by_role("link", name="Thoát nhanh").click()
    page.wait_for_url("**/thoi-tiet/")
    page.go_back()
    expect(page).to_have_url(neutral_url)  # out of the site: nothing read there is in history

    # The setting stays in this browser until the reader switches it off.
    page.goto("/an-toan-khi-truy-cap/")
    expect(switch).to_be_checked()
    switch.uncheck()
    assert page.evaluate("localStorage.getItem('saferBrowsing')") is None


def test_share_through_the_phones_share_sheet_or_by_copying_the_link(page, size):
    # Playwright's Chromium has no share sheet; stand in for the phone's.
    page.add_init_script(
        "navigator.share = (data) => { window.sharedWith = data; return Promise.resolve(); };"
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(PUBLIC_PAGES["poster"])
    address = page.locator("[data-share-url]").input_value()
    assert address == page.url
    zalo = page.get_by_role("link", name="Zalo")
    expect(zalo).to_have_attribute("href", re.compile(r"^https://sp\.zalo\.me/share_inline\?url="))

    page.get_by_role("button", name="Chia sẻ qua ứng dụng khác").click()
    assert page.evaluate("window.sharedWith.url") == address

    page.get_by_role("button", name="Sao chép", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Đã sao chép")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == address


def test_without_a_share_sheet_no_share_button_shows(page, size):
    page.add_init_script("delete Navigator.prototype.share;")  # as in most desktop browsers
    page.goto(PUBLIC_PAGES["article"])
    expect(page.get_by_role("link", name="Facebook")).to_be_visible()
    expect(page.locator("[data-share-native]")).to_be_hidden()


def test_the_english_link_stays_on_the_served_site(page, site_url, size):
    page.goto("/")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{site_url}/en/")
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical == f"{site_url}/en/"
    expect(page).not_to_have_title(NEUTRAL_TITLE)
