"""Which units a user may act for: the one place that decides it.

Coordinators hold `campaigns.record_for_any_unit`; everyone else is limited to the units of their
`UnitAssignment`s and the units below them. Every record, report, review, import and API route
asks here (records through `campaigns.records.access`).
"""

from accounts.models import UnitAssignment
from taxonomy.models import AdministrativeUnit


def unit_ids_for(user):
    """The ids of the units `user` may act for, or None for every unit."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.has_perm("campaigns.record_for_any_unit"):
        return None
    assigned = UnitAssignment.objects.current().filter(user=user).values_list("unit_id", flat=True)
    return AdministrativeUnit.descendant_ids(list(assigned))


def units_for(user):
    """The units `user` may act for, as choices for a form or a filter."""
    ids = unit_ids_for(user)
    units = AdministrativeUnit.objects.all()
    return units if ids is None else units.filter(pk__in=ids)


def can_view_report(user):
    """The province report shows every unit, so only those who may see every unit get it."""
    return user.has_perm("campaigns.view_activityrecord") and unit_ids_for(user) is None
