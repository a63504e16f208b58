"""One indicator's totals by unit, ranked, for the report screen, the yearly report and the
Results page: readable with the 95 communes and wards of today's province, where a bar per unit
is not.

Every reporting unit of the table's geography gets a row, those without records too (with 0),
so a reader sees which units have not reported. A commune formed in 2025 can be grouped under
its former district: the district of the old communes that gave it the most of its area.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .maps import ranking_map
from .tables import Column


@dataclass(frozen=True)
class RankedRow:
    rank: int
    unit: object
    value: int  # the ranked indicator's quantity
    estimated: bool
    bar: float  # the value as a percentage of the largest, for the inline bar
    # Other former districts the unit was formed from, when grouped (under the first).
    also_from: tuple = ()


@dataclass(frozen=True)
class Group:
    """The units formed from one former district (`parent`), or those formed from none (None)."""

    parent: object
    rows: tuple

    @property
    def total(self):
        return sum(row.value for row in self.rows)


@dataclass(frozen=True)
class Ranking:
    column: Column
    rows: tuple  # RankedRow, largest value first
    total: int
    groups: tuple = ()  # Group, when grouped by former district

    @property
    def has_estimates(self):
        return any(row.estimated for row in self.rows)

    @property
    def has_split_units(self):
        """A unit formed from the communes of more than one former district."""
        return any(row.also_from for row in self.rows)

    def items(self):
        """(unit, value, estimated) for the map."""
        return [(row.unit, row.value, row.estimated) for row in self.rows]


def can_group(table):
    """Whether the table's units have former districts to be grouped by."""
    geography = table.geography
    return geography is not None and any(
        geography.former_parents(unit.pk) for unit in geography.reporting_units
    )


def ranking(table, indicator, *, grouped=False):
    """The table's `indicator` quantity for every reporting unit, largest first (ties by code),
    ranked 1, 2, 2, 4; with `grouped`, the rows also under their former district, the districts
    with the largest subtotal first."""
    position = next(
        i
        for i, column in enumerate(table.columns)
        if column.indicator == indicator and not column.is_second_measure
    )
    values = {row.unit.pk: (row.unit, row.values[position], row.estimated) for row in table.rows}
    geography = table.geography
    if geography is not None:
        for unit in geography.own_reporting_units:
            values.setdefault(unit.pk, (unit, 0, False))
    ordered = sorted(values.values(), key=lambda item: (-item[1], item[0].code))
    largest = ordered[0][1] if ordered else 0
    rows, rank, previous = [], 0, None
    for index, (unit, value, estimated) in enumerate(ordered, start=1):
        if value != previous:
            rank, previous = index, value
        parents = geography.former_parents(unit.pk) if grouped and geography else []
        rows.append(
            RankedRow(
                rank=rank,
                unit=unit,
                value=value,
                estimated=estimated,
                bar=round(100 * value / largest, 1) if largest else 0,
                also_from=tuple(parents[1:]),
            )
        )
    groups = ()
    if grouped and geography is not None:
        by_parent = {}
        for row in rows:
            parents = geography.former_parents(row.unit.pk)
            parent = parents[0] if parents else None
            by_parent.setdefault(parent, []).append(row)
        groups = tuple(
            sorted(
                (Group(parent, tuple(members)) for parent, members in by_parent.items()),
                key=lambda group: (
                    group.parent is None,
                    -group.total,
                    group.parent.code if group.parent else "",
                ),
            )
        )
    return Ranking(Column(indicator, "quantity"), tuple(rows), table.total.values[position], groups)


@dataclass(frozen=True)
class Choice:
    """A link to the same screen with one choice changed."""

    label: str
    url: str
    current: bool


@dataclass(frozen=True)
class UnitDisplay:
    """What the three screens show of the units: the geography choice, the ranking (grouped or
    not) with its group toggle, and the map."""

    geographies: tuple  # Choice, newest first; empty when the period saw no change
    grouping: tuple  # Choice: ranked, by former district; empty when nothing to group by
    ranking: Ranking
    map: object  # maps.DotMap


def _link(query, **changes):
    query = query.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def unit_display(table, period, indicator, query, *, units=None, chart_id="unit-map"):
    """The units part of a screen for `table` (of `period`), ranking `indicator`; `query` (the
    request's GET) is kept in every link, with `as_of` or `group` changed."""
    geographies = period.geographies(units)  # newest first, each named by its last day
    chosen_day = period.geography_day
    # The span holding the day shown: the oldest that ends on or after it (an as_of after the
    # period's end shows the newest units).
    current = next(
        (i for i in reversed(range(len(geographies))) if chosen_day <= geographies[i][0]), 0
    )
    geography_choices = tuple(
        Choice(label, _link(query, as_of=None if i == 0 else day.isoformat()), i == current)
        for i, (day, label) in enumerate(geographies)
    )
    groupable = can_group(table)
    grouped = groupable and query.get("group") == "former"
    grouping = ()
    if groupable:
        grouping = (
            Choice(_("Ranked"), _link(query, group=None), not grouped),
            Choice(_("By former district"), _link(query, group="former"), grouped),
        )
    ranked = ranking(table, indicator, grouped=grouped)
    return UnitDisplay(geography_choices, grouping, ranked, ranking_map(ranked, chart_id))
