"""Search for readers (docs/search.md): everything a reader might want, found by its words with or
without diacritics, through synonyms the editors keep and despite a typo, on SQLite and PostgreSQL
alike.

Neither database folds Vietnamese (SQLite's tokenizer keeps stacked accents and "đ", PostgreSQL's
configurations know no Vietnamese), so the site keeps its own small word index (`models`), built
from folded text (`indexing`) and asked by `engine`. This module holds the text rules both share
and imports nothing of ours, so the page models can use `fold` too.
"""

import re

from anyascii import anyascii

from django.dispatch import Signal

# Sent by a page once everything it shows is saved (its keywords are saved after Django's
# post_save): `indexing` updates the page's entry.
page_saved = Signal()

MAX_QUERY_LENGTH = 200
# A query longer than this in words asks nothing more precise; the rest is ignored.
MAX_QUERY_WORDS = 12
# Shorter words have too many neighbours one letter away to correct ("tru": "tro", "tre", "tu"...).
MIN_TYPO_LENGTH = 4
# Longer words are kept out of the index (no word of either language is this long).
MAX_WORD_LENGTH = 40


def fold(text):
    """ "Mua bán người, lừa đảo!" -> "mua ban nguoi lua dao": ASCII letters, digits and spaces."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", anyascii(text).lower()).split())


def clean_query(raw):
    """The query as the index understands it, or "" when nothing searchable is left."""
    return fold(raw[:MAX_QUERY_LENGTH])


def words(text):
    """The folded words of `text`, in order, none too long to be a word."""
    return [word for word in fold(text).split() if len(word) <= MAX_WORD_LENGTH]


ENGLISH_SUFFIXES = ("ings", "ing", "ers", "er", "ed", "es", "s")


def stem(word):
    """A rough English stem, so "trafficking", "traffickers" and "trafficked" meet. Vietnamese
    words are syllables that never inflect; only English text and queries are stemmed."""
    for suffix in ENGLISH_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def deletions(word):
    """The word with one letter taken out, each way: the keys under which the vocabulary finds
    words one typing mistake away (a missing, extra or wrong letter, or two swapped)."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def one_typo_apart(a, b):
    """Whether `b` is `a` with one letter wrong, missing or extra, or two neighbours swapped
    (the optimal string alignment distance is at most one)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        if len(differ) == 1:
            return True
        return (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and a[differ[0]] == b[differ[1]]
            and a[differ[1]] == b[differ[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
