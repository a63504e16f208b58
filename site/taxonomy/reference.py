"""The province's administrative units as the reference packages give them.

Two maintained packages from PyPI, read as data (their address parsers are not used):

- `vietnamadminunits`: every unit before and after the 2025 reform with coordinates, the new
  communes' areas, and which old communes went into which new one (a few were divided);
- `vietnam-provinces`: the official list of today's units with their codes.

Today's communes take their codes from the official list and everything else from the first
package, matched by name; `reference_units` refuses data where the two disagree on the names.
"""

import datetime
import importlib.util
import json
import sqlite3
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from .models import AdministrativeUnit, UnitSuccession

# Resolution 202/2025/QH15: the new provinces and communes took office on 1 July 2025.
REFORM_DAY = datetime.date(2025, 7, 1)
LAST_DAY_BEFORE_REFORM = REFORM_DAY - datetime.timedelta(days=1)
SHARE_PLACES = 6


class ReferenceDataError(Exception):
    """The packages' data cannot be loaded as it is; nothing was written."""


@dataclass
class ReferenceUnit:
    code: str
    name: str
    designation: str
    level: int
    parent: tuple | None = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    latitude: float | None = None
    longitude: float | None = None
    area_km2: float | None = None
    # {key of the unit that took over part of it: share}
    successors: dict = field(default_factory=dict)

    @property
    def key(self):
        return (self.code, self.valid_from)


def _package_file(package, name):
    """A data file inside an installed package, found without importing the package (importing
    `vietnamadminunits` loads its geocoder and geometry libraries, which loading units never uses).
    """
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ReferenceDataError(_("The package %(name)s is not installed.") % {"name": package})
    return Path(spec.submodule_search_locations[0]) / name


def _rows(sql, *parameters):
    path = _package_file("vietnamadminunits", "data/dataset.db")
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(sql, parameters)]


def _official_list(province_code):
    """The province in the official list: {"name", "division_type", "wards": [...]}."""
    path = _package_file("vietnam_provinces", "data/nested-divisions.json")
    provinces = json.loads(path.read_text(encoding="utf-8"))
    province = next((p for p in provinces if str(p["code"]) == province_code), None)
    if province is None:
        raise ReferenceDataError(
            _("The official list has no province with code %(code)s.") % {"code": province_code}
        )
    return province


def _designation(kind):
    return (kind or "").strip().lower()


def _shares(weights):
    """{key: share} with six decimals adding up to exactly 1 (largest remainder)."""
    total = sum(weights.values())
    unit = Fraction(1, 10**SHARE_PLACES)
    exact = {key: Fraction(weight) / total / unit for key, weight in weights.items()}
    whole = {key: int(value) for key, value in exact.items()}
    missing = 10**SHARE_PLACES - sum(whole.values())
    for key in sorted(exact, key=lambda k: (whole[k] - exact[k], str(k)))[:missing]:
        whole[key] += 1
    return {key: Decimal(value).scaleb(-SHARE_PLACES) for key, value in whole.items() if value}


def reference_units(province_code):
    """Every unit of the province today and of the provinces it absorbed in 2025, with their
    successions, as ReferenceUnits ordered parents first."""
    new_rows = _rows("SELECT * FROM admin_units WHERE provinceCode = ?", province_code)
    if not new_rows:
        raise ReferenceDataError(
            _("The reference data has no province with code %(code)s.") % {"code": province_code}
        )
    converter = json.loads(
        _package_file("vietnamadminunits", "data/converter_2025.json").read_text("utf-8")
    )
    province_key = new_rows[0]["provinceKey"]
    old_province_keys = converter["DICT_PROVINCE"][province_key]
    marks = ",".join("?" * len(old_province_keys))
    old_rows = _rows(
        f"SELECT * FROM admin_units_legacy WHERE provinceKey IN ({marks})", *old_province_keys
    )

    official_province = _official_list(province_code)
    official = {ward["name"]: f"{ward['code']:05d}" for ward in official_province["wards"]}
    by_name = {row["ward"]: row for row in new_rows}
    if set(official) != set(by_name):
        raise ReferenceDataError(
            _("The two reference packages list different units: %(names)s")
            % {"names": ", ".join(sorted(set(official) ^ set(by_name)))}
        )

    first = new_rows[0]
    province = ReferenceUnit(
        code=province_code,
        name=official_province["name"],
        designation=_designation(official_province["division_type"]),
        level=AdministrativeUnit.Level.PROVINCE,
        latitude=first["provinceLat"],
        longitude=first["provinceLon"],
    )
    units = {province.key: province}
    new_by_ward_key = {}
    for row in sorted(new_rows, key=lambda row: official[row["ward"]]):
        unit = ReferenceUnit(
            code=official[row["ward"]],
            name=row["wardShort"],
            designation=_designation(row["wardType"]),
            level=AdministrativeUnit.Level.COMMUNE,
            parent=province.key,
            valid_from=REFORM_DAY,
            latitude=row["wardLat"],
            longitude=row["wardLon"],
            area_km2=row["wardAreaKm2"],
        )
        units[unit.key] = unit
        new_by_ward_key[row["wardKey"]] = unit

    old_communes, district_communes = {}, {}
    for row in old_rows:
        old_province = ReferenceUnit(
            code=row["provinceCode"],
            name=row["provinceShort"],
            designation=_designation(row["province"].removesuffix(row["provinceShort"])),
            level=AdministrativeUnit.Level.PROVINCE,
            latitude=row["provinceLat"],
            longitude=row["provinceLon"],
        )
        if old_province.code != province_code:
            # A province absorbed in 2025 ends the day before and hands over its whole area.
            old_province.valid_to = LAST_DAY_BEFORE_REFORM
            old_province.successors = {province.key: Decimal(1)}
            units.setdefault(old_province.key, old_province)
        district = ReferenceUnit(
            code=row["districtCode"],
            name=row["districtShort"],
            designation=_designation(row["districtType"]),
            level=AdministrativeUnit.Level.DISTRICT,
            parent=old_province.key,
            valid_to=LAST_DAY_BEFORE_REFORM,
            latitude=row["districtLat"],
            longitude=row["districtLon"],
        )
        units.setdefault(district.key, district)
        commune = ReferenceUnit(
            code=row["wardCode"],
            name=row["wardShort"],
            designation=_designation(row["wardType"]),
            level=AdministrativeUnit.Level.COMMUNE,
            parent=district.key,
            valid_to=LAST_DAY_BEFORE_REFORM,
            latitude=row["wardLat"],
            longitude=row["wardLon"],
        )
        units[commune.key] = commune
        old_communes[f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}"] = commune
        district_communes.setdefault(district.key, []).append(commune)

    _commune_successions(converter, province_key, old_communes, new_by_ward_key)
    for district_key, communes in district_communes.items():
        # No areas for the old communes in the data: a district's share in each new commune is
        # the share of its communes that went there (docs/reform.md).
        weights = {}
        for commune in communes:
            for successor, share in commune.successors.items():
                weights[successor] = weights.get(successor, 0) + Fraction(share)
        units[district_key].successors = _shares(weights)
    return sorted(
        units.values(),
        key=lambda unit: (unit.level, unit.code, unit.valid_from or datetime.date.min),
    )


def _commune_successions(converter, province_key, old_communes, new_by_ward_key):
    whole = converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(province_key, {})
    divided = converter["DICT_PROVINCE_WARD_DIVIDED"].get(province_key, {})
    for ward_key, old_keys in whole.items():
        for old_key in old_keys:
            old_communes[old_key].successors = {new_by_ward_key[ward_key].key: Decimal(1)}
    for old_key, parts in divided.items():
        # The data gives the areas of the new communes, not of the pieces: each piece's share is
        # taken in proportion to the area of the commune it went to (docs/reform.md).
        old_communes[old_key].successors = _shares(
            {
                new_by_ward_key[part["newWardKey"]].key: Fraction(part["newWardAreaKm2"])
                for part in parts
            }
        )
    orphans = sorted(unit.code for unit in old_communes.values() if not unit.successors)
    if orphans:
        raise ReferenceDataError(
            _("The reference data gives no new unit for: %(codes)s") % {"codes": ", ".join(orphans)}
        )


@dataclass
class Changes:
    """What one load did, for the command to report."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: int = 0
    successions_written: int = 0
    successions_removed: int = 0
    not_in_reference: int = 0


_FIELDS = (
    "name",
    "designation",
    "level",
    "valid_from",
    "valid_to",
    "latitude",
    "longitude",
    "area_km2",
)


def _stored_unit(stored_by_code, item):
    """The unit already stored for a reference unit: the same code, at the same level, for an
    overlapping time (units typed in before the reference data had other start dates)."""
    start, end = item.valid_from or datetime.date.min, item.valid_to or datetime.date.max
    for unit in stored_by_code.get(item.code, ()):
        if (
            unit.level == item.level
            and (unit.valid_from or datetime.date.min) <= end
            and start <= (unit.valid_to or datetime.date.max)
        ):
            return unit
    return None


@transaction.atomic
def load(province_code):
    """Create or update the province's units and successions from the reference data.

    Idempotent: a second load changes nothing. Units the reference does not know (added by a
    coordinator) are left as they are, and so are the successions of units it says still exist.
    """
    reference = reference_units(province_code)
    changes = Changes()
    stored = list(AdministrativeUnit.objects.all())
    stored_by_code = {}
    for unit in stored:
        stored_by_code.setdefault(unit.code, []).append(unit)
    saved = {}
    for item in reference:
        unit = _stored_unit(stored_by_code, item)
        wanted = {name: getattr(item, name) for name in _FIELDS}
        wanted["parent_id"] = saved[item.parent].pk if item.parent else None
        if unit is None:
            unit = AdministrativeUnit(code=item.code, **wanted)
            unit.save()
            changes.created.append(unit)
        else:
            differs = [name for name, value in wanted.items() if getattr(unit, name) != value]
            if differs:
                for name in differs:
                    setattr(unit, name, wanted[name])
                unit.save(update_fields=differs)
                changes.updated.append(unit)
            else:
                changes.unchanged += 1
        saved[item.key] = unit
    changes.not_in_reference = len({u.pk for u in stored} - {u.pk for u in saved.values()})

    for item in reference:
        if not item.successors:
            continue
        unit = saved[item.key]
        wanted = {saved[key].pk: share for key, share in item.successors.items()}
        current = {s.successor_id: s for s in UnitSuccession.objects.filter(predecessor=unit)}
        for successor_id, succession in current.items():
            if successor_id not in wanted:
                succession.delete()
                changes.successions_removed += 1
        for order, (successor_id, share) in enumerate(sorted(wanted.items())):
            succession = current.get(successor_id)
            if succession is None or succession.share != share or succession.sort_order != order:
                UnitSuccession.objects.update_or_create(
                    predecessor=unit,
                    successor_id=successor_id,
                    defaults={"share": share, "sort_order": order},
                )
                changes.successions_written += 1
    return changes
