"""What a member of the public does, on a phone (360x740) and on a desktop."""

import re

import pytest
from playwright.sync_api import expect

from .support import NEUTRAL_TITLE, screenshot, wait_until

pytestmark = pytest.mark.browser

AUDIENCE = "Công nhân lao động"
DISTRICT = "Nhơn Trạch"
ARTICLE = "Công nhân Nhơn Trạch học cách kiểm tra hợp đồng đi làm việc ở nước ngoài"
OTHER_DISTRICT_ARTICLE = "Sinh viên tình nguyện mang tờ rơi đến khu nhà trọ công nhân ở Trảng Bom"
LEAFLET = "Cẩm nang nhận diện thủ đoạn mua bán người"


def result_titles(page):
    return page.locator(".results .card__title").all_inner_texts()


def test_from_home_to_a_downloaded_leaflet(page, size):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Phòng, chống mua bán người")
    screenshot(page, f"home-{size}")

    # The audience's entry point in "Dành cho bạn".
    for_you = page.locator("section.for-you")
    expect(for_you.get_by_role("heading", name="Dành cho bạn")).to_be_visible()
    for_you.get_by_role("link", name=AUDIENCE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Dành cho {AUDIENCE}")
    unfiltered = result_titles(page)
    assert OTHER_DISTRICT_ARTICLE in unfiltered
    screenshot(page, f"audience-{size}")

    # Filter by area: open the filters (unfolded already beside the results on a desktop), then
    # the area facet and the former district, and pick the whole of it.
    filters = page.locator("aside.filters")
    if size == "phone":
        filters.locator("summary", has_text="Lọc").click()
    filters.locator("summary", has_text="Địa bàn").click()
    filters.locator("summary", has_text=f"Huyện {DISTRICT} (cũ)").click()
    filters.get_by_role("link", name=re.compile(rf"^Toàn bộ Huyện {DISTRICT} \(cũ\)")).click()
    expect(page).to_have_url(re.compile(r"\?district=742$"))
    expect(filters.locator("[aria-current=true]")).to_contain_text(DISTRICT)
    filtered = result_titles(page)
    expect(page.locator(".results__count")).to_have_text(f"{len(filtered)} kết quả")
    assert ARTICLE in filtered
    assert OTHER_DISTRICT_ARTICLE not in filtered
    assert len(filtered) < len(unfiltered)

    # Open the article.
    page.locator(".results").get_by_role("link", name=ARTICLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE)
    expect(page.locator("article.publication .taxonomy")).to_contain_text(DISTRICT)
    screenshot(page, f"article-{size}")

    # The materials library, from the main navigation.
    page.get_by_role("navigation", name="Chính").get_by_role(
        "link", name="Tài liệu truyền thông"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tài liệu truyền thông")
    screenshot(page, f"materials-{size}")

    # A leaflet: its size is shown before the download, and the download is that PDF.
    page.locator(".results").get_by_role("link", name=LEAFLET).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(LEAFLET)
    size_label = page.locator(".downloads__size")
    expect(size_label).to_have_text(re.compile(r"\(PDF, [\d,.]+\s+KB\)"))
    screenshot(page, f"leaflet-{size}")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải tệp PDF").click()
    download = download_info.value
    assert download.failure() is None
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        content = pdf.read()
    assert content.startswith(b"%PDF-")
    shown_kb = float(re.search(r"\d[\d,.]*", size_label.inner_text()).group().replace(",", "."))
    assert abs(len(content) / 1024 - shown_kb) < 1


def test_search_without_diacritics_finds_the_article(page, size):
    page.goto("/")
    page.get_by_role("navigation", name="Chính").get_by_role("link", name="Tìm kiếm").click()
    box = page.get_by_label("Tìm tin bài, áp phích, tờ rơi và nơi tìm giúp đỡ")
    box.fill("lua dao")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"\?q=lua\+dao$"))
    expect(page.locator(".results__count")).to_contain_text('kết quả cho "lua dao"')
    titles = page.locator(".search-result__title").all_inner_texts()
    assert "Nhận diện lời mời “việc nhẹ lương cao” trên mạng xã hội" in titles
    assert "Học sinh Xuân Lộc đóng vai xử lý tình huống bị dụ dỗ" not in titles
    screenshot(page, f"search-{size}")

    # The same results with the accents typed.
    box = page.get_by_label("Tìm tin bài, áp phích, tờ rơi và nơi tìm giúp đỡ")
    box.fill("lừa đảo")
    box.press("Enter")
    expect(page.locator(".results__count")).to_contain_text('kết quả cho "lừa đảo"')
    assert sorted(page.locator(".search-result__title").all_inner_texts()) == sorted(titles)


@pytest.mark.parametrize(
    "path", ["/", "/tin-tuc/", "/tin-tuc/nhan-dien-loi-moi-viec-nhe-luong-cao/", "/tai-lieu/"]
)
def test_the_hotline_is_visible_without_scrolling(page, size, path):
    page.goto(path)
    hotline = page.locator(".safety-bar__hotline")
    expect(hotline).to_be_in_viewport(ratio=1)
    expect(hotline).to_have_attribute("href", "tel:111")
    expect(hotline).to_contain_text("111")
    expect(page.get_by_role("link", name="Thoát nhanh")).to_be_in_viewport(ratio=1)
    # Still there after scrolling to the bottom: the bar is sticky.
    page.keyboard.press("End")
    wait_until(page, "window.scrollY > 0 || document.body.scrollHeight <= innerHeight")
    expect(hotline).to_be_in_viewport(ratio=1)


def leave_quickly(page, how):
    page.goto("/")
    page.locator(".card__title a").first.click()
    page.wait_for_url(re.compile(r"/tin-tuc/.+/"))
    article_url = page.url
    expect(page.locator("[data-quick-exit-hint]")).to_have_text(
        "hoặc nhấn Esc, hay nhấn Shift 3 lần"
    )
    if how == "button":
        page.get_by_role("link", name="Thoát nhanh").click()
    elif how == "escape":
        page.keyboard.press("Escape")
    else:  # GOV.UK's pattern: Shift three times
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url("**/thoi-tiet/")
    expect(page).to_have_title(NEUTRAL_TITLE)
    return article_url


@pytest.mark.parametrize("how", ["button", "escape", "shift"])
def test_quick_exit_leaves_and_back_does_not_return(page, how):
    article_url = leave_quickly(page, how)
    page.go_back()
    # The article was replaced in the tab's history: Back lands on the page before it.
    expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/$"))
    assert page.url != article_url
    expect(page.get_by_role("heading", level=1)).to_have_text("Phòng, chống mua bán người")
