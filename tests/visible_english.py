"""Finds English in what a page shows, for the test that the staff admin reads in Vietnamese.

What counts as shown (`visible_text`): text nodes outside <script>, <style>, <svg> and
<template> (and counters a script fills in), the `title`, `aria-label`, `placeholder` and `alt` attributes, and the `value` of
input buttons. Wagtail's scripts draw the sidebar, the rich-text toolbar, the content checks and
new StreamField blocks from JSON in the page (a <script type="application/json"> or a data-
attribute), so the labels and help texts in that JSON, and the text of the HTML it carries, count
too.

What counts as English (`EnglishDetector`), a chunk of text at a time:

1. The chunk is, whole, an English source string (msgid) of Django, Wagtail or our own
   catalogue. Catches short labels such as "Go", "No" or "To" that rule 2 lets through.
   Msgids that a Vietnamese catalogue deliberately leaves unchanged (for example "Email")
   are not English for this purpose.
2. The chunk contains an English word: a word of those msgids, unless it is also Vietnamese.
   A word is taken as Vietnamese when it has the shape of a Vietnamese syllable written without
   diacritics (an optional initial such as "ngh" or "tr", one to three vowels, an optional final
   among c, ch, m, n, ng, nh, p, t; never f, j, w or z) and a Vietnamese catalogue uses it once
   its diacritics are removed ("to", "an", "do", "con", "the" from "thẻ", "long" from "lòng", so
   Long Thành is safe). So "page", "save", "draft" are English by their shape, and "by", "root",
   "you" because no Vietnamese translation has them.

File names, addresses, slugs and e-mail addresses are removed before looking at words, and words in
`ALLOWED` (brand names, file formats, units) are never English. Content that is English by
design (the English name of an audience, an English page's title) is passed in as `allowed_text` by
the test, and is allowed on its own or inside a chunk (when it has two words or more).
"""

import json
import re
import unicodedata
from pathlib import Path

import polib
from bs4 import BeautifulSoup, NavigableString, Tag

import django

import wagtail

# Reviewed: names of products and standards, file formats and units that Vietnamese staff read
# as they are.
ALLOWED = {
    "wagtail",
    "pdf",
    "jpg",
    "jpeg",
    "png",
    "webp",
    "gif",
    "svg",
    "avif",
    "heic",
    "xlsx",
    "csv",
    "kb",
    "mb",
    "gb",
    "px",
    "qr",
    "totp",
    "url",
    "id",
    "html",
    "email",
    "web",
    "api",
    "javascript",
    # Loanwords Vietnamese writes as English does.
    "video",
    "utc",
    # Names of languages in a language chooser, and of authenticator apps.
    "english",
    "khmer",
    "google",
    "microsoft",
    "authenticator",
    "freeotp",
}

HIDDEN_ELEMENTS = ["script", "style", "svg", "template", "head"]
# Counters whose number a script fills in; Wagtail renders "None" in them until then.
SCRIPT_FILLED = {"data-side-panel-toggle-counter"}
TEXT_ATTRIBUTES = ["title", "aria-label", "placeholder", "alt"]
SIDEBAR_PROPS_ID = "wagtail-sidebar-props"
JSON_TEXT_KEYS = {"label", "help_text", "helpText", "description", "placeholder", "error_name"}

ROOT = Path(__file__).resolve().parents[1]
OUR_CATALOGUE = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"

VIETNAMESE_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?"
)
PLACEHOLDER = re.compile(r"%\([^)]*\)[sdfi]|%[sdfi]|\{[a-z_]*\}")
NOT_WORDS = re.compile(
    r"\S+@\S+"  # e-mail addresses
    r"|\S*/\S*"  # paths and addresses
    r"|\S+\.(?:pdf|jpe?g|png|webp|gif|svg|xlsx|csv|txt)\b"  # file names
    r"|\w*\d\w*"  # codes and keys, such as a two-step sign-in secret
    r"|\b[a-z_]+\.[a-z_.]+\b"  # dotted identifiers: "home.homepage", "canbo.bienhoa"
    r"|\b[a-z]+(?:-[a-z]+)+\b",  # slugs: "nguoi-than-cua-nan-nhan"
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W\d_]+")


def normalise(text):
    return " ".join(text.split())


def without_diacritics(text):
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def is_vietnamese_syllable(word):
    return bool(VIETNAMESE_SYLLABLE.fullmatch(word))


def catalogues(language):
    """Django's, Wagtail's and ours, in `language` ("en" gives the English source strings)."""
    packages = [Path(django.__file__).parent, Path(wagtail.__file__).parent]
    paths = [
        path
        for package in packages
        for domain in ("django.po", "djangojs.po")
        for path in package.glob(f"**/locale/{language}/LC_MESSAGES/{domain}")
    ]
    if language == "vi":
        paths += list(OUR_CATALOGUE.parent.glob("*.po"))
    return [polib.pofile(str(path)) for path in paths]


class EnglishDetector:
    def __init__(self, allowed_text=(), allowed_words=()):
        msgids = {
            normalise(text)
            for catalogue in [*catalogues("en"), polib.pofile(str(OUR_CATALOGUE))]
            for entry in catalogue
            for text in (entry.msgid, entry.msgid_plural)
            if text
        }
        vietnamese = {
            word
            for catalogue in catalogues("vi")
            for entry in catalogue
            for text in (entry.msgstr, *entry.msgstr_plural.values())
            for word in WORD.findall(without_diacritics(text).casefold())
        }
        kept_in_vietnamese = {
            normalise(entry.msgid)
            for catalogue in catalogues("vi")
            for entry in catalogue
            if entry.msgstr == entry.msgid
        }
        self.phrases = {
            text.casefold()
            for text in msgids - kept_in_vietnamese
            if not PLACEHOLDER.search(text) and WORD.search(text)
        }
        self.words = (
            {
                word
                for text in msgids
                for word in WORD.findall(PLACEHOLDER.sub(" ", text).casefold())
                if word.isascii()
                and len(word) > 1
                and not (is_vietnamese_syllable(word) and word in vietnamese)
            }
            - ALLOWED
            - {word.casefold() for word in allowed_words}
        )
        self.allowed_text = {normalise(text).casefold() for text in allowed_text}
        # Allowed text of several words is also allowed inside a chunk ("Xem các trang con của
        # 'Preventing human trafficking'"); a single word would hide too much.
        self.allowed_inside = sorted(
            (text for text in self.allowed_text if len(WORD.findall(text)) > 1),
            key=len,
            reverse=True,
        )

    def english_words(self, chunk):
        words = WORD.findall(NOT_WORDS.sub(" ", chunk).casefold())
        return [word for word in words if word in self.words]

    def is_english(self, chunk):
        text = normalise(chunk).casefold()
        if text in self.allowed_text:
            return False
        for allowed in self.allowed_inside:
            if allowed in text:
                text = normalise(text.replace(allowed, " "))
        if not text or self.only_allowed_words(text):
            return False
        return text.strip(" .:…") in self.phrases or bool(self.english_words(text))

    def only_allowed_words(self, text):
        return set(WORD.findall(text)) <= ALLOWED

    def english_in(self, chunks):
        return sorted({normalise(chunk) for chunk in chunks if self.is_english(chunk)})


def visible_text(html, scripts=True):
    """The chunks of text a person sees or hears on the page (see the module docstring)."""
    soup = BeautifulSoup(html, "html.parser")
    chunks = list(script_drawn_text(soup)) if scripts else []
    for element in soup.find_all(is_hidden):
        element.decompose()
    for node in soup.descendants:
        if type(node) is NavigableString:
            chunks.append(str(node))
        elif isinstance(node, Tag):
            chunks += [node[name] for name in TEXT_ATTRIBUTES if node.get(name)]
            if is_button(node) and node.get("value"):
                chunks.append(node["value"])
    return [chunk for chunk in map(normalise, chunks) if chunk]


def is_hidden(element):
    return element.name in HIDDEN_ELEMENTS or bool(SCRIPT_FILLED & set(element.attrs))


def is_button(element):
    return element.name == "input" and element.get("type") in {"submit", "button", "reset"}


def script_drawn_text(soup):
    """Labels and help texts in the JSON Wagtail's scripts draw from, and the HTML it carries."""
    for script in soup.find_all("script", type="application/json"):
        yield from json_text(json.loads(script.string or "null"))
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if name.startswith("data-") and isinstance(value, str) and value[:1] in "{[":
                try:
                    yield from json_text(json.loads(value))
                except ValueError:  # not JSON after all
                    continue


def json_text(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in JSON_TEXT_KEYS and isinstance(item, str):
                yield item
            else:
                yield from json_text(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_text(item)
    elif isinstance(value, str) and "<" in value:
        yield from visible_text(value, scripts=False)


def sidebar_labels(soup):
    """The labels of the menu Wagtail's sidebar draws from its JSON properties."""
    props = soup.find("script", id=SIDEBAR_PROPS_ID)
    return list(json_text(json.loads(props.string))) if props else []
