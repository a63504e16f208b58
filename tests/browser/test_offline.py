"""A weak signal (issue 18), with Chromium's network switched off and on: a record saved offline
reaches the server once; a refused one keeps its reason; the queue outlives the browser; two
accounts on one browser never mix queues; the get-help page opens offline after one visit."""

import json
import re
import uuid

import pytest
from playwright.sync_api import expect

from .support import (
    CHROMIUM_ARGS,
    PHONE,
    PUBLIC_PAGES,
    TIMEOUT_MS,
    screenshot,
    sign_in,
    wait_until,
)

pytestmark = pytest.mark.browser

FORM = "/admin/activity_records/new/"
STATUS = ".offline-queue__status"

COUNT_BY_PLACE = """
from campaigns.models import ActivityRecord
records = ActivityRecord.objects.filter(place={place!r})
print(records.count(), ",".join(sorted({{r.recorded_by.username for r in records}})))
"""


def records_at(site_python, place):
    out = site_python(COUNT_BY_PLACE.format(place=place)).strip().split(" ")
    return int(out[0]), (out[1] if len(out) > 1 else "")


def screen_ready(page):
    """The staff worker controls the screen and keeps a copy of it and of what it loaded."""
    wait_until(page, "navigator.serviceWorker.controller !== null")
    wait_until(
        page,
        "caches.open('staff-screens-v1').then(c => c.keys())"
        ".then(k => k.some(r => r.url.endsWith('/admin/activity_records/new/'))"
        " && k.some(r => r.url.includes('wagtailadmin/js/core.js')))",
    )


def fill_record(page, quantity, place):
    """Choose the indicator (radio buttons, no pop-up, so it works with no signal), then type."""
    page.get_by_role("radio", name="Tờ rơi phát ra").check()
    page.get_by_role("spinbutton", name="Số lượng").fill(str(quantity))
    page.get_by_role("textbox", name="Địa điểm").fill(place)


def save(page):
    page.locator("footer button[type=submit]").first.click()


def open_form(page):
    page.goto(FORM)
    expect(page.locator(STATUS)).to_be_visible()
    screen_ready(page)


def place_name():
    return f"Ấp Thử {uuid.uuid4().hex[:8]}"


def test_a_record_saved_offline_reaches_the_server_once(open_page, site_python):
    staff = open_page(PHONE)
    sign_in(staff, "canbo.tranbien")
    open_form(staff)
    second_tab = staff.context.new_page()  # a second tab that will also try to send
    second_tab.goto(FORM)
    expect(second_tab.locator(STATUS)).to_contain_text("0 bản ghi chờ gửi")
    place = place_name()
    fill_record(staff, 37, place)

    staff.context.set_offline(True)
    save(staff)
    expect(staff.locator(STATUS)).to_contain_text("Mất mạng")
    expect(staff.locator(STATUS)).to_contain_text("1 bản ghi chờ gửi")
    expect(staff.get_by_text("Không có mạng: bản ghi được giữ trên máy này")).to_be_visible()
    expect(staff.locator(".offline-queue__list")).to_contain_text("Đang chờ gửi")
    expect(staff.locator(".offline-queue__list")).to_contain_text("Tờ rơi phát ra · 37")
    staff.locator(".offline-queue").scroll_into_view_if_needed()
    screenshot(staff, "offline-queue-phone")
    assert records_at(site_python, place)[0] == 0

    staff.context.set_offline(False)  # both tabs hear "online" and try to send
    expect(staff.locator(STATUS)).to_contain_text("0 bản ghi chờ gửi")
    expect(staff.get_by_text("Đã gửi 1 bản ghi.")).to_be_visible()
    second_tab.reload()
    expect(second_tab.locator(STATUS)).to_contain_text("0 bản ghi chờ gửi")
    assert records_at(site_python, place) == (1, "canbo.tranbien")


def test_a_save_lost_in_mid_air_can_be_restored_not_sent_twice(open_page, site_python):
    """The phone believes it has a signal, but the save never gets an answer: the typing comes
    back on the form, for the user to check and save again; nothing is sent on its own."""
    staff = open_page(PHONE)
    sign_in(staff, "canbo.tranbien")
    open_form(staff)
    place = place_name()
    fill_record(staff, 21, place)
    staff.evaluate("Object.defineProperty(Navigator.prototype, 'onLine', { get: () => true })")
    staff.context.set_offline(True)
    save(staff)
    staff.wait_for_timeout(1500)  # the browser's error page: no answer came

    staff.goto(FORM)  # still offline: the worker's copy, with the draft offered back
    expect(staff.locator(STATUS)).to_contain_text("Mất mạng")
    expect(staff.get_by_text("Lần lưu vừa rồi có thể chưa tới máy chủ")).to_be_visible()
    staff.get_by_role("button", name="Khôi phục nội dung đã nhập").click()
    expect(staff.get_by_role("spinbutton", name="Số lượng")).to_have_value("21")
    expect(staff.get_by_role("textbox", name="Địa điểm")).to_have_value(place)
    expect(staff.locator(STATUS)).to_contain_text("0 bản ghi chờ gửi")
    assert records_at(site_python, place)[0] == 0

    staff.context.set_offline(False)
    save(staff)
    expect(staff.locator(".messages")).to_be_visible()
    assert records_at(site_python, place) == (1, "canbo.tranbien")
    staff.goto(FORM)  # answered: no draft any more
    expect(staff.locator(STATUS)).to_be_visible()
    expect(staff.get_by_text("Lần lưu vừa rồi có thể chưa tới máy chủ")).to_have_count(0)


LOCK_THIS_MONTH = """
import datetime
from django.utils import timezone
from campaigns.periods.models import ReportingPeriod
from taxonomy.models import AdministrativeUnit
unit = AdministrativeUnit.objects.named("26041")
month = timezone.localdate().replace(day=1)
if {lock}:
    ReportingPeriod.objects.update_or_create(unit=unit, month=month, defaults={{
        "status": ReportingPeriod.Status.APPROVED, "decided_at": timezone.now()}})
else:
    ReportingPeriod.objects.filter(unit=unit, month=month).delete()
"""


def test_a_refused_record_keeps_its_reason_until_fixed_or_discarded(open_page, site_python):
    staff = open_page(PHONE)
    sign_in(staff, "canbo.tranbien")
    open_form(staff)
    to_fix, to_discard = place_name(), place_name()
    fill_record(staff, 12, to_fix)
    staff.context.set_offline(True)
    save(staff)
    expect(staff.locator(STATUS)).to_contain_text("1 bản ghi chờ gửi")
    # The indicator stays chosen after a save: type the second record's figures only.
    staff.get_by_role("spinbutton", name="Số lượng").fill("14")
    staff.get_by_role("textbox", name="Địa điểm").fill(to_discard)
    save(staff)
    expect(staff.locator(STATUS)).to_contain_text("2 bản ghi chờ gửi")
    # Meanwhile a coordinator approves this month: the queued records are in a locked month.
    site_python(LOCK_THIS_MONTH.format(lock=True))
    try:
        staff.context.set_offline(False)
        refused = staff.locator(".offline-queue__list li.is-refused")
        expect(refused).to_have_count(2)
        expect(refused.first).to_contain_text("Bị từ chối:")
        expect(refused.first).to_contain_text("đã được duyệt")
        staff.locator(".offline-queue").scroll_into_view_if_needed()
        screenshot(staff, "offline-queue-refused-phone")
        staff.reload()  # they stay, with their reasons
        expect(staff.locator(STATUS)).to_contain_text("2 bản ghi chờ gửi")
        expect(refused.last).to_contain_text("đã được duyệt")
        assert records_at(site_python, to_fix)[0] == 0

        # Signing out asks first; declining keeps the account signed in and the queue.
        asked = []
        staff.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
        staff.evaluate("document.querySelector('form[action$=\"/logout/\"]').requestSubmit()")
        for _ in range(100):  # the question comes once the queue has been counted
            if asked:
                break
            staff.wait_for_timeout(50)
        assert asked and "2 bản ghi trên máy này chưa được gửi" in asked[0]
        staff.wait_for_timeout(500)
        expect(staff.locator(STATUS)).to_contain_text("2 bản ghi chờ gửi")
        assert staff.url.endswith(FORM)

        # Discarding removes one, after asking.
        staff.once("dialog", lambda dialog: dialog.accept())
        refused.filter(has_text="· 14").get_by_role("button", name="Bỏ").click()
        expect(staff.locator(STATUS)).to_contain_text("1 bản ghi chờ gửi")

        # Fixing the other: the form takes its values back; the coordinator reopens the month;
        # saving sends it, as fixed.
        refused.get_by_role("button", name="Sửa").click()
        expect(staff.get_by_text("Đang sửa một bản ghi chờ gửi")).to_be_visible()
        expect(staff.get_by_role("spinbutton", name="Số lượng")).to_have_value("12")
        expect(staff.get_by_role("textbox", name="Địa điểm")).to_have_value(to_fix)
        staff.get_by_role("spinbutton", name="Số lượng").fill("13")
        site_python(LOCK_THIS_MONTH.format(lock=False))
        save(staff)
        expect(staff.locator(STATUS)).to_contain_text("0 bản ghi chờ gửi")
    finally:
        site_python(LOCK_THIS_MONTH.format(lock=False))
    assert records_at(site_python, to_fix) == (1, "canbo.tranbien")
    assert records_at(site_python, to_discard)[0] == 0
    quantity = site_python(
        f"from campaigns.models import ActivityRecord\n"
        f"print(ActivityRecord.objects.get(place={to_fix!r}).quantity)"
    )
    assert quantity.strip() == "13"


def test_the_queue_outlives_closing_the_browser(
    browser, chromium_path, site_url, site_python, tmp_path
):
    place = place_name()
    profile = tmp_path / "profile"
    options = {
        "executable_path": chromium_path,
        "args": CHROMIUM_ARGS,
        "base_url": site_url,
        "viewport": PHONE,
        "locale": "vi-VN",
        "timezone_id": "Asia/Ho_Chi_Minh",
    }
    chromium = browser.browser_type  # one Playwright per session: the browser fixture's
    context = chromium.launch_persistent_context(profile, **options)
    context.set_default_timeout(TIMEOUT_MS)
    staff = context.pages[0] if context.pages else context.new_page()
    sign_in(staff, "canbo.tranbien")
    open_form(staff)
    fill_record(staff, 8, place)
    context.set_offline(True)
    save(staff)
    expect(staff.locator(STATUS)).to_contain_text("1 bản ghi chờ gửi")
    context.close()

    # Reopened with no connection: the screen opens from the worker's copy, queue intact.
    context = chromium.launch_persistent_context(profile, offline=True, **options)
    context.set_default_timeout(TIMEOUT_MS)
    staff = context.pages[0] if context.pages else context.new_page()
    staff.goto(FORM)
    expect(staff.locator(STATUS)).to_contain_text("Mất mạng")
    expect(staff.locator(STATUS)).to_contain_text("1 bản ghi chờ gửi")
    staff.goto("/admin/campaigns/my-totals/")  # the other entry screen opens offline too
    expect(staff.locator(STATUS)).to_contain_text("1 bản ghi chờ gửi")
    expect(staff.locator("table.listing").first).to_be_visible()
    assert records_at(site_python, place)[0] == 0

    context.set_offline(False)
    staff.goto(FORM)
    if "/login/" in staff.url:  # the browser kept no session cookie: sign in again
        sign_in(staff, "canbo.tranbien")
        staff.goto(FORM)
    expect(staff.locator(STATUS)).to_contain_text("0 bản ghi chờ gửi")
    context.close()
    assert records_at(site_python, place) == (1, "canbo.tranbien")


SIGN_OUT = "document.querySelector('form[action$=\"/logout/\"]').requestSubmit()"
QUEUE_LENGTH = (
    "new Promise(r => { const q = indexedDB.open('offline-queue'); q.onsuccess = () =>"
    " { const g = q.result.transaction('records').objectStore('records').getAll();"
    " g.onsuccess = () => r(g.result.length); }; })"
)


def test_two_accounts_on_one_browser_never_mix_queues(open_page, site_python):
    tab = open_page(PHONE)
    sign_in(tab, "canbo.tranbien")
    open_form(tab)
    place = place_name()
    fill_record(tab, 5, place)
    tab.context.set_offline(True)
    save(tab)
    expect(tab.locator(STATUS)).to_contain_text("1 bản ghi chờ gửi")
    # Trấn Biên closes the tab, and the session ends without signing out (expired, cookies
    # cleared) ...
    context = tab.context
    tab.close()
    context.clear_cookies()
    context.set_offline(False)
    tab = context.new_page()

    # ... and Tà Lài signs in on the same browser. Signing out at once, from the dashboard,
    # asks nothing and deletes nothing: the queue on the device is Trấn Biên's, not Tà Lài's.
    dialogs = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(tab, "canbo.talai")
    tab.evaluate(SIGN_OUT)
    tab.wait_for_url(re.compile("/admin/login/"))
    assert dialogs == []
    assert tab.evaluate(QUEUE_LENGTH) == 1

    # Signed in again, Tà Lài's screens show none of Trấn Biên's queue and send none of it.
    sign_in(tab, "canbo.talai")
    open_form(tab)
    expect(tab.locator(STATUS)).to_contain_text("0 bản ghi chờ gửi")
    tab.wait_for_timeout(1000)
    assert records_at(site_python, place)[0] == 0
    assert tab.evaluate(QUEUE_LENGTH) == 1  # still on the device, for its owner

    tab.evaluate(SIGN_OUT)
    tab.wait_for_url(re.compile("/admin/login/"))
    assert dialogs == []
    sign_in(tab, "canbo.tranbien")
    tab.goto(FORM)
    expect(tab.locator(STATUS)).to_contain_text("0 bản ghi chờ gửi")
    assert records_at(site_python, place) == (1, "canbo.tranbien")


def test_the_get_help_page_opens_offline_after_one_visit(open_page):
    reader = open_page(PHONE)
    help_path = PUBLIC_PAGES["help"]
    reader.goto(help_path)
    wait_until(reader, "navigator.serviceWorker.controller !== null")
    wait_until(
        reader,
        "caches.open('help-pages-v1').then(c => c.keys()).then(k => k.length >= 3)",
    )
    title = reader.title()

    reader.context.set_offline(True)
    reader.goto(help_path)
    assert reader.title() == title
    expect(reader.locator(".hotline-list, .hotline").first).to_be_visible()
    # The stylesheet came from the cache too: the page is laid out, not bare HTML.
    assert reader.evaluate(
        "[...document.styleSheets].some(s => s.href && s.href.includes('site.css')"
        " && s.cssRules.length > 10)"
    )
    reader.goto(PUBLIC_PAGES["browse-safely"])
    expect(reader.locator("main h1")).to_be_visible()
    screenshot(reader, "help-offline-phone")
    names = reader.evaluate("caches.keys()")
    assert names == ["help-pages-v1"]
    kept = json.loads(
        reader.evaluate(
            "caches.open('help-pages-v1').then(c => c.keys())"
            ".then(k => JSON.stringify(k.map(r => new URL(r.url).pathname)))"
        )
    )
    assert help_path in kept and PUBLIC_PAGES["browse-safely"] in kept
    assert all(p.startswith(("/tim-giup-do", "/an-toan", "/en/", "/static/")) for p in kept), kept
    # Only those pages: an article is not kept.
    with pytest.raises(Exception, match="ERR_"):
        reader.goto(PUBLIC_PAGES["article"])
    assert reader.context.cookies() == []


MONTH_START = "/admin/campaigns/entry/"
MONTH_TOTALS = """
import json
from django.db.models import Count, Sum
from django.utils import timezone
from campaigns.models import ActivityRecord
first = timezone.localdate().replace(day=1)
records = ActivityRecord.objects.filter(unit__code="26041", date__gte=first)
print(json.dumps(records.aggregate(records=Count("id"), quantity=Sum("quantity"),
                                   attendees=Sum("attendees"))))
"""


def month_totals(site_python):
    """Trấn Biên's records this month, as the server counts them."""
    totals = json.loads(site_python(MONTH_TOTALS))
    return {name: value or 0 for name, value in totals.items()}


def open_month(page):
    """The month under way of the account's one unit, kept by the worker for offline use."""
    page.goto(MONTH_START)
    expect(page).to_have_url(re.compile(r"/admin/campaigns/entry/26041/\d{4}-\d{2}/$"))
    expect(page.locator(STATUS)).to_be_visible()
    path = page.evaluate("location.pathname")
    wait_until(page, "navigator.serviceWorker.controller !== null")
    wait_until(
        page,
        "caches.open('staff-screens-v1').then(c => c.keys())"
        f".then(k => k.some(r => r.url.endsWith('{path}'))"
        " && k.some(r => r.url.includes('wagtailadmin/js/core.js')))",
    )
    return path


def fill_month(page, figures):
    """{indicator's name: its figures}. Small ones, on indicators the other tests leave alone, so
    that no month total here looks unusual (an unusual figure would ask for a reason)."""
    for name, values in figures.items():
        row = page.locator("fieldset", has_text=name)
        for place, value in enumerate(values):
            row.locator("input").nth(place).fill(str(value))


def save_month(page):
    page.get_by_role("button", name="Lưu các bản ghi của tháng").click()


def test_a_month_saved_offline_outlives_the_browser_and_reaches_the_server_once(
    browser, chromium_path, site_url, site_python, tmp_path
):
    profile = tmp_path / "profile"
    options = {
        "executable_path": chromium_path,
        "args": CHROMIUM_ARGS,
        "base_url": site_url,
        "viewport": PHONE,
        "locale": "vi-VN",
        "timezone_id": "Asia/Ho_Chi_Minh",
    }
    chromium = browser.browser_type
    context = chromium.launch_persistent_context(profile, **options)
    context.set_default_timeout(TIMEOUT_MS)
    staff = context.pages[0] if context.pages else context.new_page()
    sign_in(staff, "canbo.tranbien")
    month = open_month(staff)
    before = month_totals(site_python)

    context.set_offline(True)
    fill_month(staff, {"Buổi truyền thông": (1, 23), "Tin, bài đăng tải": (2,)})
    save_month(staff)
    expect(staff.locator(STATUS)).to_contain_text("Mất mạng")
    expect(staff.locator(STATUS)).to_contain_text("1 bản ghi chờ gửi")
    expect(
        staff.get_by_text("Không có mạng: số liệu của tháng được giữ trên máy này")
    ).to_be_visible()
    waiting = staff.locator(".offline-queue__list li")
    expect(waiting).to_contain_text("Nhập cả tháng: Phường Trấn Biên · ")
    expect(waiting).to_contain_text("Đang chờ gửi")
    staff.locator(".offline-queue").scroll_into_view_if_needed()
    screenshot(staff, "offline-queue-month-phone")
    assert month_totals(site_python) == before
    context.close()

    # Reopened with no connection: the month's form opens from the worker's copy, queue intact.
    context = chromium.launch_persistent_context(profile, offline=True, **options)
    context.set_default_timeout(TIMEOUT_MS)
    staff = context.pages[0] if context.pages else context.new_page()
    staff.goto(month)
    expect(staff.locator(STATUS)).to_contain_text("Mất mạng")
    expect(staff.locator(STATUS)).to_contain_text("1 bản ghi chờ gửi")
    expect(staff.locator(".offline-queue__list li")).to_contain_text("Phường Trấn Biên")
    expect(staff.locator("fieldset", has_text="Buổi truyền thông")).to_be_visible()
    assert month_totals(site_python) == before

    # Back online, a second tab opens too: both may try to send; the month counts once.
    context.set_offline(False)
    staff.goto(month)
    if "/login/" in staff.url:  # the browser kept no session cookie: sign in again
        sign_in(staff, "canbo.tranbien")
        staff.goto(month)
    second_tab = context.new_page()
    second_tab.goto(month)
    expect(staff.locator(STATUS)).to_contain_text("0 bản ghi chờ gửi")
    expect(second_tab.locator(STATUS)).to_contain_text("0 bản ghi chờ gửi")
    staff.reload()
    expect(staff.locator(STATUS)).to_contain_text("0 bản ghi chờ gửi")
    context.close()
    assert month_totals(site_python) == {
        "records": before["records"] + 2,
        "quantity": before["quantity"] + 3,
        "attendees": before["attendees"] + 23,
    }


def test_a_queued_month_refused_for_a_lock_keeps_its_reason(open_page, site_python):
    staff = open_page(PHONE)
    sign_in(staff, "canbo.tranbien")
    open_month(staff)
    before = month_totals(site_python)
    staff.context.set_offline(True)
    fill_month(staff, {"Pano, áp phích": (1,)})
    save_month(staff)
    expect(staff.locator(STATUS)).to_contain_text("1 bản ghi chờ gửi")
    # Meanwhile a coordinator approves the month: the queued month is refused, with the reason.
    site_python(LOCK_THIS_MONTH.format(lock=True))
    try:
        staff.context.set_offline(False)
        refused = staff.locator(".offline-queue__list li.is-refused")
        expect(refused).to_have_count(1)
        expect(refused).to_contain_text("Phường Trấn Biên")
        expect(refused).to_contain_text("Bị từ chối:")
        expect(refused).to_contain_text("đã được duyệt")
        staff.reload()  # it stays, with its reason, beside the now locked form
        expect(staff.locator("[data-month-locked]")).to_be_visible()
        expect(refused).to_contain_text("đã được duyệt")
        expect(staff.locator(STATUS)).to_contain_text("1 bản ghi chờ gửi")
        assert month_totals(site_python) == before

        # The coordinator reopens the month; "Gửi ngay" sends it, once.
        site_python(LOCK_THIS_MONTH.format(lock=False))
        staff.get_by_role("button", name="Gửi ngay").click()
        expect(staff.locator(STATUS)).to_contain_text("0 bản ghi chờ gửi")
    finally:
        site_python(LOCK_THIS_MONTH.format(lock=False))
    after = month_totals(site_python)
    assert (after["records"], after["quantity"]) == (before["records"] + 1, before["quantity"] + 1)


def test_a_month_refused_online_shows_its_errors_and_is_fixed_in_place(open_page, site_python):
    """With a signal the month is sent at once: a refusal shows each error beside its field, as
    the screen's own save does, and the corrected month replaces the refused one."""
    staff = open_page(PHONE)
    sign_in(staff, "canbo.tranbien")
    month = open_month(staff)
    before = month_totals(site_python)
    sessions = staff.locator("fieldset", has_text="Buổi truyền thông")
    sessions.locator("input").nth(0).fill("1")  # the attendees are missing
    save_month(staff)
    expect(sessions.locator(".error-message")).to_have_text(
        "Hãy nhập lượt người tham dự cho Buổi truyền thông."
    )
    expect(staff.locator(".offline-queue__message")).to_contain_text(
        "Chưa lưu được số liệu của tháng: Buổi truyền thông (Lượt người tham dự):"
    )
    expect(staff.locator(".offline-queue__list li.is-refused")).to_have_count(1)
    expect(sessions.locator("input").nth(0)).to_have_value("1")  # the typing is still there
    assert month_totals(site_python) == before

    sessions.locator("input").nth(1).fill("20")
    save_month(staff)
    expect(staff.locator(".messages")).to_contain_text("1 bản ghi tháng")
    expect(staff).to_have_url(re.compile(month.replace("/entry/", "/reports/") + "$"))
    staff.goto(month)
    expect(staff.locator(STATUS)).to_contain_text("0 bản ghi chờ gửi")
    after = month_totals(site_python)
    assert (after["records"], after["attendees"]) == (
        before["records"] + 1,
        before["attendees"] + 20,
    )
