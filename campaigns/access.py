"""Who may see and change which activity records: the one place that decides it.

Every admin screen, filter, export and API route gets its records and unit choices from here.
Coordinators hold `campaigns.record_for_any_unit`; everyone else with record permissions is
limited to the units of their `UnitAssignment`s and the units below them.
"""

from accounts.models import UnitAssignment
from taxonomy.models import AdministrativeUnit

from .models import ActivityRecord

ACTIONS = ("view", "add", "change", "delete")


def unit_ids_for(user):
    """The ids of the units `user` may record for, or None for every unit."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.has_perm("campaigns.record_for_any_unit"):
        return None
    assigned = UnitAssignment.objects.filter(user=user).values_list("unit_id", flat=True)
    return AdministrativeUnit.descendant_ids(list(assigned))


def units_for(user):
    """The units `user` may record for, as choices for a form or a filter."""
    ids = unit_ids_for(user)
    units = AdministrativeUnit.objects.all()
    return units if ids is None else units.filter(pk__in=ids)


def records_for(user, action="view"):
    """The records `user` may `action` (view, add, change, delete)."""
    if action not in ACTIONS:
        raise ValueError(action)
    records = ActivityRecord.objects.all()
    if not user.has_perm(f"campaigns.{action}_activityrecord"):
        return records.none()
    ids = unit_ids_for(user)
    return records if ids is None else records.filter(unit_id__in=ids)


def can_record_for(user, unit, action="add"):
    if not user.has_perm(f"campaigns.{action}_activityrecord"):
        return False
    ids = unit_ids_for(user)
    return ids is None or unit.pk in ids


def can_view_report(user):
    """The province report shows every unit, so only those who may see every unit get it."""
    return user.has_perm("campaigns.view_activityrecord") and unit_ids_for(user) is None
