"""Diacritic-insensitive search. Neither search backend folds Vietnamese: SQLite's tokenizer keeps
stacked accents and "đ", PostgreSQL's configurations know no Vietnamese. So the index holds a
folded copy of the text and queries are folded the same way."""

import re

from anyascii import anyascii

MAX_QUERY_LENGTH = 200


def fold(text):
    """ "Mua bán người, lừa đảo!" -> "mua ban nguoi lua dao": ASCII letters, digits and spaces."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", anyascii(text).lower()).split())


def clean_query(raw):
    """The query as the index understands it, or "" when nothing searchable is left."""
    return fold(raw[:MAX_QUERY_LENGTH])
