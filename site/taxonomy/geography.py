"""The units as they stood on one day, and how any unit's figures land on them.

A total "in the geography of" a day counts each record under the reporting unit of that day
that covers the record's unit: its own district or commune when the unit existed that day, the
units that replaced it (by their shares) when it had ended, and the units it was formed from
(in proportion to what each gave it) when it did not exist yet. Weights are exact fractions;
rounding to whole numbers is the caller's, so that totals still add up.
"""

import datetime
from fractions import Fraction
from functools import cached_property

from django.conf import settings

from .models import AdministrativeUnit, UnitSuccession

ONE = Fraction(1)


class Geography:
    def __init__(self, day, units=None, successions=None):
        """`units` ({id: AdministrativeUnit}) and `successions` ((predecessor id, successor id,
        share) triples) save their queries when the caller already has them."""
        self.day = day
        self.units = units if units is not None else AdministrativeUnit.objects.in_bulk()
        if successions is None:
            successions = UnitSuccession.objects.values_list(
                "predecessor_id", "successor_id", "share"
            )
        self.forward, self.backward = {}, {}
        for predecessor, successor, share in successions:
            self.forward.setdefault(predecessor, []).append((successor, Fraction(share)))
            self.backward.setdefault(successor, []).append((predecessor, Fraction(share)))
        self._allocations = {}

    def __repr__(self):
        return f"<Geography of {self.day.isoformat()}>"

    def is_reporting_unit(self, unit):
        """Reports list the units directly below a province: districts before the 2025 reform,
        communes and wards after it."""
        parent = self.units.get(unit.parent_id)
        return (
            unit.existed_on(self.day)
            and parent is not None
            and parent.level == AdministrativeUnit.Level.PROVINCE
        )

    @cached_property
    def reporting_units(self):
        """The reporting units of the day, in code order."""
        found = [unit for unit in self.units.values() if self.is_reporting_unit(unit)]
        return sorted(found, key=lambda unit: unit.code)

    @property
    def own_reporting_units(self):
        """The reporting units of the site's own province (`PROVINCE_CODE`): those a report lists
        even without figures. Another province's (Bình Phước's districts in 2024) appear only
        where figures of their area land on them."""
        return [
            unit
            for unit in self.reporting_units
            if self.units[unit.parent_id].code == settings.PROVINCE_CODE
        ]

    def allocate(self, unit_id):
        """{reporting unit id: weight} for the figures of one unit; the weights add up to 1.

        A province's own figures stay with the province (or the province that absorbed it).
        """
        if unit_id not in self._allocations:
            self._allocations[unit_id] = self._allocate(unit_id, frozenset())
        return self._allocations[unit_id]

    def _allocate(self, unit_id, visiting):
        unit = self.units[unit_id]
        visiting = visiting | {unit_id}
        if unit.existed_on(self.day):
            for pk in self._chain(unit):
                candidate = self.units[pk]
                if (
                    self.is_reporting_unit(candidate)
                    or candidate.level == AdministrativeUnit.Level.PROVINCE
                ):
                    return {pk: ONE}
            return {unit_id: ONE}
        if unit.valid_to is not None and unit.valid_to < self.day:
            links = self.forward.get(unit_id, [])
        else:
            links = self._finest(self.backward.get(unit_id, []))
        links = [(pk, share) for pk, share in links if pk not in visiting]
        if not links:
            # A change nobody described: the figures stay with the nearest unit above.
            if unit.parent_id is not None and unit.parent_id not in visiting:
                return self._allocate(unit.parent_id, visiting)
            return {unit_id: ONE}
        total = sum(share for _pk, share in links)
        weights = {}
        for pk, share in links:
            for target, weight in self._allocate(pk, visiting).items():
                weights[target] = weights.get(target, 0) + weight * share / total
        return weights

    def former_parents(self, unit_id):
        """The units above the ones `unit_id` was formed from, the one that gave it the most
        first: for a commune formed in 2025, the former district(s) of the old communes it
        merged. What each gave is its share of its area (of its share alone when the area is
        unknown). Empty for a unit formed from nothing the data describes."""
        given = {}
        for pk, share in self._finest(self.backward.get(unit_id, [])):
            predecessor = self.units[pk]
            if predecessor.parent_id is None:
                continue
            area = predecessor.area_km2
            amount = share * (Fraction(str(area)) if area else ONE)
            given[predecessor.parent_id] = given.get(predecessor.parent_id, 0) + amount
        order = sorted(given, key=lambda pk: (-given[pk], self.units[pk].code))
        return [self.units[pk] for pk in order]

    def _finest(self, links):
        """Of the units a unit was formed from, those at the finest level: a new commune is
        spread over the old communes it merged, not again over their districts, whose
        successions only summarise their communes'."""
        if not links:
            return links
        finest = max(self.units[pk].level for pk, _share in links)
        return [(pk, share) for pk, share in links if self.units[pk].level == finest]

    def _chain(self, unit):
        chain, pk = [], unit.pk
        while pk is not None and pk not in chain:
            chain.append(pk)
            pk = self.units[pk].parent_id
        return chain


def change_days(date_from, date_to, units=None):
    """The days within [date_from, date_to] on which the set of units changed, oldest first."""
    units = units if units is not None else AdministrativeUnit.objects.all()
    days = set()
    for unit in units.values() if isinstance(units, dict) else units:
        if unit.valid_from and date_from < unit.valid_from <= date_to:
            days.add(unit.valid_from)
        if unit.valid_to and date_from <= unit.valid_to < date_to:
            days.add(unit.valid_to + datetime.timedelta(days=1))
    return sorted(days)
