"""The admin's dialogs, and its messages after an action, read in Vietnamese.

tests/test_admin_vietnamese.py reads each screen as the server sends it, where a dialog is still
an unopened <template> and an autosave message does not exist yet. Here a real browser opens
them and reads what they show (`support.english_shown`).
"""

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.visible_english import EnglishDetector

from .support import DESKTOP, english_shown, open_editor, screenshot, sign_in

pytestmark = pytest.mark.browser

NEWS = "/trang-chu/tin-tuc/"


@pytest.fixture(scope="module")
def detector():
    return EnglishDetector()


@pytest.fixture
def editor(open_page):
    tab = open_page(DESKTOP)
    sign_in(tab, "bientap")
    return tab


def assert_vietnamese(locator, detector):
    expect(locator).to_be_visible()
    english = english_shown(locator, detector)
    assert not english, "English on the screen:\n" + "\n".join(english)


def messages(tab):
    return tab.locator(".messages li").first


def shortcuts_dialog(tab):
    # Pressed where no field has the focus, as the shortcut is meant to be.
    tab.locator("body").click(position={"x": 1, "y": 1})
    tab.keyboard.press("?")
    dialog = tab.locator("#keyboard-shortcuts-dialog .w-dialog__box")
    expect(dialog).to_be_visible()
    return dialog


def test_keyboard_shortcuts_on_the_dashboard(editor, detector):
    dialog = shortcuts_dialog(editor)
    expect(dialog).to_contain_text("Ẩn/hiện thanh bên")
    screenshot(editor, "admin-keyboard-shortcuts")
    assert_vietnamese(dialog, detector)


def test_keyboard_shortcuts_in_the_page_editor(editor, detector, page_id):
    open_editor(
        editor, f"/admin/pages/{page_id(NEWS + 'hoc-nghe-vay-von-on-dinh-cuoc-song/')}/edit/"
    )
    dialog = shortcuts_dialog(editor)
    # The editor's own section: saving and comments.
    expect(dialog.locator("#keyboard-shortut-group-admin-core-models")).to_be_visible()
    assert_vietnamese(dialog, detector)


def an_image(folder):
    """A PNG no other image of the demo has the same pixels as."""
    path = folder / "ap-phich-tong-dai-111.png"
    image = Image.new("RGB", (320, 240), (200, 30, 40))
    image.paste((250, 220, 0), (40, 40, 280, 200))
    image.save(path)
    return path


def test_uploading_the_same_image_twice(editor, detector, tmp_path):
    image = an_image(tmp_path)
    editor.goto("/admin/images/multiple/add/")
    editor.locator("#fileupload").set_input_files(image)
    expect(editor.locator("#upload-list li.upload-success")).to_have_count(1)
    editor.locator("#fileupload").set_input_files(image)
    duplicate = editor.locator("#upload-list li.upload-duplicate")
    expect(duplicate.locator(".confirm-duplicate-upload")).to_be_visible()
    duplicate.scroll_into_view_if_needed()
    screenshot(editor, "admin-duplicate-image")
    assert_vietnamese(duplicate, detector)
    # Keeping the new one shows its form.
    duplicate.locator(".confirm-upload").click()
    expect(duplicate.locator("form")).to_be_visible()
    assert_vietnamese(duplicate, detector)
    duplicate.locator("form [type=submit]").click()
    expect(messages(editor)).to_contain_text("Đã cập nhật hình ảnh")


def slug_field(tab):
    """The slug field, on the tab that holds it."""
    panel = tab.locator("[role=tabpanel]:has(#id_slug)").get_attribute("id")
    tab.locator(f"a[href='#{panel}']").click()
    return tab.locator("[data-contentpath=slug]")


def set_slug(tab, slug):
    field = slug_field(tab).locator("#id_slug")
    # On a new page the field follows the title, a moment after it is typed; type over that.
    expect(field).not_to_have_value("")
    field.fill(slug)
    expect(field).to_have_value(slug)


def test_autosave_paused_by_a_validation_error(editor, detector, page_id):
    open_editor(
        editor, f"/admin/pages/{page_id(NEWS + 'loa-truyen-thanh-kenh-gan-dan-nhat/')}/edit/"
    )
    # Another article's address: a draft may lack a title, but never share an address.
    set_slug(editor, "chinh-sach-ho-tro-nguoi-tro-ve")
    indicator = editor.locator("#w-autosave-indicator")
    expect(indicator).to_have_attribute("data-w-autosave-state-value", "paused")
    assert_vietnamese(indicator, detector)
    tooltip = indicator.get_attribute("data-w-tooltip-content-value")
    assert tooltip
    assert not detector.english_in([tooltip]), tooltip
    # And the warning in the footer: "Autosave is paused" and why.
    warning = editor.locator(".footer__save-warning")
    expect(warning).to_contain_text(tooltip)
    assert_vietnamese(warning, detector)


def test_submitting_an_article_for_moderation(editor, detector, page_id):
    open_editor(editor, f"/admin/pages/{page_id(NEWS + 'chinh-sach-ho-tro-nguoi-tro-ve/')}/edit/")
    editor.locator("footer .w-dropdown__toggle").click()
    editor.locator("footer button[name=action-submit]").click()
    expect(messages(editor)).to_contain_text("Những chính sách hỗ trợ người bị mua bán trở về")
    assert_vietnamese(messages(editor), detector)


def test_saving_a_draft_of_an_article(editor, detector, page_id):
    open_editor(editor, f"/admin/pages/{page_id(NEWS + 'long-ghep-phong-chong-ma-tuy-hiv/')}/edit/")
    editor.locator("#id_standfirst").fill("Lồng ghép tuyên truyền trong các buổi sinh hoạt ấp.")
    editor.locator("footer button.action-save").click()
    expect(messages(editor)).to_contain_text("Lồng ghép phòng, chống mua bán người")
    assert_vietnamese(messages(editor), detector)


def start_an_article(tab, news_id, title):
    open_editor(tab, f"/admin/pages/add/news/articlepage/{news_id}/")
    tab.locator("#id_title").fill(title)
    tab.locator("#id_standfirst").fill("Bài viết đang soạn.")


def test_an_address_already_used_under_the_same_parent(editor, detector, page_id):
    start_an_article(editor, page_id(NEWS), "Năm điều cần biết về pháp luật")
    set_slug(editor, "nam-dieu-phap-luat-ai-cung-nen-biet")
    editor.locator("footer button.action-save").click()
    expect(messages(editor)).to_be_visible()
    assert_vietnamese(messages(editor), detector)
    slug_error = slug_field(editor).locator(".error-message")
    expect(slug_error).to_contain_text("nam-dieu-phap-luat-ai-cung-nen-biet")
    assert_vietnamese(slug_error, detector)


def test_a_record_that_cannot_be_saved(open_page, detector):
    staff = open_page(DESKTOP)
    sign_in(staff, "canbo.tranbien")
    staff.goto("/admin/activity_records/new/")
    staff.locator("#id_date").fill("32/13/2024")
    staff.locator("footer button[type=submit]").first.click()
    expect(messages(staff)).to_contain_text("bản ghi hoạt động")
    assert_vietnamese(messages(staff), detector)
    assert_vietnamese(staff.locator("form .error-message").first, detector)


def test_starting_an_article_twice_leaves_no_draft(editor, detector, page_id, site_python):
    title = "Cảnh giác với lời mời đi du học miễn phí"
    editor.on("dialog", lambda dialog: dialog.accept())  # "leave with unsaved changes?"
    for _ in range(2):
        start_an_article(editor, page_id(NEWS), title)
        # An editor pauses longer than the autosave interval before leaving.
        editor.wait_for_timeout(3_000)
        expect(editor).to_have_url(re.compile(r"/admin/pages/add/"))
        expect(editor.locator(".messages li")).to_have_count(0)
        # What the editor sees instead: a reminder to save before leaving.
        assert_vietnamese(editor.locator(".footer__save-warning"), detector)
        editor.goto("/admin/")
    pages = site_python(
        f"from wagtail.models import Page; print(Page.objects.filter(title={title!r}).count())"
    )
    assert pages.strip() == "0"
