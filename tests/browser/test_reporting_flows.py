"""Monthly reporting in the browser: a commune submits its month, the coordinator approves it
with the keyboard, the month is locked for the commune, the coordinator's XLSX report holds
the numbers the totals service gives, and a reopening with a reason unlocks the month and shows
in its history.

Tà Lài's November 2026 is used: the demo leaves it open (months up to September 2026 are
approved, October is under review), and Trấn Biên's current month, which the staff-flow test
records into, stays open too.
"""

import io
import json
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from .support import DESKTOP, screenshot, sign_in

pytestmark = pytest.mark.browser

UNIT, MONTH = "26134", "2026-11"
PERIOD_URL = f"/admin/campaigns/reports/{UNIT}/{MONTH}/"
LOCKED = "nên không thể sửa số liệu nữa"  # from the approved month's refusal (periods.lock_reason)

# The totals service's approved figures for the month (the report's default), by commune and for
# the province, as JSON.
TOTALS = """
import datetime, json
from campaigns.totals import Filters, totals
from taxonomy.geography import Geography

november = datetime.date(2026, 11, 1), datetime.date(2026, 11, 30)
month = Filters(date_from=november[0], date_to=november[1], approved_only=True)
found = {"units": {}, "total": {}}
for row in totals(("unit", "indicator"), month, geography=Geography(november[1])):
    sums = found["units"].setdefault(row["unit"].code, {})
    sums[row["indicator"].name] = [row["quantity"], row["attendees"], row["minutes"]]
for row in totals(("indicator",), month):
    found["total"][row["indicator"].name] = [row["quantity"], row["attendees"], row["minutes"]]
print(json.dumps(found))
"""


def tab_to(tab, target, limit=2000):
    """Press Tab until `target` has the focus, as a keyboard user would reach it."""
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        tab.keyboard.press("Tab")
    pytest.fail(f"{target} was not reached with {limit} presses of Tab")


def test_coordinator_approves_a_month_and_downloads_its_report(open_page, site_python):
    # The district submits its month from the monthly-reports screen.
    district = open_page(DESKTOP)
    sign_in(district, "canbo.talai")
    district.goto("/admin/campaigns/reports/?year=2026")
    # One unit's months run down the screen, a row each.
    row = district.locator("table.listing tbody tr", has_text="11/2026")
    row.get_by_role("link").click()
    expect(district).to_have_url(re.compile(re.escape(PERIOD_URL) + "$"))
    district.get_by_role("button", name="Gửi", exact=True).click()
    # Asked first, with the month's totals to check.
    expect(district.get_by_role("heading", level=1)).to_contain_text("Gửi báo cáo tháng 11/2026")
    expect(district.locator("table.listing")).to_contain_text("Tờ rơi")
    screenshot(district, "period-confirm-submit-desktop")
    district.get_by_role("button", name="Gửi báo cáo", exact=True).click()
    expect(district.locator(".messages")).to_contain_text("Đã gửi báo cáo tháng")
    expect(district.locator("[data-status]").first).to_have_text("Đã gửi")

    # The coordinator opens it from the same screen and approves it with the keyboard alone.
    coordinator = open_page(DESKTOP)
    sign_in(coordinator, "dieuphoi")
    coordinator.goto("/admin/campaigns/reports/?year=2026")
    cell = coordinator.locator("table.listing tbody tr", has_text="Tà Lài").locator("td").nth(10)
    expect(cell).to_contain_text("Đã gửi")
    tab_to(coordinator, cell.get_by_role("link"))
    coordinator.keyboard.press("Enter")
    expect(coordinator).to_have_url(re.compile(re.escape(PERIOD_URL) + "$"))
    approve = coordinator.get_by_role("button", name="Duyệt", exact=True)
    tab_to(coordinator, approve)
    coordinator.keyboard.press("Enter")
    lock = coordinator.get_by_role("button", name="Duyệt và khóa tháng")
    tab_to(coordinator, lock)
    coordinator.keyboard.press("Enter")
    expect(coordinator.locator(".messages")).to_contain_text("số liệu tháng này đã được khóa")
    expect(coordinator.locator("[data-status]").first).to_have_text("Đã duyệt")
    expect(coordinator.get_by_role("button", name="Mở lại")).to_be_visible()
    screenshot(coordinator, "period-approved-desktop")

    # The district can no longer change a record of that month: the form says why.
    district.goto(PERIOD_URL)
    expect(district.locator("[data-status]").first).to_have_text("Đã duyệt")
    district.get_by_role("link", name="Xem các bản ghi của tháng").click()
    rows = district.locator("table.listing tbody tr")
    expect(rows.first).to_contain_text("/11/2026")
    rows.first.locator("a[href*='/edit/']").click()
    before = district.locator("#id_quantity").input_value()
    # The approved month's record opens read-only, with the reason and nothing to save.
    expect(district.locator("main")).to_contain_text(LOCKED)
    expect(district.locator("#id_quantity")).to_be_disabled()
    expect(district.locator("#w-editor-form button[type=submit]")).to_have_count(0)
    screenshot(district, "record-locked-desktop")

    # The coordinator's report for November 2026, downloaded with the keyboard: approved months
    # only, so Tà Lài's figures and none of the communes still open.
    coordinator.goto("/admin/campaigns/report/")
    coordinator.get_by_label("Kỳ", exact=True).select_option("month")
    coordinator.get_by_label("Năm", exact=True).fill("2026")
    coordinator.get_by_label("Tháng", exact=True).select_option("11")
    coordinator.get_by_role("button", name="Xem", exact=True).click()
    expect(coordinator.locator("#report-table")).to_be_visible()
    screenshot(coordinator, "report-desktop")
    link = coordinator.get_by_role("link", name="Tải tệp XLSX")
    tab_to(coordinator, link)
    with coordinator.expect_download() as download:
        coordinator.keyboard.press("Enter")
    assert download.value.suggested_filename == "bao-cao-20261101-20261130.xlsx"
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    header, *rows = list(sheet.iter_rows(values_only=True))

    expected = json.loads(site_python(TOTALS))
    assert set(expected["units"]) == {UNIT}, "only Tà Lài's November 2026 is approved"
    spreadsheet = {(code or ""): values for code, _name, *values in rows}
    assert set(spreadsheet) == {*expected["units"], ""}
    for code, sums in [*expected["units"].items(), ("", expected["total"])]:
        assert as_measures(header, spreadsheet[code]) == fill_missing(sums, header), code

    # The coordinator reopens the month with a reason; the history shows every step.
    coordinator.goto(PERIOD_URL)
    reason = "Tà Lài bổ sung một buổi sinh hoạt"
    coordinator.get_by_label("Lý do mở lại").fill(reason)
    coordinator.get_by_role("button", name="Mở lại", exact=True).click()
    expect(coordinator.locator(".messages")).to_contain_text("Đã mở lại báo cáo tháng")
    expect(coordinator.locator("[data-status]").first).to_have_text("Đã mở lại")
    history = coordinator.locator("h2:text('Lịch sử') + table tbody")
    for step in ("Đã gửi báo cáo tháng", "Đã duyệt báo cáo tháng", "Đã mở lại báo cáo tháng"):
        expect(history).to_contain_text(step)
    expect(history.locator("tr", has_text="Đã mở lại báo cáo tháng")).to_contain_text(reason)
    screenshot(coordinator, "period-reopened-desktop")

    # The commune may change its November record again.
    edit_url = district.url
    district.goto(edit_url)
    district.locator("#id_quantity").fill(str(int(before) + 1))
    district.locator("footer button[type=submit]").first.click()
    expect(district).not_to_have_url(edit_url)  # saved: back to the list
    district.goto(edit_url)
    expect(district.locator("#id_quantity")).to_have_value(str(int(before) + 1))


def as_measures(header, values):
    """A spreadsheet row as {indicator name: [quantity, attendees or None, minutes or None]}.

    The report's columns are "<indicator> (<unit>)" for the quantity and "<indicator>: <measure>"
    for its second measure (attendees for sessions, minutes for broadcasts).
    """
    found = {}
    for label, value in zip(header[2:], values, strict=True):
        if label.endswith(")") and " (" in label:
            found.setdefault(label.rsplit(" (", 1)[0], [None, None, None])[0] = value
        else:
            name, measure = label.rsplit(": ", 1)
            slot = 1 if "tham" in measure else 2  # "người tham dự" or "phút"
            found.setdefault(name, [None, None, None])[slot] = value
    return found


def fill_missing(sums, header):
    """The totals service's sums as the spreadsheet shows them: an indicator without records is
    0, and a second measure the indicator has but no record filled is 0 too."""
    shown = as_measures(header, [0] * (len(header) - 2))
    return {
        name: [
            (sums.get(name, [None] * 3)[slot] or 0) if zero is not None else None
            for slot, zero in enumerate(columns)
        ]
        for name, columns in shown.items()
    }
