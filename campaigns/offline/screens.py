"""Which admin screens work offline, and the record form they queue: named once, here."""

from django.urls import reverse

from ..records.models import ActivityRecord
from ..records.views import ActivityRecordViewSet


def record_form_url():
    return reverse("activity_records:add")


def staff_screens():
    """The URL of each staff entry screen. Each is the scope of one service-worker registration,
    so the worker controls these screens and no other admin page. The monthly entry form joins
    this list when it exists."""
    return [record_form_url(), reverse("campaigns_my_totals")]


def record_form_class():
    """The record form exactly as the admin's create screen builds it (units limited to the
    user's, the model's rules, the month's lock), so a queued record meets the same checks."""
    return ActivityRecordViewSet.edit_handler.bind_to_model(ActivityRecord).get_form_class()
