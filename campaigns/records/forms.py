"""The record form (short, phone-first, limited to the units the user may record for) and the
records list's filters."""

import django_filters

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.models import UnitAssignment
from core.materials import countable_materials
from taxonomy.models import AdministrativeUnit

from ..access import units_for
from .models import MAX_PER_RECORD, ActivityRecord
from .unusual import unusual_reason
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
        self.fields["quantity"].error_messages["max_value"] = _(
            "No single activity reaches %(limit)s: check for an extra zero, or split the "
            "activity into several records."
        ) % {"limit": formats.number_format(MAX_PER_RECORD, force_grouping=True)}
        # A unit the user may not record for is not a choice, so a forged POST fails validation.
        self.fields["unit"].queryset = units_for(self.for_user)
        self.fields["material"].queryset = countable_materials()
        if not self.instance.pk:
            assigned = list(
                UnitAssignment.objects.current()
                .filter(user=self.for_user)
                .values_list("unit", flat=True)[:2]
            )
            if len(assigned) == 1:
                self.initial.setdefault("unit", assigned[0])

    def _post_clean(self):
        """After the model's own rules: a figure far outside the unit's history needs a reason
        (`campaigns.records.unusual`); with one it is saved and marked for the coordinator."""
        super()._post_clean()
        record = self.instance
        if self.errors or not (record.unit_id and record.indicator_id and record.quantity):
            return
        if self.instance.pk and not (
            {"unit", "indicator", "quantity", "date"} & set(self.changed_data)
        ):
            return  # nothing the check looks at changed: keep the mark and the reason as they are
        reason = unusual_reason(record)
        record.unusual = bool(reason)
        if reason and not record.unusual_note.strip():
            self.add_error(
                "unusual_note",
                _(
                    "%(reason)s If the figure is right, say why in a few words; otherwise correct it."
                )
                % {"reason": reason},
            )


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
