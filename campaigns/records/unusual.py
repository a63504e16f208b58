"""A figure far outside a unit's own history is not refused at entry; the person confirms it with
a short comment, and the record stays marked for the coordinator (`ActivityRecord.unusual`).

Far outside means either:

- above the indicator's ceiling per record, which a coordinator sets (`Indicator.ceiling`); or
- the month's total with this record more than `THRESHOLD` modified z-scores above the median of
  the unit's last `HISTORY_MONTHS` reported months of that indicator (Iglewicz and Hoaglin's
  test, which a single huge month cannot distort the way it distorts a mean). At least
  `MIN_HISTORY` months are needed to judge; only figures above are flagged, since the mistake
  this catches is an extra zero.

The record form runs it (`forms.ActivityRecordForm`); the spreadsheet import and the API do not.
"""

import math
import statistics

from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import formats
from django.utils.translation import gettext

from ..months import month_end, month_label, month_start
from .models import ActivityRecord

THRESHOLD = 3.5
HISTORY_MONTHS = 12
MIN_HISTORY = 3


def modified_z(value, history):
    """How far `value` sits above the median of `history`, in modified z-scores."""
    median = statistics.median(history)
    deviations = [abs(x - median) for x in history]
    mad = statistics.median(deviations)
    if mad:
        return 0.6745 * (value - median) / mad
    mean_deviation = statistics.fmean(deviations)
    if mean_deviation:
        return (value - median) / (1.253314 * mean_deviation)
    # Every month the same: only more than twice the usual month counts as far outside.
    return math.inf if value > 2 * median else 0.0


def _number(value):
    return formats.number_format(value, force_grouping=True)


def unusual_reason(record):
    """Why `record` (unsaved or changed) looks unusual, or None. Two queries at most."""
    indicator = record.indicator
    if indicator.ceiling and record.quantity > indicator.ceiling:
        return gettext(
            "%(quantity)s is more than the %(ceiling)s %(unit)s a record of %(indicator)s that "
            "the province expects at most."
        ) % {
            "quantity": _number(record.quantity),
            "ceiling": _number(indicator.ceiling),
            "unit": indicator.display_unit,
            "indicator": indicator.display_name,
        }
    first = month_start(record.date)
    others = ActivityRecord.objects.filter(unit_id=record.unit_id, indicator_id=indicator.pk)
    if record.pk:
        others = others.exclude(pk=record.pk)
    months = (
        others.filter(date__lt=first)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(total=Sum("quantity"))
        .order_by("-month")[:HISTORY_MONTHS]
    )
    history = [row["total"] for row in months]
    if len(history) < MIN_HISTORY:
        return None
    so_far = others.filter(date__range=(first, month_end(first))).aggregate(t=Sum("quantity"))["t"]
    value = (so_far or 0) + record.quantity
    if modified_z(value, history) <= THRESHOLD:
        return None
    return gettext(
        "%(value)s %(unit)s of %(indicator)s in %(month)s is far more than %(place)s usually "
        "records: %(median)s in a typical month of the last %(count)s."
    ) % {
        "value": _number(value),
        "unit": indicator.display_unit,
        "indicator": indicator.display_name,
        "month": month_label(first),
        "place": record.unit,
        "median": _number(round(statistics.median(history))),
        "count": len(history),
    }
