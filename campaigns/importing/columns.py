"""The columns of an import file: the key the code uses, the header people read, and a hint."""

import re
from dataclasses import dataclass

from anyascii import anyascii

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    hint: Promise
    required: bool = False


COLUMNS = (
    Column("unit", _("Unit code"), _("Your unit's code or the code of a unit below it."), True),
    Column("date", _("Date"), _("A day of the month, as day/month/year: 15/07/2024."), True),
    Column("indicator", _("Indicator code"), _("A code from the Indicators list."), True),
    Column("quantity", _("Quantity"), _("A whole number from 1 to 100,000."), True),
    Column("attendees", _("Attendees"), _("Only for indicators that count attendees: required.")),
    Column("minutes", _("Minutes"), _("Only for indicators that count minutes: required.")),
    Column(
        "campaign", _("Campaign"), _("Optional: a number or exact name from the Campaigns list.")
    ),
    Column(
        "material", _("Material"), _("Optional: a number or exact title from the Materials list.")
    ),
    Column("place", _("Place"), _("Optional: commune, ward or hamlet, 200 characters at most.")),
    Column("note", _("Note"), _("Optional.")),
)
BY_KEY = {column.key: column for column in COLUMNS}


def normalise(text):
    """What a header is compared by: no diacritics, case, hint in brackets or punctuation."""
    text = re.sub(r"\(.*?\)", " ", anyascii(str(text))).casefold()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def header_keys():
    """{normalised header: column key}, in Vietnamese, in English and by key, whatever the
    language of the person who downloaded the template."""
    names = {}
    for column in COLUMNS:
        names[normalise(column.key)] = column.key
        for language in ("vi", "en"):
            with translation.override(language):
                names[normalise(column.label)] = column.key
    return names
