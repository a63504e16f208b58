"""Page addresses in plain letters: "Lừa đảo qua mạng" -> "lua-dao-qua-mang".

A Vietnamese letter in an address is percent-encoded when the link is shared (`l%E1%BB%AB…`),
so WAGTAIL_ALLOW_UNICODE_SLUGS is off. Django's slugify and Wagtail's slug field alone would then
drop the letters they cannot fold ("đ" vanishes, "ừ" too in the admin), so both fold Vietnamese
first: anyascii on the server, the same table in the admin's slug field.
"""

import unicodedata

from anyascii import anyascii

from django.utils.text import slugify

from wagtail.admin.widgets import SlugInput

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def ascii_slug(text):
    return slugify(anyascii(text))


def slug_formatters():
    """(character class, plain letter) pairs that Wagtail's slug field applies before it slugifies
    what the editor typed or the title: every Vietnamese vowel with each tone mark, and "đ", in
    both cases; then any tone mark typed as a separate character."""
    letters = {
        unicodedata.normalize("NFC", vowel + tone)
        for vowel in "aăâeêioôơuưy"
        for tone in ("", *TONE_MARKS)
    } | {"đ"}
    by_plain = {}
    for letter in sorted(letters | {letter.upper() for letter in letters}):
        if not letter.isascii():
            plain = anyascii(letter).lower()
            by_plain[plain] = by_plain.get(plain, "") + letter
    return [
        *((f"[{letters}]", plain) for plain, letters in sorted(by_plain.items())),
        (f"[{TONE_MARKS}\u0306\u0302\u031b]", ""),  # and the breve, circumflex and horn
    ]


def slug_input():
    return SlugInput(formatters=slug_formatters())
