"""Which admin screens work offline, and the forms they queue: named once, here."""

from django.urls import reverse

from ..records.models import ActivityRecord
from ..records.views import ActivityRecordViewSet


def record_form_url():
    return reverse("activity_records:add")


def staff_screens():
    """The URL of each staff entry screen. Each is the scope of one service-worker registration,
    so the worker controls these screens and no other admin page. The month entry screens share
    one scope (its start screen's URL), which covers every unit's and month's form."""
    return [record_form_url(), reverse("campaigns_my_totals"), month_entry_url()]


def month_entry_url():
    return reverse("campaigns_month_entry_start")


def record_form_class():
    """The record form exactly as the admin's create screen builds it (units limited to the
    user's, the model's rules, the month's lock), so a queued record meets the same checks."""
    return ActivityRecordViewSet.edit_handler.bind_to_model(ActivityRecord).get_form_class()
