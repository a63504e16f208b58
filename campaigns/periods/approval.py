"""Which figures are approved: the ones the public sees.

A record is approved when its unit's month, or the month of a unit above it, is approved: a
coordinator approving Biên Hòa's July approves the July records of its communes too, exactly as
the lock does (`campaigns.periods.locks`). Everything here works on the unit tree the totals
service loads (`campaigns.totals.UnitTree`), so it costs one query for the approved months.
"""

from django.db.models import Q

from ..months import month_end, months_before, next_month
from .models import ReportingPeriod, units_reporting_in_month


def approved_units_by_month(tree):
    """{first day of a month: the ids of every unit whose records of that month are approved}."""
    approved = {}
    rows = ReportingPeriod.objects.filter(status=ReportingPeriod.Status.APPROVED)
    for unit_id, first in rows.values_list("unit_id", "month"):
        approved.setdefault(first, set()).update(tree.descendant_ids([unit_id]))
    return approved


def approved_records(approved, all_unit_ids, date_from=None, date_to=None):
    """A filter for the records `approved` (from `approved_units_by_month`) covers, limited to the
    months that overlap `date_from`..`date_to` so the query stays short.

    Months in a row approved for the same units are one date range, months approved for every
    unit need no unit condition, and where most units are approved the few that are not are
    named instead: a year approved to its end for the same units is a single condition.
    """
    runs = []  # [first day, last day, approved unit ids] of months in a row alike
    for first, unit_ids in sorted(approved.items()):
        last = month_end(first)
        if (date_from and last < date_from) or (date_to and first > date_to):
            continue
        if runs and next_month(runs[-1][1].replace(day=1)) == first and runs[-1][2] == unit_ids:
            runs[-1][1] = last
        else:
            runs.append([first, last, unit_ids])
    condition = Q(pk__in=[])
    for first, last, unit_ids in runs:
        in_range = Q(date__gte=first, date__lte=last)
        missing = all_unit_ids - unit_ids
        if not missing:
            condition |= in_range
        elif len(missing) < len(unit_ids):
            condition |= in_range & ~Q(unit_id__in=missing)
        else:
            condition |= in_range & Q(unit_id__in=unit_ids)
    return condition


def approved_through(start, end, tree, approved, today):
    """The last month from `start` on, up to `end` and not after last month, such that every
    unit reporting in each month until then had it approved; None when the first is not.

    "Số liệu đã duyệt đến hết tháng 10/2026" is this month: every figure up to its end is in.
    """
    first = start.replace(day=1)
    last_possible = min(end.replace(day=1), months_before(today.replace(day=1), 1))
    through = None
    while first <= last_possible:
        reporting = [unit.pk for unit in units_reporting_in_month(first, tree)]
        if not reporting or not set(reporting) <= approved.get(first, set()):
            break
        through = first
        first = next_month(first)
    return through
