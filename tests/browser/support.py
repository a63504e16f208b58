"""Constants and helpers shared by the browser tests (the fixtures are in conftest.py)."""

import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
TIMEOUT_MS = 15_000

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
SIZES = {"phone": PHONE, "desktop": DESKTOP}

# Every public page type of the demo, as a reader reaches it.
PUBLIC_PAGES = {
    "home": "/",
    "articles": "/tin-tuc/",
    "article": "/tin-tuc/nhan-dien-loi-moi-viec-nhe-luong-cao/",
    "materials": "/tai-lieu/",
    "poster": "/tai-lieu/goi-111-mien-phi/",
    "leaflet": "/tai-lieu/cam-nang-nhan-dien-thu-doan/",
    "help": "/tim-giup-do/",
    "results": "/ket-qua/",
    "search": "/tim-kiem/?q=lua+dao",
    "audience": "/danh-cho/cong-nhan-lao-dong/",
    "district": "/dia-ban/731/",
    "browse-safely": "/an-toan-khi-truy-cap/",
}
NOT_FOUND = "/khong-co-trang-nay/"

DEMO_PASSWORD = "demo-matkhau-2024"
NEUTRAL_TITLE = "Dự báo thời tiết"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def wait_until(page, expression, timeout_ms=TIMEOUT_MS):
    """Poll a JavaScript expression until it is true. Playwright's wait_for_function evaluates its
    predicate inside the page, which the public pages' Content-Security-Policy (no eval) forbids
    whenever the first try is false; page.evaluate runs outside the page's policy."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_ms} ms: {expression}")
        page.wait_for_timeout(50)


def sideways_scroll(page):
    """How many pixels the page scrolls sideways beyond its window (0 or less: none)."""
    return page.evaluate("document.scrollingElement.scrollWidth") - page.viewport_size["width"]


def scroll_below_the_hotline_bar(locator):
    """Scroll `locator` to the top of the window, just below the sticky hotline bar."""
    locator.evaluate(
        "(element) => { element.scrollIntoView();"
        " window.scrollBy(0, -document.querySelector('.safety-bar').offsetHeight - 8); }"
    )


def screenshot(page, name):
    """Save what the user sees under test-artifacts/screenshots/ (a CI artifact)."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{name}.png", full_page=False, animations="disabled")


def open_editor(page, path):
    """Open a Wagtail edit form and wait until it watches for changes. Wagtail takes its snapshot
    of the form two seconds after load and autosaves only changes made after it; a test that
    fills the form sooner leaves nothing to autosave, which no person typing does."""
    page.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits',"
        " () => { document.documentElement.dataset.watchingEdits = 'true'; });"
    )
    page.goto(path)
    page.locator("html[data-watching-edits]").wait_for(state="attached")


def sign_in(page, username):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form [type=submit]").first.click()
    page.wait_for_url("**/admin/")


# What a person reads in an element: its rendered text, cell by cell, and the labels a screen
# reader announces on its visible parts. Keyboard keys (<kbd>: "Ctrl", "Esc") are left out, as
# Wagtail leaves them untranslated on purpose (wagtail.admin.utils).
SHOWN_TEXT = """element => {
    const keys = [...element.querySelectorAll('kbd')];
    keys.forEach(key => { key.hidden = true; });
    const text = element.innerText.split(/[\\n\\t]/);
    keys.forEach(key => { key.hidden = false; });
    const labels = [...element.querySelectorAll('[aria-label], [title], [placeholder], [alt]')]
        .filter(node => node.checkVisibility())
        .flatMap(node => ['aria-label', 'title', 'placeholder', 'alt']
            .map(name => node.getAttribute(name)).filter(Boolean));
    return [...text, ...labels];
}"""


def english_shown(locator, detector):
    """The English `detector` (tests/visible_english.py) finds in what `locator` shows."""
    return detector.english_in(locator.evaluate(SHOWN_TEXT))
