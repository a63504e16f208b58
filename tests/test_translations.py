"""The Vietnamese catalogue is complete, and the compiled file a new clone uses matches it."""

from pathlib import Path

import polib
import pytest

CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "vi" / "LC_MESSAGES"


def translations(catalogue):
    # By context and text: "Online" the connection state and "Online" elsewhere are two entries.
    return {
        (entry.msgctxt, entry.msgid): entry.msgstr or tuple(entry.msgstr_plural.values())
        for entry in catalogue
        if entry.msgid and not entry.obsolete
    }


DOMAINS = ["django", "djangojs"]


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_vietnamese_string_is_translated_and_none_is_fuzzy(domain):
    po = polib.pofile(str(CATALOGUE / f"{domain}.po"))
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_compiled_catalogue_matches_the_source(domain):
    po = translations(polib.pofile(str(CATALOGUE / f"{domain}.po")))
    mo = translations(polib.mofile(str(CATALOGUE / f"{domain}.mo")))
    assert mo == po, f"Run `make messages` to recompile locale/vi/LC_MESSAGES/{domain}.mo"
