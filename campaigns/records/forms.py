"""The record form (short, phone-first, limited to the units the user may record for) and the
records list's filters."""

import django_filters

from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.models import UnitAssignment
from core.materials import countable_materials
from taxonomy.models import AdministrativeUnit

from ..access import units_for
from .models import ActivityRecord


class ActivityRecordForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
