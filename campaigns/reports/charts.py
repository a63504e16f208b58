"""Charts as server-rendered SVG: they work without JavaScript, weigh a few kilobytes and print.

This module lays the shapes out and writes the text alternative; `campaigns/reports/charts/*.html`
draws them, so labels are escaped and numbers formatted for the reader's language like any other
template value. Every chart carries a title and a description, and the page shows the same
numbers in a table. The units' dot map is `maps.py`.
"""

from dataclasses import dataclass

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

# Dark blue bars on white (8.3:1) and near-black text (16:1): well above the 3:1 WCAG 2.2 asks
# of graphics and the 4.5:1 it asks of text.
BAR_COLOUR = "#0b4f8a"
TEXT_COLOUR = "#1b1b1b"
AXIS_COLOUR = "#4a4a4a"

# Columns for the monthly trend.
COLUMN_SLOT = 48
PLOT_HEIGHT = 180
TOP_ROOM = 24  # above the tallest column, for its number
AXIS_ROOM = 28  # below the axis, for the month labels
SECOND_LINE_ROOM = 16  # below them, for the year


@dataclass(frozen=True)
class Mark:
    """One column: where to draw it and what it stands for."""

    label: str
    value: int
    axis_label: str  # under the axis: the label, or a shorter first line of it
    axis_second: str  # a second line under it, or ""
    x: float
    y: float
    width: float
    height: float

    @property
    def centre_x(self):
        return self.x + self.width / 2


@dataclass(frozen=True)
class Chart:
    chart_id: str
    title: str
    description: str
    width: int
    height: int
    marks: tuple
    baseline: float = 0

    bar_colour = BAR_COLOUR
    text_colour = TEXT_COLOUR
    axis_colour = AXIS_COLOUR


def _scale(values, room):
    """The length one unit of value gets, so the largest value fills `room`."""
    largest = max(values, default=0)
    return room / largest if largest else 0


def describe(items):
    """The text alternative's gist: the largest and the smallest value, with their labels."""
    if not items:
        return _("No records.")
    high = max(items, key=lambda item: item[1])
    low = min(items, key=lambda item: item[1])
    return _("Highest: %(high)s, %(high_value)s. Lowest: %(low)s, %(low_value)s.") % {
        "high": high[0],
        "high_value": intcomma(high[1]),
        "low": low[0],
        "low_value": intcomma(low[1]),
    }


def column_chart(chart_id, title, items, axis_labels=None):
    """Vertical columns over time, one per (label, value), left to right.

    `axis_labels`, one (first line, second line) per column, write the labels shorter under the
    axis: "07" over "2026" rather than "07/2026", which a column has no room for beside the next
    one. The text alternative keeps the whole labels.
    """
    items = list(items)
    axis_labels = axis_labels or [(label, "") for label, _value in items]
    scale = _scale([value for _, value in items], PLOT_HEIGHT)
    baseline = TOP_ROOM + PLOT_HEIGHT
    marks = tuple(
        Mark(
            label=label,
            value=value,
            axis_label=axis[0],
            axis_second=axis[1],
            x=slot * COLUMN_SLOT + 8,
            y=baseline - value * scale,
            width=COLUMN_SLOT - 16,
            height=value * scale,
        )
        for slot, ((label, value), axis) in enumerate(zip(items, axis_labels, strict=True))
    )
    width = max(len(items), 1) * COLUMN_SLOT
    below = AXIS_ROOM + (SECOND_LINE_ROOM if any(second for _first, second in axis_labels) else 0)
    return Chart(
        chart_id, title, describe(items), width, baseline + below, marks, baseline=baseline
    )
