"""Admin screens of the monthly reporting: the months at a glance, one unit's month, the audit log."""

import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from wagtail.admin.views.generic import DeleteView

from accounts.models import UnitAssignment
from core.admin_views import AdminScreenMixin
from taxonomy.models import AdministrativeUnit

from . import exports
from .access import unit_ids_for
from .audit import ReportingLogEntry, export_lines
from .periods import (
    PeriodLocked,
    ReportingPeriod,
    check_writable,
    month_end,
    month_key,
    month_label,
    month_start,
    parse_month,
    units_reporting_in,
)
from .plausibility import flags, month_rows, months_before
from .review import ACTIONS, ReviewRefused, act, available_actions
from .totals import UnitTree


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


def reporting_units(user, year, tree):
    """The units whose months the screens list: for a coordinator, the units directly below each
    province that existed in `year`; for district staff, the units assigned to them."""
    if unit_ids_for(user) is None:
        return units_reporting_in(year, tree)
    assigned = UnitAssignment.objects.filter(user=user).values_list("unit_id", flat=True)
    return sorted(
        (tree.units[pk] for pk in assigned if pk in tree.units), key=lambda u: (u.level, u.code)
    )


class MonthsView(AdminScreenMixin, TemplateView):
    """Units by months with each month's status, and the units yet to report for a month."""

    template_name = "campaigns/reporting/months.html"
    page_title = _("Monthly reports")
    header_icon = "calendar-check"

    def dispatch(self, request, *args, **kwargs):
        _require(request, "campaigns.view_reportingperiod")
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def year(self):
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            return timezone.localdate().year
        return year if 2000 <= year <= 2100 else timezone.localdate().year

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
        _require(request, "campaigns.view_reportingperiod")
        self.unit = get_object_or_404(AdministrativeUnit, code=unit_code)
        ids = unit_ids_for(request.user)
        if ids is not None and self.unit.pk not in ids:
            raise Http404
        try:
            self.first = parse_month(month)
        except ValueError as error:
            raise Http404 from error
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
        history = (
            ReportingLogEntry.objects.filter(unit_id__in=tree.descendant_ids([self.unit.pk]))
            .filter(month=self.first)
            .select_related("user", "unit")[:100]
        )
        context.update(
            unit=self.unit,
            period=period,
            rows=rows,
            flags=flags(self.unit, self.first, rows, tree=tree),
            actions=[(a, ACTIONS[a]) for a in available_actions(self.request.user, period)],
            history=history,
            records_url=reverse("activity_records:index")
            + f"?unit={self.unit.pk}&date_from={self.first:%Y-%m-%d}"
            f"&date_to={month_end(self.first):%Y-%m-%d}",
            month_key=month_key(self.first),
        )
        return context


class PeriodActionView(PeriodMixin, View):
    http_method_names = ["post"]

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
            messages.success(request, _DONE[action] % {"unit": self.unit, "month": month})
        return redirect("campaigns_reporting_period", unit_code, month)


_DONE = {
    "submit": _("%(unit)s's report for %(month)s was submitted."),
    "approve": _("%(unit)s's report for %(month)s was approved and is now locked."),
    "return": _("%(unit)s's report for %(month)s was returned."),
    "reopen": _("%(unit)s's report for %(month)s was reopened."),
}


class AuditLogView(AdminScreenMixin, TemplateView):
    """The reporting audit log for coordinators: filter by unit, month and person; export CSV."""

    template_name = "campaigns/reporting/audit_log.html"
    page_title = _("Reporting audit log")
    header_icon = "history"
    per_page = 50

    def dispatch(self, request, *args, **kwargs):
        _require(request, "campaigns.view_reportinglogentry")
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def filters(self):
        get = self.request.GET
        found = {"unit": get.get("unit", "").strip(), "month": get.get("month", "").strip()}
        try:
            found["user"] = int(get.get("user", ""))
        except ValueError:
            found["user"] = None
        return found

    def get_entries(self):
        entries = ReportingLogEntry.objects.select_related("user", "unit")
        unit = self.filters["unit"]
        if unit:
            ids = AdministrativeUnit.objects.filter(code=unit).values_list("pk", flat=True)
            entries = entries.filter(unit_id__in=AdministrativeUnit.descendant_ids(list(ids)))
        if self.filters["month"]:
            try:
                entries = entries.filter(month=parse_month(self.filters["month"]))
            except ValueError:
                entries = entries.none()
        if self.filters["user"]:
            entries = entries.filter(user_id=self.filters["user"])
        return entries.order_by("-timestamp", "-id")

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            lines = export_lines(self.get_entries().iterator(chunk_size=2000))
            return exports.download(
                lines, export, gettext("Reporting audit log"), "nhat-ky-bao-cao"
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(self.get_entries(), self.per_page).get_page(self.request.GET.get("p"))
        people = (
            get_user_model()
            .objects.filter(pk__in=ReportingLogEntry.objects.values("user_id"))
            .order_by("first_name", "last_name", "username")  # Vietnamese lists go by given name
        )
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            page=page,
            filters=self.filters,
            units=AdministrativeUnit.objects.order_by("level", "code"),
            people=people,
            export_query=query.urlencode(),
        )
        return context


class LockedMonthMixin:
    """For the record create, edit and delete views: a write refused because its month is
    locked shows the reason instead of failing (the form's own validation catches most; this
    catches a month approved between the validation and the write)."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except PeriodLocked as locked:
            reasons = locked.message_dict.get("date", locked.messages)
            if isinstance(self, DeleteView):
                for reason in reasons:
                    messages.error(self.request, reason)
                return redirect(self.get_success_url())
            form.add_error(None, reasons)
            return self.form_invalid(form)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if isinstance(self, DeleteView):
            try:
                check_writable(self.object.unit, self.object.date)
            except PeriodLocked as locked:
                for reason in locked.message_dict.get("date", locked.messages):
                    messages.warning(request, reason)
        return response
