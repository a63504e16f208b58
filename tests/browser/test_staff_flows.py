"""What staff do in the Wagtail admin, with the demo accounts. The monthly approval and the
report download are in test_reporting_flows.py."""

import re

import pytest
from playwright.sync_api import expect

from .support import DESKTOP, PHONE, open_editor, screenshot, sign_in

pytestmark = pytest.mark.browser

TITLE = "Cảnh giác với tin tuyển người mẫu ảnh online"
STANDFIRST = "Lời mời chụp ảnh mẫu trả công cao qua mạng có thể là cái bẫy."
BODY = "Đừng gửi ảnh giấy tờ tùy thân cho người tuyển dụng mà bạn chưa gặp."


def test_editor_submits_an_article_and_moderator_publishes_it(open_page, page_id):
    editor = open_page(DESKTOP)
    sign_in(editor, "bientap")
    open_editor(editor, f"/admin/pages/add/news/articlepage/{page_id('/trang-chu/tin-tuc/')}/")
    editor.locator("#id_title").fill(TITLE)
    editor.locator("#id_standfirst").fill(STANDFIRST)
    expect(editor.locator("#id_publication_date")).not_to_have_value("")
    editor.get_by_role("checkbox", name="Học sinh, sinh viên").check()
    editor.get_by_role("button", name="Chèn khối").click()
    editor.get_by_role("option", name="Nội dung").click()
    body = editor.locator("[contenteditable=true]").first
    body.click()
    editor.keyboard.type(BODY)
    expect(body).to_contain_text(BODY)
    # The editor copies the text into the form 250 ms after the last key (Draftail's
    # stateSaveInterval); a person takes longer than that to reach the submit button.
    expect(editor.locator("input[name=body-0-value]")).to_have_value(re.compile(re.escape(BODY)))

    # Submit for moderation, from the footer's "more actions" menu.
    editor.locator("footer .w-dropdown__toggle").click()
    editor.locator("footer button[name=action-submit]").click()
    expect(editor.locator(".messages")).to_contain_text(TITLE)
    article_id = page_id_by_title(editor, TITLE)

    # Not public yet.
    visitor = open_page(DESKTOP)
    response = visitor.goto("/tin-tuc/canh-giac-voi-tin-tuyen-nguoi-mau-anh-online/")
    assert response.status == 404

    # The moderator approves it, which publishes it.
    moderator = open_page(DESKTOP)
    sign_in(moderator, "kiemduyet")
    # The dashboard lists it as awaiting review.
    expect(moderator.locator("main")).to_contain_text(TITLE)
    moderator.goto(f"/admin/pages/{article_id}/edit/")
    # Read it first: approving before the editor's scripts have built the body would post an
    # empty body.
    expect(moderator.locator("[contenteditable=true]").first).to_contain_text(BODY)
    approve = moderator.locator(
        "footer button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    )
    if not approve.is_visible():
        moderator.locator("footer .w-dropdown__toggle").click()
    approve.click()
    expect(moderator.locator(".messages")).to_contain_text(TITLE)

    # And the public sees it: in the news list and on its own page.
    visitor.goto("/tin-tuc/")
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    # Its address, which the editor's slug field made from the title, is in plain letters.
    expect(visitor).to_have_url(
        re.compile(r"/tin-tuc/canh-giac-voi-tin-tuyen-nguoi-mau-anh-online/$")
    )
    expect(visitor.locator("article.publication")).to_contain_text(BODY)


def page_id_by_title(tab, title):
    """The page's id, from the admin's own search (what an editor would do to find it)."""
    tab.goto(f"/admin/pages/search/?q={title}")
    link = tab.locator("a[href*='/edit/']", has_text=title).first
    return int(re.search(r"/admin/pages/(\d+)/edit/", link.get_attribute("href")).group(1))


def my_totals_row(tab, indicator):
    tab.goto("/admin/campaigns/my-totals/")
    return tab.locator("table.listing tbody tr", has=tab.get_by_role("rowheader", name=indicator))


def test_district_staff_records_an_activity_on_a_phone(open_page):
    staff = open_page(PHONE)
    sign_in(staff, "canbo.tranbien")
    # Posters: a kind the offline tests, which run first on the same site, do not record this
    # month, so one more stays within the commune's usual figures (no reason asked).
    row = my_totals_row(staff, "Pano, áp phích")
    expect(staff.get_by_text("Trấn Biên")).to_be_visible()
    month_cell = row.locator("td").first
    before = int(re.sub(r"\D", "", month_cell.inner_text()) or 0)

    # From the menu, as on a phone: open it, then the "Figures" group, then "Activity
    # records", then add one.
    staff.get_by_role("button", name=re.compile("sidebar|thanh bên", re.IGNORECASE)).first.click()
    staff.get_by_role("button", name="Số liệu", exact=True).click()
    staff.get_by_role("link", name="Bản ghi hoạt động").click()
    expect(staff).to_have_url(re.compile(r"/admin/activity_records/$"))
    staff.get_by_role("link", name=re.compile("Thêm|Add")).first.click()
    day = staff.locator("#id_date")
    today = day.input_value()
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", today), today  # dd/mm/yyyy, as everywhere else
    expect(staff.locator("[data-chooser-title], .chooser__title").first).to_contain_text(
        "Trấn Biên"
    )
    screenshot(staff, "record-form-phone")
    # Text the picker cannot read stays as typed when the field loses focus (it used to become
    # today's date); the server then says what is wrong with it.
    day.fill("32/13/2024")
    staff.get_by_role("spinbutton", name="Số lượng").click()
    expect(day).to_have_value("32/13/2024")
    day.fill(today)
    # Indicators are radio buttons, no pop-up.
    staff.get_by_role("radio", name="Pano, áp phích").check()
    staff.get_by_role("spinbutton", name="Số lượng").fill("1")
    staff.get_by_role("textbox", name="Địa điểm").fill("Chợ Trấn Biên")
    staff.locator("footer button[type=submit]").first.click()
    expect(staff.locator(".messages")).to_be_visible()

    row = my_totals_row(staff, "Pano, áp phích")
    expect(row.locator("td").first).to_have_text(f"{before + 1:,}".replace(",", ".") + " cái")
    screenshot(staff, "my-totals-phone")
