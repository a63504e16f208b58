"""Who may see and change which activity records: the one place that decides it.

Every record screen, filter, export and API route gets its records from here, limited to the
units `campaigns.access` gives the user.
"""

from ..access import unit_ids_for
from .models import ActivityRecord

ACTIONS = ("view", "add", "change", "delete")


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
