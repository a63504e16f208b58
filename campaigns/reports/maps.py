"""A dot map of the province as server-rendered SVG: one circle per unit at its coordinates.

No map tiles, no outline from another host and no JavaScript: the units' own latitude and
longitude, projected equirectangularly (longitude shrunk by the cosine of the middle latitude, so
the province keeps its shape) and scaled to the box. A circle's area is proportional to the
unit's figure, so a unit with twice the figure has twice the ink; a unit with none is a small
hollow ring. `charts/dot_map.html` draws it; the ranked table beside it is its text alternative.
"""

import math
from dataclasses import dataclass

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

from .charts import BAR_COLOUR, TEXT_COLOUR, describe

WIDTH = 600
PADDING = 26  # room for the largest circle at the edge
LARGEST_RADIUS = 22
SMALLEST_RADIUS = 2.5  # a figure above 0 stays visible
EMPTY_RADIUS = 3
# A province taller than wide is drawn at most this tall, narrower instead.
HIGHEST = 720


@dataclass(frozen=True)
class Dot:
    label: str
    value: int
    x: float
    y: float
    r: float
    estimated: bool = False

    @property
    def hollow(self):
        return not self.value

    @property
    def title(self):
        text = f"{self.label}: {intcomma(self.value)}"
        if self.estimated:
            text += " (" + _("estimated") + ")"
        return text


@dataclass(frozen=True)
class DotMap:
    chart_id: str
    title: str
    description: str
    width: int
    height: int
    dots: tuple  # largest first, so a small circle is drawn on top of a large neighbour
    missing: tuple  # the labels of units without coordinates

    colour = BAR_COLOUR
    text_colour = TEXT_COLOUR


def radius(value, largest):
    """Area proportional to the value: the radius grows with its square root."""
    if not value or not largest:
        return EMPTY_RADIUS
    return max(SMALLEST_RADIUS, LARGEST_RADIUS * math.sqrt(value / largest))


def dot_map(chart_id, title, items):
    """The map of (unit, value, estimated) items; units without coordinates go to `missing`."""
    items = list(items)
    placed = [
        item for item in items if item[0].latitude is not None and item[0].longitude is not None
    ]
    missing = tuple(unit.full_name for unit, _value, _estimated in items if item_unplaced(unit))
    largest = max((value for _unit, value, _estimated in items), default=0)
    description = describe([(unit.full_name, value) for unit, value, _estimated in items])
    description += " " + _(
        "Each circle is a unit at its place in the province; its area shows the figure. "
        "Hollow rings: no records."
    )
    if not placed:
        return DotMap(chart_id, title, description, WIDTH, 0, (), missing)
    latitudes = [unit.latitude for unit, _value, _estimated in placed]
    longitudes = [unit.longitude for unit, _value, _estimated in placed]
    squeeze = math.cos(math.radians((min(latitudes) + max(latitudes)) / 2))
    span_x = (max(longitudes) - min(longitudes)) * squeeze
    span_y = max(latitudes) - min(latitudes)
    room = WIDTH - 2 * PADDING
    scale = room / max(span_x, span_y * room / (HIGHEST - 2 * PADDING), 1e-9)
    width = WIDTH
    height = round(span_y * scale + 2 * PADDING)
    offset_x = (room - span_x * scale) / 2 + PADDING
    dots = tuple(
        Dot(
            label=unit.full_name,
            value=value,
            x=round(offset_x + (unit.longitude - min(longitudes)) * squeeze * scale, 1),
            y=round(PADDING + (max(latitudes) - unit.latitude) * scale, 1),
            r=round(radius(value, largest), 2),
            estimated=estimated,
        )
        for unit, value, estimated in sorted(placed, key=lambda item: (-item[1], item[0].code))
    )
    return DotMap(chart_id, title, description, width, height, dots, missing)


def item_unplaced(unit):
    return unit.latitude is None or unit.longitude is None


def ranking_map(ranking, chart_id):
    """The dot map of a `ranking.Ranking`."""
    title = _("%(indicator)s on the map") % {"indicator": ranking.column.label}
    return dot_map(chart_id, title, ranking.items())
