"""The areas readers find content by, and which tagged content shows under each.

Since the 2025 reform a reader lives in one of today's communes and wards, yet many still say
"Xuân Lộc", a district that no longer exists, and articles written before the reform are tagged
with the old districts. So an area is a commune or ward that exists today, or a district,
former ones included; a reader's list groups today's communes under the former district most of
each was formed from.

Content tagged with a unit shows under an area when one lies within the other (an old commune
within its district) or, across the reform, when they cover the same ground today: an article
for huyện Xuân Lộc shows under each commune that took part of it, and an article for one of those
communes shows under Xuân Lộc. Two former units never match through today's communes: an
article for Long Khánh does not show under Xuân Lộc because one commune took land from both.
"""

from functools import cached_property

from anyascii import anyascii

from django.utils import timezone

from core.page_cache import remember_in_process

from .geography import Geography
from .models import AdministrativeUnit

Level = AdministrativeUnit.Level


class Areas:
    def __init__(self, day=None):
        self.day = day or timezone.localdate()
        self._footprints = {}

    @classmethod
    def today(cls):
        """Today's areas, kept between requests until a change refreshes the pages
        (`core.page_cache`): building them reads every unit and succession, and every listing
        with the area filter needs them."""
        day = timezone.localdate()
        return remember_in_process(f"areas:{day.isoformat()}", lambda: cls(day))

    @cached_property
    def geography(self):
        # Two queries, run only when an area is looked up.
        return Geography(self.day)

    @property
    def units(self):
        return self.geography.units

    def is_area(self, unit):
        return unit.level == Level.DISTRICT or (
            unit.level == Level.COMMUNE and unit.existed_on(self.day)
        )

    @cached_property
    def all(self):
        """Every area, in code order."""
        return sorted(
            (unit for unit in self.units.values() if self.is_area(unit)), key=lambda u: u.code
        )

    def named(self, code):
        """The area a code names today (a code reused in 2025 names the new commune); None for
        a code naming no area."""
        found = [unit for unit in self.all if unit.code == code]
        found.sort(key=lambda unit: not unit.existed_on(self.day))
        return found[0] if found else None

    def tagged_ids_under(self, area):
        """The ids of every unit whose content shows under `area`."""
        return self._matching(area.pk, self._units_covering)

    def of_tag(self, tagged_id):
        """The areas content tagged with `tagged_id` shows under."""
        found = self._matching(tagged_id, self._areas_covering)
        return [area for area in self.all if area.pk in found]

    def now_covering(self, area):
        """Today's communes and wards that took over a former area, by name; empty for an area
        that still exists."""
        if area.existed_on(self.day):
            return []
        return _by_name(self.units[pk] for pk in self._footprint(area.pk))

    def formed_from(self, area):
        """The former districts a commune or ward of today was formed from, the one that gave it
        the most first."""
        return [
            unit
            for unit in self.geography.former_parents(area.pk)
            if unit.level == Level.DISTRICT and not unit.existed_on(self.day)
        ]

    @cached_property
    def groups(self):
        """[(former district, [today's communes formed mostly from it])], every district a
        group, those of the site's own province first; a commune formed from nothing the data
        describes is in a last group with no district."""
        own = self.geography.own_reporting_units
        communes = {}
        for commune in own:
            if commune.level != Level.COMMUNE:
                continue
            parents = [
                u for u in self.geography.former_parents(commune.pk) if u.level == Level.DISTRICT
            ]
            communes.setdefault(parents[0].pk if parents else None, []).append(commune)
        districts = [unit for unit in self.all if unit.level == Level.DISTRICT]
        own_provinces = {unit.parent_id for unit in own}
        districts.sort(key=lambda d: (d.parent_id not in own_provinces, d.parent_id, d.code))
        groups = [(d, _by_name(communes.get(d.pk, []))) for d in districts]
        if None in communes:
            groups.append((None, _by_name(communes[None])))
        return groups

    def _matching(self, pk, covering):
        """The ids of the units in `covering` (an index made by `_covering`) or in the unit's
        own line that match `pk` both ways: one lies within the other, or, when either exists
        today, their footprints share a unit of today. The relation is symmetric, so one index
        answers "the areas of a tag" and "the tags of an area" alike."""
        found = {*self._lineage(pk), *self._descendants(pk)}
        exists_today = self.units[pk].existed_on(self.day)
        for target in self._footprint(pk):
            for other in covering.get(target, ()):
                if exists_today or self.units[other].existed_on(self.day):
                    found.add(other)
        return found

    def _covering(self, units):
        """{unit of today: ids of the given units whose footprint includes it}."""
        index = {}
        for unit in units:
            for target in self._footprint(unit.pk):
                index.setdefault(target, set()).add(unit.pk)
        return index

    @cached_property
    def _areas_covering(self):
        return self._covering(self.all)

    @cached_property
    def _units_covering(self):
        return self._covering(self.units.values())

    @cached_property
    def _children(self):
        children = {}
        for unit in self.units.values():
            children.setdefault(unit.parent_id, []).append(unit.pk)
        return children

    def _descendants(self, pk):
        found, waiting = set(), [pk]
        while waiting:
            for child in self._children.get(waiting.pop(), ()):
                if child not in found:
                    found.add(child)
                    waiting.append(child)
        return found

    def _lineage(self, pk):
        chain = []
        while pk is not None and pk not in chain:
            chain.append(pk)
            pk = self.units[pk].parent_id
        return chain

    def _footprint(self, pk):
        """The units of today below a province that cover the unit's ground."""
        if pk not in self._footprints:
            self._footprints[pk] = frozenset(
                target
                for target in self.geography.allocate(pk)
                if self.units[target].level != Level.PROVINCE
            )
        return self._footprints[pk]


def _by_name(units):
    return sorted(units, key=lambda unit: (anyascii(unit.name).lower(), unit.name))
