"""Admin screens: indicators and campaigns for coordinators, records for everyone who counts.

Every record screen takes its records from `campaigns.access`, so a record of a unit the user may
not touch answers 404 whatever its URL.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import (
    CreateView,
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    UsageView,
)
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.models import UnitAssignment
from core.admin_views import AdminScreenMixin
from core.snippets import SnippetViewSet

from . import exports
from .access import can_view_report, records_for, unit_ids_for
from .forms import ActivityRecordFilterSet, ActivityRecordForm, ReportForm
from .models import ActivityRecord, Campaign, Indicator
from .report import monthly_trend, results_table, unit_chart
from .reporting_views import LockedMonthMixin
from .totals import Filters, UnitTree, progress, totals
from .yearly_report import workbook_sheets, yearly_report


class ScopedObjectMixin:
    """History and usage views (Wagtail's BaseObjectMixin): another unit's record is not found.

    Their own `get_queryset` lists log entries or usages, so only the object lookup is scoped.
    """

    def get_base_object_queryset(self):
        return records_for(self.request.user)


class ScopedRecordMixin(ScopedObjectMixin):
    """Edit and delete views (Django's SingleObjectMixin): look records up among those the user
    may touch; another unit's record is not found."""

    def get_queryset(self):
        return records_for(self.request.user, self.permission_required or "view")


class RecordIndexView(IndexView):
    # Wagtail's download buttons keep the list's filters; `as_spreadsheet` writes the file.
    show_export_buttons = True

    def get_base_queryset(self):
        return records_for(self.request.user).select_related("unit", "indicator", "campaign")

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """The filtered list through the one safe writer (Wagtail's own leaves formulas live)."""
        lines = record_lines(queryset.select_related("material", "recorded_by"))
        return exports.download(
            lines, spreadsheet_format, _("Activity records"), self.get_filename()
        )


def record_lines(records):
    yield [
        _("Date"),
        _("Unit code"),
        _("Unit"),
        _("Indicator code"),
        _("Indicator"),
        _("Quantity"),
        _("Attendees"),
        _("Minutes"),
        _("Campaign"),
        _("Material"),
        _("Place"),
        _("Note"),
        _("Recorded by"),
        _("Recorded at"),
    ]
    for record in records:
        yield [
            record.date,
            record.unit.code,
            record.unit.full_name,
            record.indicator.code,
            record.indicator.display_name,
            record.quantity,
            record.attendees,
            record.minutes,
            record.campaign.name if record.campaign else "",
            record.material.title if record.material else "",
            record.place,
            record.note,
            record.recorded_by.get_username() if record.recorded_by else "",
            record.created_at,
        ]


class RecordCreateView(LockedMonthMixin, CreateView):
    def save_instance(self):
        self.form.instance.recorded_by = self.request.user
        return super().save_instance()


class RecordEditView(LockedMonthMixin, ScopedRecordMixin, EditView):
    pass


class RecordDeleteView(LockedMonthMixin, ScopedRecordMixin, DeleteView):
    pass


class RecordHistoryView(ScopedObjectMixin, HistoryView):
    pass


class RecordUsageView(ScopedObjectMixin, UsageView):
    pass


class ActivityRecordViewSet(ModelViewSet):
    model = ActivityRecord
    icon = "clipboard-list"
    menu_label = _("Activity records")
    add_to_admin_menu = True
    menu_order = 200
    copy_view_enabled = False
    export_filename = "ghi-nhan-hoat-dong"
    index_view_class = RecordIndexView
    add_view_class = RecordCreateView
    edit_view_class = RecordEditView
    delete_view_class = RecordDeleteView
    history_view_class = RecordHistoryView
    usage_view_class = RecordUsageView
    edit_handler = ObjectList(ActivityRecord.panels, base_form_class=ActivityRecordForm)
    filterset_class = ActivityRecordFilterSet
    # The first column as a plain field name: Wagtail makes it the link to the record's edit form.
    list_display = [
        "date",
        "indicator",
        Column("quantity", label=_("Quantity")),
        "unit",
        "place",
    ]
    list_per_page = 50
    search_fields = ["place", "note"]
    search_backend_name = None


class CoordinatorMenuMixin:
    """District staff may view indicators and campaigns, which their record form offers, but
    not change them; the menu leads only those who can change them to these screens."""

    @cached_property
    def menu_item_class(self):
        viewset = self

        class ChangersMenuItem(MenuItem):
            def is_shown(self, request):
                return viewset.permission_policy.user_has_permission(request.user, "change")

        return ChangersMenuItem


class IndicatorViewSet(CoordinatorMenuMixin, SnippetViewSet):
    model = Indicator
    icon = "tasks"
    menu_label = _("Indicators")
    add_to_admin_menu = True
    menu_order = 210
    list_display = [
        "name",
        "code",
        Column("display_unit", label=_("Unit")),
        "kind",
        "second_measure",
    ]
    search_fields = ["name", "name_en", "code"]
    search_backend_name = None


class CampaignViewSet(CoordinatorMenuMixin, SnippetViewSet):
    model = Campaign
    icon = "date"
    menu_label = _("Campaigns")
    add_to_admin_menu = True
    menu_order = 220
    list_display = [
        "name",
        DateColumn("start_date", label=_("Start date")),
        DateColumn("end_date", label=_("End date")),
    ]
    search_fields = ["name"]
    search_backend_name = None


class MyTotalsView(AdminScreenMixin, TemplateView):
    """The user's units' totals for a month and its year, and their campaign targets."""

    template_name = "campaigns/admin/my_totals.html"
    page_title = _("My totals")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("campaigns.view_activityrecord"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def period(self):
        today = timezone.localdate()
        try:
            year = int(self.request.GET.get("year", today.year))
            month = int(self.request.GET.get("month", today.month))
            return datetime.date(year, month, 1)
        except ValueError:
            return today.replace(day=1)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        tree = UnitTree()
        allowed = unit_ids_for(user)
        if allowed is None:
            units = [u for u in tree.units.values() if u.parent_id is None]
        else:
            assigned = UnitAssignment.objects.filter(user=user).values_list("unit_id", flat=True)
            units = [tree.units[pk] for pk in assigned]
        first = self.period
        rows = {}
        if units:
            for column, filters in {
                "month": Filters(
                    units=tuple(units), year=first.year, date_from=first, date_to=_month_end(first)
                ),
                "year": Filters(units=tuple(units), year=first.year),
            }.items():
                for row in totals(("indicator",), filters, tree=tree):
                    rows.setdefault(row["indicator"], {})[column] = row
        unit_ids = {u.pk for u in units}
        targets = [
            (campaign, target)
            for campaign in Campaign.objects.filter(
                start_date__year__lte=first.year, end_date__year__gte=first.year
            )
            for target in progress(campaign, tree=tree)
            if (target.unit is None and allowed is None)
            or (target.unit and target.unit.pk in unit_ids)
        ]
        context.update(
            units=units,
            period=first,
            rows=[(indicator, rows.get(indicator, {})) for indicator in Indicator.objects.all()],
            targets=targets,
        )
        return context


def _month_end(first):
    return (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)


class ReportAccessMixin:
    """The report and its downloads: for those who may see every unit, by whatever URL."""

    def dispatch(self, request, *args, **kwargs):
        if not can_view_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def form(self):
        return ReportForm(self.request.GET)

    @cached_property
    def indicators(self):
        return list(Indicator.objects.all())

    def table(self, tree=None):
        return results_table(self.form.period.filters, indicators=self.indicators, tree=tree)


class ReportView(ReportAccessMixin, AdminScreenMixin, TemplateView):
    """Totals by unit and indicator for a period or a campaign, with charts, targets and downloads."""

    template_name = "campaigns/admin/report.html"
    page_title = _("Report")
    header_icon = "table"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.form.errors:
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        if not self.form.is_valid() or not self.indicators:
            return context
        tree = UnitTree()
        period = self.form.period
        indicator = self.form.cleaned_data["indicator"] or self.indicators[0]
        table = self.table(tree)
        trend, months = monthly_trend(period, indicator, "trend-chart", tree=tree)
        context.update(
            period=period,
            table=table,
            indicator=indicator,
            unit_chart=unit_chart(table, indicator, "unit-chart"),
            trend=trend,
            months=months,
            targets=progress(period.campaign, tree=tree) if period.campaign else [],
            query=self.request.GET.urlencode(),
        )
        return context


class ReportDownloadView(ReportAccessMixin, View):
    """The report's table as XLSX or CSV, for the same choices as the screen."""

    export_format = "csv"

    def get(self, request, *args, **kwargs):
        if not self.form.is_valid():
            errors = "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in self.form.errors.items()
            )
            return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
        period = self.form.period
        filename = f"bao-cao-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
        return exports.download(self.table().as_lines(), self.export_format, _("Report"), filename)


class YearlyReportView(ReportAccessMixin, TemplateView):
    """The province's yearly report as a page to print, or with `export_format="xlsx"` as one
    workbook."""

    template_name = "campaigns/admin/yearly_report.html"
    export_format = None

    def get(self, request, year, *args, **kwargs):
        if not 2000 <= year <= 2100:
            raise Http404
        report = yearly_report(year)
        if self.export_format == "xlsx":
            return exports.xlsx_download(workbook_sheets(report), f"bao-cao-nam-{year}")
        return self.render_to_response({"report": report})
