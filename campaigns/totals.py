"""The totals service: every screen, export, page block and API route counts through here.

The database sums the records (one GROUP BY over the indexed columns); Python then rolls the
sums up the administrative-unit tree, which is a few thousand rows at most, and swaps ids for
the objects the caller shows. Nothing is stored twice, so a total can never drift from its records.
"""

import datetime
import math
from dataclasses import dataclass, replace
from functools import cached_property

from django.db.models import Max, Min, Sum
from django.db.models.functions import ExtractMonth, ExtractQuarter, ExtractYear

from wagtail.models import Page

from core.page_cache import remember_in_process
from taxonomy.models import AdministrativeUnit

from .periods.approval import approved_records, approved_units_by_month
from .records.models import ActivityRecord, Campaign, Indicator

GROUPINGS = ("unit", "indicator", "campaign", "material", "year", "quarter", "month")
MEASURES = ("quantity", "attendees", "minutes")

# What the database groups by for each grouping.
_COLUMNS = {
    "unit": ["unit_id"],
    "indicator": ["indicator_id"],
    "campaign": ["campaign_id"],
    "material": ["material_id"],
    "year": ["period_year"],
    "quarter": ["period_year", "period_quarter"],
    "month": ["period_year", "period_month"],
}
_PERIODS = {
    "period_year": ExtractYear("date"),
    "period_quarter": ExtractQuarter("date"),
    "period_month": ExtractMonth("date"),
}


class UnitTree:
    """The whole administrative-unit tree, loaded in one query, for filtering and rolling up."""

    def __init__(self):
        self.units = AdministrativeUnit.objects.in_bulk()
        self.children = {}
        for unit in self.units.values():
            self.children.setdefault(unit.parent_id, []).append(unit.pk)

    def descendant_ids(self, unit_ids):
        found, frontier = set(), list(unit_ids)
        while frontier:
            pk = frontier.pop()
            if pk not in found:
                found.add(pk)
                frontier.extend(self.children.get(pk, ()))
        return found

    def ancestor_ids(self, unit_id):
        """The unit and every unit above it, nearest first."""
        chain = []
        while unit_id is not None and unit_id not in chain:
            chain.append(unit_id)
            unit_id = self.units[unit_id].parent_id
        return chain

    @classmethod
    def kept(cls):
        """The tree public pages read, built once per process and page-cache generation: a
        change to a unit or to a month's approval refreshes the pages (`core.page_cache`), and
        with them this tree, whose approved months are filled in on first use."""
        return remember_in_process("unit_tree", cls)

    @cached_property
    def approved(self):
        """{month: ids of the units whose records of that month are approved}, read once."""
        return approved_units_by_month(self)

    def at_level(self, unit_id, level):
        """The unit's ancestor at `level`, or the unit itself when it sits at or above it."""
        for pk in self.ancestor_ids(unit_id):
            if self.units[pk].level <= level:
                return pk
        return unit_id


@dataclass(frozen=True)
class Filters:
    """Which records a total covers. `units` include every unit below them; `approved_only`
    keeps the records of approved months (`campaigns.periods.approval`), what the public sees."""

    units: tuple = ()
    indicators: tuple = ()
    campaign: Campaign | None = None
    year: int | None = None
    date_from: object = None
    date_to: object = None
    approved_only: bool = False

    def apply(self, records, tree):
        if self.units:
            records = records.filter(unit_id__in=tree.descendant_ids(u.pk for u in self.units))
        if self.indicators:
            records = records.filter(indicator__in=self.indicators)
        if self.campaign is not None:
            records = records.filter(campaign=self.campaign)
        if self.year is not None:
            records = records.filter(date__year=self.year)
        if self.date_from is not None:
            records = records.filter(date__gte=self.date_from)
        if self.date_to is not None:
            records = records.filter(date__lte=self.date_to)
        if self.approved_only:
            date_from, date_to = self.date_from, self.date_to
            if self.year is not None:
                date_from = max(date_from or datetime.date.min, datetime.date(self.year, 1, 1))
                date_to = min(date_to or datetime.date.max, datetime.date(self.year, 12, 31))
            records = records.filter(
                approved_records(tree.approved, set(tree.units), date_from, date_to)
            )
        return records


def totals(
    group_by=(),
    filters=Filters(),
    *,
    unit_level=None,
    roll_up=False,
    geography=None,
    tree=None,
    indicators=None,
):
    """Sums of quantity, attendees and minutes for each combination of `group_by` values.

    Returns a list of dicts: one key per grouping (units, indicators, campaigns and materials as
    objects or None; `year` as a number; `quarter` as "2024-Q3"; `month` as "2024-07") and the
    three measures. A second measure no record in the group has is None, not 0.

    Grouping by unit counts a record under its own unit, under its ancestor at `unit_level`
    (AdministrativeUnit.Level) when one is given, or, with `roll_up`, under its unit and every
    unit above it (so each unit's row is the total of its whole subtree), or, with a `geography`
    (taxonomy.geography.Geography), under the reporting units of its day: a record of a unit
    that had ended or did not exist yet is allocated by the succession shares, rounded so that
    the units of each row group still add up to its exact total (largest remainder), and each
    row says whether it holds such an `estimated` part.

    `tree` and `indicators` (every Indicator) save their queries when the caller already has them.
    """
    unknown = set(group_by) - set(GROUPINGS)
    if unknown:
        raise ValueError(f"Unknown grouping: {', '.join(sorted(unknown))}")
    tree = tree or UnitTree()
    columns = list(dict.fromkeys(c for g in group_by for c in _COLUMNS[g]))
    periods = {name: _PERIODS[name] for name in columns if name in _PERIODS}
    records = filters.apply(ActivityRecord.objects.all(), tree).annotate(**periods)
    sums = {f"sum_{measure}": Sum(measure) for measure in MEASURES}
    if columns:
        rows = records.values(*columns).annotate(**sums).order_by()
    else:
        # `.values()` with no columns would group by every field: one row per record.
        grand = records.aggregate(**sums)
        rows = [grand] if grand["sum_quantity"] is not None else []

    if geography is not None and "unit" not in group_by:
        geography = None
    merged, estimated = {}, set()
    for row in rows:
        for key, weight in _keys(row, group_by, tree, unit_level, roll_up, geography):
            sums = merged.setdefault(key, dict.fromkeys(MEASURES))
            for measure in MEASURES:
                value = row[f"sum_{measure}"]
                if value is not None and weight != 1:
                    value *= weight
                sums[measure] = _add(sums[measure], value)
            if weight != 1:
                estimated.add(key)
    if geography is not None:
        _round_allocations(merged, group_by.index("unit"), tree)
    result = _resolve(merged, group_by, tree, indicators)
    if geography is not None:
        for row, key in result:
            row["estimated"] = key in estimated
    return [row for row, _key in result]


def apportion(exact, tie_break):
    """{key: whole number} for {key: exact share} whose shares add up to a whole number, adding
    up to that same number (largest remainder): floor every share, then give the units left over
    to the largest remainders, ties to the lowest `tie_break(key)`, so the result never depends on
    dict order."""
    floors = {key: math.floor(value) for key, value in exact.items()}
    left = round(sum(exact.values())) - sum(floors.values())
    for key in sorted(exact, key=lambda key: (floors[key] - exact[key], tie_break(key)))[:left]:
        floors[key] += 1
    return floors


def _round_allocations(merged, position, tree):
    """Whole numbers that add up, within each group of rows that differ only by unit, to the
    group's exact total (`apportion`, ties to the lower unit code)."""
    groups = {}
    for key in merged:
        groups.setdefault(key[:position] + key[position + 1 :], []).append(key)
    for keys in groups.values():
        for measure in MEASURES:
            exact = {key: merged[key][measure] for key in keys if merged[key][measure] is not None}
            whole = apportion(exact, lambda key: _unit_code(tree, key[position]))
            for key, value in whole.items():
                merged[key][measure] = int(value)


def _unit_code(tree, unit_id):
    unit = tree.units.get(unit_id)
    return unit.code if unit else ""


def _keys(row, group_by, tree, unit_level, roll_up, geography):
    """The (key, weight) pairs a database row counts under."""
    key = []
    for grouping in group_by:
        if grouping == "year":
            key.append(row["period_year"])
        elif grouping == "quarter":
            key.append(f"{row['period_year']}-Q{row['period_quarter']}")
        elif grouping == "month":
            key.append(f"{row['period_year']}-{row['period_month']:02d}")
        else:
            key.append(row[f"{grouping}_id"])
    if "unit" not in group_by:
        return [(tuple(key), 1)]
    position = group_by.index("unit")
    unit_id = key[position]
    if geography is not None:
        weights = geography.allocate(unit_id).items()
    elif roll_up:
        weights = [(pk, 1) for pk in tree.ancestor_ids(unit_id)]
    elif unit_level is not None:
        weights = [(tree.at_level(unit_id, unit_level), 1)]
    else:
        weights = [(unit_id, 1)]
    return [((*key[:position], pk, *key[position + 1 :]), weight) for pk, weight in weights]


def _add(total, value):
    if value is None:
        return total
    return value if total is None else total + value


def _resolve(merged, group_by, tree, indicators):
    """Swap ids for objects (one query per kind of object) and order the rows; each row comes
    with its key."""
    ids = {g: {key[i] for key in merged} - {None} for i, g in enumerate(group_by)}
    if indicators is not None:
        indicators = {indicator.pk: indicator for indicator in indicators}
    elif "indicator" in group_by:
        indicators = Indicator.objects.in_bulk(ids["indicator"])
    objects = {
        "unit": tree.units,
        "indicator": indicators or {},
        "campaign": Campaign.objects.in_bulk(ids.get("campaign", ()))
        if "campaign" in group_by
        else {},
        "material": Page.objects.in_bulk(ids.get("material", ())) if "material" in group_by else {},
    }
    result = []
    for key, sums in merged.items():
        row = {}
        for grouping, value in zip(group_by, key, strict=True):
            row[grouping] = objects[grouping].get(value) if grouping in objects else value
        row.update(sums)
        result.append((row, key))
    result.sort(key=lambda pair: tuple(_sort_key(g, pair[0][g]) for g in group_by))
    return result


def _sort_key(grouping, value):
    if value is None:
        return (1, "")
    if grouping == "unit":
        return (0, value.level, value.code)
    if grouping == "indicator":
        return (0, value.sort_order or 0, value.code)
    if grouping == "campaign":
        return (0, value.start_date.isoformat(), value.pk)
    if grouping == "material":
        return (0, value.title, value.pk)
    return (0, value)


def campaign_filters(campaign):
    """What a campaign's results are: every record dated within it in the units taking part,
    tagged with it or not. Its targets, the report and the Results page all count this way."""
    return Filters(
        units=tuple(campaign.units.all()), date_from=campaign.start_date, date_to=campaign.end_date
    )


def data_years(approved_only=False, tree=None):
    """The years from the first record to the last, newest first; empty without records. With
    `approved_only`, just the years that have approved records, for the public.

    Min and max of the indexed date column cost two index look-ups, however many records there are.
    """
    if approved_only:
        records = Filters(approved_only=True).apply(
            ActivityRecord.objects.all(), tree or UnitTree()
        )
        return [day.year for day in records.dates("date", "year", order="DESC")]
    bounds = ActivityRecord.objects.aggregate(first=Min("date"), last=Max("date"))
    if bounds["first"] is None:
        return []
    return list(range(bounds["last"].year, bounds["first"].year - 1, -1))


def grand_total(filters=Filters(), tree=None):
    """The three measures over every record the filters cover, as one dict."""
    rows = totals((), filters, tree=tree)
    return rows[0] if rows else dict.fromkeys(MEASURES)


@dataclass(frozen=True)
class Progress:
    """How far one target has come: `percentage` is exact; rounding is for display."""

    indicator: Indicator
    unit: AdministrativeUnit | None
    target: int
    actual: int

    @property
    def percentage(self):
        return self.actual * 100 / self.target


def progress(campaign, tree=None, approved_only=False):
    """Actual against target for each of the campaign's targets (approved records only, with
    `approved_only`).

    A campaign counts every record dated within it in the units taking part, tagged or not: a
    record carries at most one campaign, and the action month's records also count towards the
    yearly plan.
    """
    tree = tree or UnitTree()
    targets = list(campaign.targets.select_related("indicator", "unit"))
    if not targets:
        return []
    filters = replace(campaign_filters(campaign), approved_only=approved_only)
    wide = {
        row["indicator"].pk: row["quantity"] for row in totals(("indicator",), filters, tree=tree)
    }
    per_unit = {}
    if any(t.unit_id for t in targets):
        for row in totals(("unit", "indicator"), filters, roll_up=True, tree=tree):
            per_unit[row["unit"].pk, row["indicator"].pk] = row["quantity"]
    return [
        Progress(
            indicator=t.indicator,
            unit=t.unit,
            target=t.quantity,
            actual=(
                per_unit.get((t.unit_id, t.indicator_id)) if t.unit_id else wide.get(t.indicator_id)
            )
            or 0,
        )
        for t in targets
    ]
