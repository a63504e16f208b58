"""The month's entry form of one unit, like DHIS2's data-entry screen: every indicator on one
phone-width screen, the second measures beside them, last month's and the same month last year's
figures for reference, saved as records of that month (one per indicator filled in).

Each record passes the same rules as the record form (the model's, the month's lock, the unusual
figure check of `unusual.py`); if one fails, none is saved.
"""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from core.admin_views import AdminScreenMixin
from taxonomy.models import AdministrativeUnit

from ..access import unit_ids_for, units_for
from ..months import (
    month_end,
    month_format_message,
    month_key,
    month_label,
    month_start,
    months_before,
    parse_month,
)
from ..periods.locks import PeriodLocked, lock_reasons
from .models import MAX_PER_RECORD, ActivityRecord, Indicator
from .unusual import unusual_reason

MEASURES = ("quantity", "attendees", "minutes")


def _number_input():
    return forms.NumberInput(
        attrs={"inputmode": "numeric", "min": 0, "class": "month-entry__number"}
    )


class MonthEntryForm(forms.Form):
    """Per indicator: `quantity-<pk>`, its second measure `attendees-<pk>` or `minutes-<pk>`, and
    `reason-<pk>` for an unusual figure."""

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"quantity-{indicator.pk}"] = forms.IntegerField(
                label=indicator.display_unit,
                required=False,
                min_value=1,
                max_value=MAX_PER_RECORD,
                widget=_number_input(),
            )
            if measure := indicator.second_measure:
                self.fields[f"{measure}-{indicator.pk}"] = forms.IntegerField(
                    label=indicator.get_second_measure_display(),
                    required=False,
                    min_value=0,
                    max_value=MAX_PER_RECORD,
                    widget=_number_input(),
                )
            self.fields[f"reason-{indicator.pk}"] = forms.CharField(
                label=_("why this figure is right"), required=False, max_length=300
            )

    def rows(self):
        """(indicator, quantity field, second measure field or None, reason field) for display."""
        for indicator in self.indicators:
            measure = indicator.second_measure
            yield (
                indicator,
                self[f"quantity-{indicator.pk}"],
                self[f"{measure}-{indicator.pk}"] if measure else None,
                self[f"reason-{indicator.pk}"],
            )


def reference_figures(unit, first):
    """{indicator id: {"so_far" | "last_month" | "last_year": {measure: sum}}} of the unit's own
    records in the month, the month before and the same month a year before, in one query."""
    last_month, last_year = months_before(first, 1), months_before(first, 12)
    names = {first: "so_far", last_month: "last_month", last_year: "last_year"}
    records = ActivityRecord.objects.filter(unit=unit).filter(
        Q(date__range=(last_year, month_end(last_year)))
        | Q(date__range=(last_month, month_end(first)))
    )
    found = {}
    for row in (
        records.annotate(month=TruncMonth("date"))
        .values("indicator_id", "month")
        .annotate(**{f"sum_{m}": Sum(m) for m in MEASURES})
        .order_by()
    ):
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        found.setdefault(row["indicator_id"], {})[names[month]] = {
            m: row[f"sum_{m}"] for m in MEASURES
        }
    return found


class MonthNotOpen(Exception):
    """The account may not fill in this unit's month (not a month, not a unit of theirs, not yet
    begun); `reason` says why, in the user's language."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class MonthEntry:
    """One unit's month as an account fills it in: the rules and the save shared by the form's
    screen and the offline queue's replay (`campaigns.offline.views.QueuedMonthView`), so a month
    sent from a phone later meets exactly the checks of the screen."""

    def __init__(self, user, unit, first):
        self.user, self.unit, self.first = user, unit, first

    @classmethod
    def open(cls, user, unit_code, month):
        """The month `month` ("2024-07") of the unit `unit_code` names then, for `user`; raises
        `MonthNotOpen`."""
        try:
            first = parse_month(month)
        except ValueError as error:
            raise MonthNotOpen(month_format_message()) from error
        if first > month_start(timezone.localdate()):
            raise MonthNotOpen(gettext("This month has not started yet."))
        # A code names the unit of that month: some communes formed in 2025 took an old code.
        unit = AdministrativeUnit.objects.named(unit_code, on=first)
        if unit is None:
            raise MonthNotOpen(
                gettext("There is no unit with the code “%(code)s”.") % {"code": unit_code}
            )
        ids = unit_ids_for(user)
        if ids is not None and unit.pk not in ids:
            raise MonthNotOpen(
                gettext("You may not record activity for %(unit)s.") % {"unit": unit}
            )
        return cls(user, unit, first)

    @cached_property
    def indicators(self):
        return list(Indicator.objects.all())

    @cached_property
    def lock_reason(self):
        return lock_reasons([self.unit.pk], self.first)[self.unit.pk]

    @property
    def record_day(self):
        """The day the month's records carry: its last, or today in the month under way."""
        return min(month_end(self.first), timezone.localdate())

    def form(self, data=None):
        return MonthEntryForm(data, indicators=self.indicators)

    def success_message(self, count):
        return gettext("%(count)s records of %(month)s saved for %(unit)s.") % {
            "count": count,
            "month": month_label(self.first),
            "unit": self.unit,
        }

    def save(self, form):
        """Save the month's records, all or none; returns them, or [] with the reasons on the
        form (the month's lock among them)."""
        if self.lock_reason:
            form.add_error(None, self.lock_reason)
            return []
        if not form.is_valid():
            return []
        records = self.build_records(form)
        if form.errors:
            return []
        if not records:
            form.add_error(None, gettext("Fill in at least one indicator."))
            return []
        try:
            with transaction.atomic():
                for record in records:
                    record.save()
        except PeriodLocked as locked:
            for reason in locked.message_dict.get("date", locked.messages):
                form.add_error(None, reason)
            return []
        return records

    def build_records(self, form):
        """The month's new records, each checked as the record form checks one; errors go on
        the row's fields."""
        records = []
        for indicator in self.indicators:
            data = form.cleaned_data
            quantity = data.get(f"quantity-{indicator.pk}")
            second = indicator.second_measure
            second_value = data.get(f"{second}-{indicator.pk}") if second else None
            if quantity is None:
                if second_value is not None:
                    form.add_error(
                        f"quantity-{indicator.pk}",
                        gettext("Enter the quantity too, or leave this indicator empty."),
                    )
                continue
            record = ActivityRecord(
                unit=self.unit,
                date=self.record_day,
                indicator=indicator,
                quantity=quantity,
                recorded_by=self.user,
                unusual_note=data.get(f"reason-{indicator.pk}", "").strip(),
                **({second: second_value} if second else {}),
            )
            try:
                record.full_clean()
            except ValidationError as error:
                for field, messages_ in error.message_dict.items():
                    name = f"{field}-{indicator.pk}" if field in MEASURES else None
                    for message in messages_:
                        form.add_error(name if name in form.fields else None, message)
                continue
            reason = unusual_reason(record)
            record.unusual = bool(reason)
            if reason and not record.unusual_note:
                form.add_error(
                    f"reason-{indicator.pk}",
                    gettext(
                        "%(reason)s If the figure is right, say why in a few words; otherwise "
                        "correct it."
                    )
                    % {"reason": reason},
                )
                continue
            records.append(record)
        return records


class MonthEntryView(AdminScreenMixin, FormView):
    template_name = "campaigns/records/month_entry.html"
    header_icon = "table"
    permission_required = "campaigns.add_activityrecord"

    def dispatch(self, request, unit_code, month, *args, **kwargs):
        if not request.user.has_perm(self.permission_required):
            return super().dispatch(request, unit_code, month, *args, **kwargs)  # refuses
        try:
            self.entry = MonthEntry.open(request.user, unit_code, month)
        except MonthNotOpen as closed:
            raise Http404 from closed
        return super().dispatch(request, unit_code, month, *args, **kwargs)

    def get_page_title(self):
        return gettext("Month entry: %(unit)s · %(month)s") % {
            "unit": self.entry.unit.full_name,
            "month": month_label(self.entry.first),
        }

    def get_form(self, form_class=None):
        return self.entry.form(self.request.POST if self.request.method == "POST" else None)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = self.entry
        figures = reference_figures(entry.unit, entry.first)
        context.update(
            unit=entry.unit,
            month=entry.first,
            month_key=month_key(entry.first),
            last_month=months_before(entry.first, 1),
            last_year=months_before(entry.first, 12),
            lock_reason=entry.lock_reason,
            rows=[
                (indicator, quantity, second, reason, figures.get(indicator.pk, {}))
                for indicator, quantity, second, reason in context["form"].rows()
            ],
            record_day=entry.record_day,
            period_url=period_url(entry),
        )
        return context

    def post(self, request, *args, **kwargs):
        if self.entry.lock_reason:
            messages.error(request, self.entry.lock_reason)
            return redirect(request.path)
        form = self.get_form()
        records = self.entry.save(form)
        if not records:
            return self.form_invalid(form)
        messages.success(request, self.entry.success_message(len(records)))
        return redirect(period_url(self.entry))


def period_url(entry):
    """The month's own screen, where a saved month leads."""
    return reverse("campaigns_reporting_period", args=[entry.unit.code, month_key(entry.first)])


class MonthEntryStartView(AdminScreenMixin, FormView):
    """Which unit and month to fill in: straight to the month under way when the account has one
    unit."""

    template_name = "campaigns/records/month_entry_start.html"
    page_title = _("Month entry")
    header_icon = "table"
    permission_required = "campaigns.add_activityrecord"

    def get_form(self, form_class=None):
        return MonthEntryChoice(self.request.GET or None, user=self.request.user)

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            return redirect(
                "campaigns_month_entry",
                form.cleaned_data["unit"].code,
                month_key(form.cleaned_data["month"]),
            )
        if not request.GET and (only := form.only_unit()):
            return redirect(
                "campaigns_month_entry", only.code, month_key(month_start(timezone.localdate()))
            )
        return self.render_to_response(self.get_context_data(form=form))


class MonthEntryChoice(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=AdministrativeUnit.objects.none())
    month = forms.CharField(label=_("Month"), max_length=7)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = units_for(user).order_by("level", "code")
        self.initial.setdefault("month", month_key(month_start(timezone.localdate())))

    def only_unit(self):
        """The account's unit when exactly one is assigned to it, else None."""
        if unit_ids_for(self.user) is None:
            return None
        assigned = [a.unit for a in self.user.unit_assignments.current().select_related("unit")[:2]]
        return assigned[0] if len(assigned) == 1 else None

    def clean_month(self):
        try:
            first = parse_month(self.cleaned_data["month"])
        except ValueError as error:
            raise ValidationError(month_format_message()) from error
        if first > month_start(timezone.localdate()):
            raise ValidationError(gettext("This month has not started yet."))
        return first
