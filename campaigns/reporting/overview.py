"""Where the monthly reporting stands, for the staff home screens: a few queries each, however
many units or records.

- `unit_months`: for district (local) staff, each of their units' month so far, last month's
  status and the indicators not yet recorded this month;
- `province_month`: for coordinators, the months awaiting approval, last month's reporting rate
  (as DHIS2 counts it: reports submitted or approved over reports expected), the units that have
  not reported, and the flags of last month's figures.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from accounts.models import UnitAssignment

from ..months import month_end, month_start, months_before
from ..periods.models import ReportingPeriod, units_reporting_in_month
from ..records.models import ActivityRecord, Indicator
from ..totals import UnitTree
from .plausibility import flags_by_unit

Status = ReportingPeriod.Status
# A month counts as reported once its staff submitted it; approval keeps it reported.
REPORTED = (Status.SUBMITTED, Status.APPROVED)


def _period(periods, unit, first):
    return periods.get((unit.pk, first)) or ReportingPeriod(unit=unit, month=first)


@dataclass
class UnitMonth:
    unit: object
    this_month: ReportingPeriod
    last_month: ReportingPeriod
    missing: list = field(default_factory=list)  # indicators without a record this month

    @property
    def last_month_reported(self):
        return self.last_month.status in REPORTED


def unit_months(user, today=None):
    """[UnitMonth] for each unit assigned to `user`, in four queries."""
    today = today or timezone.localdate()
    first = month_start(today)
    previous = months_before(first, 1)
    tree = UnitTree()
    assigned = UnitAssignment.objects.current().filter(user=user).values_list("unit_id", flat=True)
    units = sorted(
        (tree.units[pk] for pk in assigned if pk in tree.units), key=lambda u: (u.level, u.code)
    )
    if not units:
        return []
    periods = {
        (p.unit_id, p.month): p
        for p in ReportingPeriod.objects.filter(unit__in=units, month__in=[first, previous])
    }
    recorded = set(
        ActivityRecord.objects.filter(
            unit_id__in=tree.descendant_ids(u.pk for u in units),
            date__range=(first, month_end(first)),
        )
        .values_list("unit_id", "indicator_id")
        .distinct()
    )
    indicators = list(Indicator.objects.all())
    overview = []
    for unit in units:
        below = tree.descendant_ids([unit.pk])
        done = {indicator_id for unit_id, indicator_id in recorded if unit_id in below}
        overview.append(
            UnitMonth(
                unit=unit,
                this_month=_period(periods, unit, first),
                last_month=_period(periods, unit, previous),
                missing=[i for i in indicators if i.pk not in done],
            )
        )
    return overview


@dataclass
class ProvinceMonth:
    month: object  # the first day of last month
    expected: list  # the units that should have reported it
    not_reported: list
    awaiting: list  # the submitted periods, oldest month first
    awaiting_count: int
    flags: dict  # {unit: [Flag]}
    unusual: list  # records confirmed as unusual at entry, last month and this month

    @property
    def reported_count(self):
        return len(self.expected) - len(self.not_reported)

    @property
    def reporting_rate(self):
        """Percent of the expected reports that arrived (None when none were expected)."""
        if not self.expected:
            return None
        return round(100 * self.reported_count / len(self.expected))


def province_month(today=None, awaiting_shown=10, unusual_shown=10):
    """Last month across the province, for the coordinators' home screen, in eight queries."""
    today = today or timezone.localdate()
    previous = months_before(month_start(today), 1)
    tree = UnitTree()
    expected = units_reporting_in_month(previous, tree)
    reported = set(
        ReportingPeriod.objects.filter(
            unit__in=expected, month=previous, status__in=REPORTED
        ).values_list("unit_id", flat=True)
    )
    waiting = ReportingPeriod.objects.filter(status=Status.SUBMITTED)
    indicators = list(Indicator.objects.all())
    return ProvinceMonth(
        month=previous,
        expected=expected,
        not_reported=[unit for unit in expected if unit.pk not in reported],
        awaiting=list(
            waiting.select_related("unit").order_by("month", "unit__code")[:awaiting_shown]
        ),
        awaiting_count=waiting.count(),
        flags=flags_by_unit(expected, previous, tree, indicators=indicators),
        unusual=list(
            ActivityRecord.objects.filter(unusual=True, date__gte=previous)
            .select_related("unit", "indicator")
            .order_by("-date", "-pk")[:unusual_shown]
        ),
    )
