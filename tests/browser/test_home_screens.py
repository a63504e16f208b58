"""Each role's home screen after signing in, and the month's entry form on a phone: what local
staff, editors and coordinators see first, in Vietnamese, without sideways scrolling."""

import re

import pytest
from playwright.sync_api import expect

from .support import screenshot, sideways_scroll, sign_in
from .test_accessibility import serious_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
WIDE = {"width": 1366, "height": 900}


def test_local_staff_fill_in_their_month_on_a_phone(open_page, axe_source):
    tab = open_page(PHONE)
    sign_in(tab, "canbo.tranbien")
    home = tab.get_by_role("region", name="Đơn vị của bạn tháng này")
    record = home.get_by_role("link", name="Ghi kết quả")
    expect(record).to_be_visible()
    # The big button fits the phone, its icon the size of its text.
    assert record.bounding_box()["width"] < PHONE["width"] - 40
    assert record.locator("svg").bounding_box()["width"] < 40
    expect(home.get_by_role("heading", name="Phường Trấn Biên")).to_be_visible()
    expect(home).to_contain_text("Tháng này (12/2026)")
    assert sideways_scroll(tab) <= 0
    screenshot(tab, "home-local-staff-phone")

    # The whole month on one screen: each indicator with last month's and last year's figures.
    home.get_by_role("link", name="Nhập cả tháng").click()
    expect(tab).to_have_url(re.compile(r"/admin/campaigns/entry/26041/2026-12/$"))
    sessions = tab.locator("fieldset", has_text="Buổi truyền thông")
    expect(sessions).to_contain_text("Tháng trước (11/2026):")
    expect(sessions).to_contain_text("Cùng kỳ năm trước (12/2025):")
    broadcasts = tab.locator("fieldset", has_text="Phát thanh trên loa, đài")
    expect(broadcasts).to_contain_text("không bắt buộc")  # minutes are optional
    assert sideways_scroll(tab) <= 0
    assert serious_violations(tab, axe_source) == []
    sessions.locator("input").nth(0).fill("1")
    sessions.locator("input").nth(1).fill("25")
    broadcasts.locator("input").nth(0).fill("2")
    screenshot(tab, "month-entry-phone")
    tab.get_by_role("button", name="Lưu các bản ghi của tháng").click()

    # Saved as two records of the month, and back on the month's screen.
    expect(tab.locator(".messages")).to_contain_text("2 bản ghi tháng 12/2026")
    expect(tab).to_have_url(re.compile(r"/admin/campaigns/reports/26041/2026-12/$"))


def test_an_editor_starts_from_writing_and_their_drafts(open_page):
    tab = open_page(PHONE)
    sign_in(tab, "bientap")
    main = tab.locator("main")
    expect(main.get_by_role("link", name="Viết bài")).to_be_visible()
    expect(main).to_contain_text("Bản nháp của tôi")
    assert sideways_scroll(tab) <= 0
    screenshot(tab, "home-editor-phone")


def test_a_coordinator_sees_what_awaits_them(open_page, axe_source):
    tab = open_page(WIDE)
    sign_in(tab, "dieuphoi")
    main = tab.locator("main")
    expect(main).to_contain_text("tháng chờ duyệt")
    expect(main.locator("[data-reporting-rate]")).to_contain_text("đơn vị đã báo cáo")
    # Most of 95 units have not reported in the month's first days: one folded line says how many.
    not_reported = main.locator("details", has=tab.locator("summary", has_text="Chưa báo cáo:"))
    expect(not_reported.locator("summary")).to_have_text(re.compile(r"^Chưa báo cáo: \d+ đơn vị$"))
    expect(not_reported).not_to_have_attribute("open", "")
    assert sideways_scroll(tab) <= 0
    assert serious_violations(tab, axe_source) == []
    screenshot(tab, "home-coordinator-desktop")
