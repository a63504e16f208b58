"""The record form (short, phone-first, limited to the units the user may record for) and the
records list's filters."""

import django_filters

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.models import UnitAssignment
from core.materials import countable_materials
from taxonomy.models import AdministrativeUnit

from ..access import units_for
from .models import ActivityRecord
from .widgets import DayMonthYearInput


def unreadable_date_message():
    return _("This date cannot be read. Write it as day/month/year, for example 01/12/2026.")


class ActivityRecordForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # dd/mm/yyyy as staff write it; text that is not a date is an error, never today's date.
        self.fields["date"].widget = DayMonthYearInput()
        self.fields["date"].error_messages["invalid"] = unreadable_date_message()
        # A handful of indicators: radio buttons a thumb can reach, not a drop-down.
        indicator = self.fields["indicator"]
        indicator.empty_label = None
        indicator.widget = forms.RadioSelect(choices=indicator.choices)
        # A unit the user may not record for is not a choice, so a forged POST fails validation.
        self.fields["unit"].queryset = units_for(self.for_user)
        self.fields["material"].queryset = countable_materials()
        if not self.instance.pk:
            assigned = list(
                UnitAssignment.objects.filter(user=self.for_user).values_list("unit", flat=True)[:2]
            )
            if len(assigned) == 1:
                self.initial.setdefault("unit", assigned[0])


class ActivityRecordFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"),
        queryset=lambda request: units_for(request.user),
        method="filter_unit",
    )
    date = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)

    class Meta:
        model = ActivityRecord
        fields = ["unit", "indicator", "campaign", "date"]

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(unit_id__in=AdministrativeUnit.descendant_ids([unit.pk]))
