"""From rows of cells to records, naming every problem with its row and column.

The record rules are the model's own (`ActivityRecord.rule_errors`), so a file is refused for
what the form and the API refuse. Everything a row points at (units, indicators, campaigns,
materials, the month's lock, rows imported before) is read once for the whole file, so checking
10,000 rows costs the same few queries as checking ten.
"""

import datetime
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _

from core.materials import countable_materials
from taxonomy.models import AdministrativeUnit

from ..access import unit_ids_for
from ..audit.log import record_values
from ..months import month_end, month_label
from ..periods.locks import lock_reasons
from ..records.models import MAX_PER_RECORD, ActivityRecord, Campaign, Indicator
from .columns import BY_KEY
from .models import ImportBatch, ImportedRow
from .reading import FileRefused, is_blank, read_table

DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
PLACE_LENGTH = ActivityRecord._meta.get_field("place").max_length
# SQLite allows a few thousand parameters in one query.
KEYS_PER_QUERY = 2000


@dataclass
class Problem:
    row: int | None
    column: str
    message: str


@dataclass
class Row:
    number: int
    record: ActivityRecord
    key: str = ""


@dataclass
class Checked:
    """The outcome of checking a file: the rows to write, the rows written before, the problems."""

    rows: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # [(Row, the ImportBatch that wrote it)]
    problems: list = field(default_factory=list)
    ignored_headers: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems


class Invalid(Exception):
    """One cell's problem."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def check(content, name, user, unit, first):
    """Check an uploaded file of `unit`'s month starting `first` for `user`."""
    try:
        table = read_table(content, name)
    except FileRefused as refused:
        return Checked(problems=[Problem(None, "", refused.message)])
    checked = Checked(ignored_headers=table.ignored_headers)
    context = _Context(table.rows, user, unit, first)
    for number, cells in table.rows:
        row, problems = context.row(number, cells)
        checked.problems += problems
        if row is not None:
            checked.rows.append(row)
    checked.problems += _lock_problems(checked.rows, first)
    _assign_keys(checked.rows)
    _skip_imported(checked)
    return checked


class _Context:
    """What every row of one file is checked against, read once."""

    def __init__(self, rows, user, unit, first):
        self.unit, self.first, self.last = unit, first, month_end(first)
        codes = {_text(cells.get("unit")) for _n, cells in rows} - {""}
        # A code names the unit of the file's month: some communes formed in 2025 took an old
        # code, so the unit that existed that month wins over the other holder of the code.
        self.units = (
            AdministrativeUnit.objects.filter(code__in=codes)
            .select_related("parent__parent__parent")
            .by_code(on=first)
        )
        allowed = unit_ids_for(user)
        self.below = AdministrativeUnit.descendant_ids([unit.pk])
        self.allowed = self.below if allowed is None else self.below & allowed
        self.indicators = {i.code.casefold(): i for i in Indicator.objects.all()}
        self.campaigns = _Choices(Campaign.objects.prefetch_related("units"), "name")
        wants_material = any(not is_blank(cells.get("material")) for _n, cells in rows)
        self.materials = _Choices(countable_materials() if wants_material else [], "title")

    def row(self, number, cells):
        """(Row or None, [Problem])."""
        problems = []
        values = {}
        for key, parse in self.parsers.items():
            try:
                values[key] = parse(self, cells.get(key))
            except Invalid as invalid:
                problems.append(Problem(number, str(BY_KEY[key].label), invalid.message))
        if problems:
            return None, problems
        record = ActivityRecord(**values)
        for field_name, messages in record.rule_errors().items():
            for message in messages if isinstance(messages, list) else [messages]:
                problems.append(Problem(number, _label(field_name), str(message)))
        return (None if problems else Row(number, record)), problems

    def parse_unit(self, value):
        code = _required(value)
        unit = self.units.get(code)
        if unit is None:
            raise Invalid(_("There is no unit with the code “%(code)s”.") % {"code": code})
        if unit.pk not in self.allowed:
            if unit.pk in self.below:
                raise Invalid(_("You may not record activity for %(unit)s.") % {"unit": unit})
            raise Invalid(
                _("%(unit)s is not %(chosen)s or a unit below it, and this file is for %(chosen)s.")
                % {"unit": unit, "chosen": self.unit}
            )
        return unit

    def parse_date(self, value):
        day = _date(value)
        if not self.first <= day <= self.last:
            raise Invalid(
                _("%(date)s is not in %(month)s, the month of this import.")
                % {
                    "date": formats.date_format(day, "SHORT_DATE_FORMAT"),
                    "month": month_label(self.first),
                }
            )
        return day

    def parse_indicator(self, value):
        code = _required(value)
        indicator = self.indicators.get(code.casefold())
        if indicator is None:
            raise Invalid(
                _("There is no indicator with the code “%(code)s”. The codes are: %(codes)s.")
                % {"code": code, "codes": ", ".join(i.code for i in self.indicators.values())}
            )
        return indicator

    def parse_quantity(self, value):
        return _integer(value, 1, required=True)

    def parse_measure(self, value):
        return _integer(value, 0, required=False)

    def parse_campaign(self, value):
        return self.campaigns.find(value, _("campaign"))

    def parse_material(self, value):
        return self.materials.find(value, _("poster or leaflet"))

    def parse_place(self, value):
        text = _text(value)
        if len(text) > PLACE_LENGTH:
            raise Invalid(
                _("Write at most %(length)s characters here (this has %(count)s).")
                % {"length": PLACE_LENGTH, "count": len(text)}
            )
        return text

    def parse_note(self, value):
        return _text(value)

    parsers = {
        "unit": parse_unit,
        "date": parse_date,
        "indicator": parse_indicator,
        "quantity": parse_quantity,
        "attendees": parse_measure,
        "minutes": parse_measure,
        "campaign": parse_campaign,
        "material": parse_material,
        "place": parse_place,
        "note": parse_note,
    }


class _Choices:
    """Campaigns or materials, found by number or by exact name (case aside)."""

    def __init__(self, objects, name_field):
        self.by_id = {obj.pk: obj for obj in objects}
        self.by_name = {}
        for obj in self.by_id.values():
            self.by_name.setdefault(getattr(obj, name_field).strip().casefold(), []).append(obj)

    def find(self, value, kind):
        text = _text(value)
        if not text:
            return None
        if text.isdigit() and int(text) in self.by_id:
            return self.by_id[int(text)]
        found = self.by_name.get(text.casefold(), [])
        if len(found) == 1:
            return found[0]
        if found:
            raise Invalid(
                _("Several of them are named “%(name)s”: write the number instead.")
                % {"name": text}
            )
        raise Invalid(_("There is no %(kind)s “%(name)s”.") % {"kind": kind, "name": text})


def _label(field_name):
    column = BY_KEY.get(field_name)
    return str(column.label) if column else ""


def _text(value):
    """A cell as text: 731.0 (a number typed into a spreadsheet) reads as "731"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _required(value):
    text = _text(value)
    if not text:
        raise Invalid(_("This cell is empty."))
    return text


def _is_formula(text):
    return text.startswith("=")


def _integer(value, smallest, required):
    if is_blank(value):
        if required:
            raise Invalid(_("This cell is empty."))
        return None
    if isinstance(value, (bool, datetime.date, datetime.time)):
        raise Invalid(_("“%(value)s” is not a whole number.") % {"value": _text(value)})
    if isinstance(value, float):
        if not value.is_integer():
            raise Invalid(_("“%(value)s” is not a whole number.") % {"value": value})
        number = int(value)
    elif isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        if _is_formula(text):
            raise Invalid(
                _("“%(value)s” is a formula; formulas are not calculated. Type the number.")
                % {"value": text[:50]}
            )
        if not re.fullmatch(r"[+-]?\d+", text):
            raise Invalid(
                _("“%(value)s” is not a whole number (write digits only, without dots or commas).")
                % {"value": text[:50]}
            )
        number = int(text)
    if number < 0:
        raise Invalid(_("The number cannot be negative."))
    if number < smallest:
        raise Invalid(_("The number must be at least %(min)s.") % {"min": smallest})
    if number > MAX_PER_RECORD:
        raise Invalid(
            _("The number cannot be more than %(max)s.")
            % {"max": formats.number_format(MAX_PER_RECORD, force_grouping=True)}
        )
    return number


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _required(value)
    if isinstance(value, str):
        for pattern in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        if _is_formula(text):
            raise Invalid(
                _("“%(value)s” is a formula; formulas are not calculated. Type the date.")
                % {"value": text[:50]}
            )
    raise Invalid(
        _("“%(value)s” is not a date: write day/month/year, for example 15/07/2024.")
        % {"value": text[:50]}
    )


def _lock_problems(rows, first):
    """One problem per locked unit, naming its rows and why, and who can reopen the month."""
    numbers = {}
    for row in rows:
        numbers.setdefault(row.record.unit, []).append(row.number)
    reasons = lock_reasons([unit.pk for unit in numbers], first)
    return [
        Problem(
            None,
            str(BY_KEY["date"].label),
            _("%(count)s rows of %(unit)s (from row %(first)s): %(reason)s")
            % {"count": len(found), "unit": unit, "first": found[0], "reason": reasons[unit.pk]},
        )
        for unit, found in numbers.items()
        if reasons[unit.pk]
    ]


def _assign_keys(rows):
    """Each row's key: its values (as the audit log keeps them) and how many identical rows came
    before it in the file, so that two identical rows stay two rows, once each."""
    seen = Counter()
    for row in rows:
        values = json.dumps(record_values(row.record), sort_keys=True, ensure_ascii=False)
        seen[values] += 1
        row.key = hashlib.sha256(f"{values}#{seen[values]}".encode()).hexdigest()


def _skip_imported(checked):
    """Set aside the rows an earlier import wrote, with that import (who, when, which file)."""
    keys = [row.key for row in checked.rows]
    found = {}
    for start in range(0, len(keys), KEYS_PER_QUERY):
        found.update(
            ImportedRow.objects.filter(key__in=keys[start : start + KEYS_PER_QUERY]).values_list(
                "key", "batch_id"
            )
        )
    batches = (
        ImportBatch.objects.defer("content", "summary")
        .select_related("user")
        .in_bulk(set(found.values()))
    )
    checked.skipped = [(row, batches[found[row.key]]) for row in checked.rows if row.key in found]
    checked.rows = [row for row in checked.rows if row.key not in found]
