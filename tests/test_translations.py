"""The Vietnamese catalogue is complete, and the compiled file a new clone uses matches it."""

from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "vi" / "LC_MESSAGES"


def translations(catalogue):
    return {
        entry.msgid: entry.msgstr or tuple(entry.msgstr_plural.values())
        for entry in catalogue
        if entry.msgid and not entry.obsolete
    }


def test_every_vietnamese_string_is_translated_and_none_is_fuzzy():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


def test_compiled_catalogue_matches_the_source():
    po = translations(polib.pofile(str(CATALOGUE / "django.po")))
    mo = translations(polib.mofile(str(CATALOGUE / "django.mo")))
    assert mo == po, "Run `make messages` to recompile locale/vi/LC_MESSAGES/django.mo"
