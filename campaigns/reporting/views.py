"""Admin screens of the monthly reporting: the months at a glance and one unit's month."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts.models import UnitAssignment
from core.admin_views import AdminScreenMixin
from taxonomy.models import AdministrativeUnit

from ..access import unit_ids_for
from ..audit.log import with_names
from ..audit.models import ReportingLogEntry
from ..months import (
    FIRST_YEAR,
    last_year,
    month_end,
    month_key,
    month_label,
    month_start,
    months_before,
    parse_month,
)
from ..periods.models import ReportingPeriod, units_reporting_in
from ..records.models import ActivityRecord
from ..reports.forms import YearForm
from ..totals import UnitTree
from .plausibility import flags, month_rows
from .review import ACTIONS, COMMENT_MAX_LENGTH, ReviewRefused, act, available_actions


def reporting_units(user, year, tree):
    """The units whose months the screens list: for a coordinator, the units directly below each
    province that existed in `year`; for local staff, the units assigned to them."""
    if unit_ids_for(user) is None:
        return units_reporting_in(year, tree)
    assigned = UnitAssignment.objects.current().filter(user=user).values_list("unit_id", flat=True)
    return sorted(
        (tree.units[pk] for pk in assigned if pk in tree.units), key=lambda u: (u.level, u.code)
    )


class MonthsView(AdminScreenMixin, TemplateView):
    """Units by months with each month's status, and the units yet to report for a month."""

    template_name = "campaigns/reporting/months.html"
    page_title = _("Monthly reports")
    header_icon = "calendar-check"
    permission_required = "campaigns.view_reportingperiod"

    @cached_property
    def form(self):
        return YearForm(self.request.GET)

    @property
    def year(self):
        return self.form.year_or_this_year

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.form.errors:
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        tree = UnitTree()
        units = reporting_units(self.request.user, self.year, tree)
        months = [datetime.date(self.year, m, 1) for m in range(1, 13)]
        periods = {
            (p.unit_id, p.month): p
            for p in ReportingPeriod.objects.filter(
                unit__in=units, month__year=self.year
            ).select_related("submitted_by", "decided_by")
        }
        rows = []
        for unit in units:
            cells = []
            for first in months:
                period = periods.get((unit.pk, first)) or ReportingPeriod(unit=unit, month=first)
                cells.append(
                    {
                        "month": first,
                        "period": period,
                        "future": first > today,
                        "url": reverse(
                            "campaigns_reporting_period", args=[unit.code, month_key(first)]
                        ),
                    }
                )
            rows.append((unit, cells))
        # The reminder list: last month, or the year's last month for a past year.
        reminder_month = months_before(month_start(today), 1)
        if reminder_month.year != self.year:
            reminder_month = months[-1] if self.year < today.year else None
        waiting = []
        if reminder_month:
            done = {ReportingPeriod.Status.SUBMITTED, ReportingPeriod.Status.APPROVED}
            waiting = [
                unit
                for unit in units
                if (p := periods.get((unit.pk, reminder_month))) is None or p.status not in done
            ]
        context.update(
            form=self.form,
            first_year=FIRST_YEAR,
            last_year=last_year(),
            year=self.year,
            months=months,
            rows=rows,
            reminder_month=reminder_month,
            waiting=waiting,
            statuses=ReportingPeriod.Status,
        )
        return context


class PeriodMixin:
    def dispatch(self, request, unit_code, month, *args, **kwargs):
        if not request.user.has_perm("campaigns.view_reportingperiod"):
            raise PermissionDenied
        try:
            self.first = parse_month(month)
        except ValueError as error:
            raise Http404 from error
        # A code names the unit of that month: some communes formed in 2025 took an old code.
        self.unit = AdministrativeUnit.objects.named(unit_code, on=self.first)
        ids = unit_ids_for(request.user)
        if self.unit is None or (ids is not None and self.unit.pk not in ids):
            raise Http404
        return super().dispatch(request, unit_code, month, *args, **kwargs)

    def get_period(self):
        return ReportingPeriod.objects.filter(unit=self.unit, month=self.first).first() or (
            ReportingPeriod(unit=self.unit, month=self.first)
        )


class PeriodView(PeriodMixin, AdminScreenMixin, TemplateView):
    """One unit's month: its totals, the flags, its history, and the actions the user may take."""

    template_name = "campaigns/reporting/period.html"
    header_icon = "calendar-check"

    def get_page_title(self):
        return gettext("%(unit)s · %(month)s") % {
            "unit": self.unit.full_name,
            "month": month_label(self.first),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = self.get_period()
        tree = UnitTree()
        rows = month_rows(self.unit, self.first, tree=tree)
        history = with_names(
            ReportingLogEntry.objects.filter(unit_id__in=tree.descendant_ids([self.unit.pk]))
            .filter(month=self.first)
            .select_related("user", "unit")[:100]
        )
        unusual = (
            ActivityRecord.objects.filter(
                unit_id__in=tree.descendant_ids([self.unit.pk]),
                date__range=(self.first, month_end(self.first)),
                unusual=True,
            )
            .select_related("unit", "indicator")
            .order_by("date", "pk")
        )
        context.update(
            unit=self.unit,
            period=period,
            rows=rows,
            unusual_records=unusual,
            flags=flags(self.unit, self.first, rows, tree=tree),
            actions=[(a, ACTIONS[a]) for a in available_actions(self.request.user, period)],
            history=history,
            records_url=reverse("activity_records:index")
            + f"?unit={self.unit.pk}&date_from={self.first:%Y-%m-%d}"
            f"&date_to={month_end(self.first):%Y-%m-%d}",
            month_key=month_key(self.first),
            comment_max_length=COMMENT_MAX_LENGTH,
        )
        return context


class PeriodActionView(PeriodMixin, AdminScreenMixin, TemplateView):
    """An action on one unit's month. Submitting and approving are asked first (GET shows what
    is about to be sent or locked, with the month's totals and flags); returning and reopening
    need a typed comment on the month's screen, which is asking enough."""

    template_name = "campaigns/reporting/confirm.html"
    header_icon = "calendar-check"

    def get_page_title(self):
        return CONFIRM[self.kwargs["action"]]["question"] % {
            "unit": self.unit.full_name,
            "month": month_label(self.first),
        }

    def get(self, request, unit_code, month, action):
        if action not in CONFIRM:
            raise Http404
        if action not in available_actions(request.user, self.get_period()):
            return redirect("campaigns_reporting_period", unit_code, month)
        return super().get(request, unit_code, month, action)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tree = UnitTree()
        rows = month_rows(self.unit, self.first, tree=tree)
        context.update(
            unit=self.unit,
            rows=rows,
            flags=flags(self.unit, self.first, rows, tree=tree),
            confirm=CONFIRM[self.kwargs["action"]],
            month_key=month_key(self.first),
        )
        return context

    def post(self, request, unit_code, month, action):
        if action not in ACTIONS:
            raise Http404
        try:
            act(request.user, self.unit, self.first, action, request.POST.get("comment", ""))
        except ReviewRefused as refused:
            if refused.forbidden:
                raise PermissionDenied(refused.message) from refused
            messages.error(request, refused.message)
        else:
            messages.success(
                request,
                _DONE[action] % {"unit": self.unit.full_name, "month": month_label(self.first)},
            )
        return redirect("campaigns_reporting_period", unit_code, month)


CONFIRM = {
    "submit": {
        "question": _("Submit %(unit)s's report for %(month)s?"),
        "explanation": _(
            "The province's coordinators will review these figures. Records can still be "
            "corrected until the month is approved; once approved, it is locked and its figures "
            "appear on the public site."
        ),
        "button": _("Submit the report"),
    },
    "approve": {
        "question": _("Approve %(unit)s's report for %(month)s?"),
        "explanation": _(
            "Approving locks the month: its records can no longer be changed unless a "
            "coordinator reopens it, and its figures appear on the public site at once."
        ),
        "button": _("Approve and lock the month"),
    },
}


_DONE = {
    "submit": _("%(unit)s's report for %(month)s was submitted."),
    "approve": _("%(unit)s's report for %(month)s was approved and is now locked."),
    "return": _("%(unit)s's report for %(month)s was returned."),
    "reopen": _("%(unit)s's report for %(month)s was reopened."),
}
