"""Flags for figures a coordinator should look at twice before approving a month. They never block.

- more sessions than attendees (an indicator with attendees whose quantity exceeds them);
- a month ten times the unit's usual: more than `UNUSUAL_FACTOR` times the average of the unit's
  months with records of that indicator in the twelve months before.
All figures come from `campaigns.totals`.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext

from ..months import month_end, month_key, months_before
from ..records.models import Indicator
from ..totals import Filters, totals

UNUSUAL_FACTOR = 10


@dataclass(frozen=True)
class Flag:
    indicator: Indicator
    message: str


def month_rows(unit, first, tree=None):
    """The unit's totals for the month (with everything below it), one row per indicator."""
    return totals(
        ("indicator",),
        Filters(units=(unit,), date_from=first, date_to=month_end(first)),
        tree=tree,
    )


def flags(unit, first, rows, tree=None):
    """The flags for `unit`'s month, given its `month_rows`."""
    history = totals(
        ("indicator", "month"),
        Filters(
            units=(unit,),
            date_from=months_before(first, 12),
            date_to=first - datetime.timedelta(days=1),
        ),
        tree=tree,
    )
    return _flags(first, rows, history)


def flags_by_unit(units, first, tree, indicators=None):
    """{unit: its month's flags} for many units in two queries however many (the coordinators'
    home screen): each unit's figures are those of its whole subtree, as in `month_rows`."""
    wanted = {unit.pk for unit in units}
    if not wanted:
        return {}
    common = {"roll_up": True, "tree": tree, "indicators": indicators}
    rows = totals(
        ("unit", "indicator"),
        Filters(units=tuple(units), date_from=first, date_to=month_end(first)),
        **common,
    )
    history = totals(
        ("unit", "indicator", "month"),
        Filters(
            units=tuple(units),
            date_from=months_before(first, 12),
            date_to=first - datetime.timedelta(days=1),
        ),
        **common,
    )
    found = {}
    for unit in units:
        unit_rows = [row for row in rows if row["unit"] is not None and row["unit"].pk == unit.pk]
        if not unit_rows:
            continue
        unit_history = [
            row for row in history if row["unit"] is not None and row["unit"].pk == unit.pk
        ]
        if unit_flags := _flags(first, unit_rows, unit_history):
            found[unit] = unit_flags
    return found


def _flags(first, rows, history):
    found = []
    for row in rows:
        indicator = row["indicator"]
        if (
            indicator.second_measure == Indicator.SecondMeasure.ATTENDEES
            and row["attendees"] is not None
            and row["quantity"] > row["attendees"]
        ):
            found.append(
                Flag(
                    indicator,
                    gettext(
                        "%(indicator)s: %(quantity)s sessions but only %(attendees)s attendees."
                    )
                    % {
                        "indicator": indicator,
                        "quantity": row["quantity"],
                        "attendees": row["attendees"],
                    },
                )
            )
    months = {}
    for row in history:
        months.setdefault(row["indicator"].pk, []).append(row["quantity"])
    for row in rows:
        past = months.get(row["indicator"].pk)
        if not past:
            continue
        usual = sum(past) / len(past)
        if row["quantity"] >= UNUSUAL_FACTOR * usual:
            found.append(
                Flag(
                    row["indicator"],
                    gettext(
                        "%(indicator)s: %(quantity)s in %(month)s, more than ten times the "
                        "usual %(usual)s a month."
                    )
                    % {
                        "indicator": row["indicator"],
                        "quantity": row["quantity"],
                        "month": month_key(first),
                        "usual": round(usual),
                    },
                )
            )
    return found
