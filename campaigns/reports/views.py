"""Admin screens of the reports: a unit's own totals, the province report with its downloads, and
the yearly report."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from accounts.models import UnitAssignment
from core.admin_views import AdminScreenMixin

from .. import exports
from ..access import can_view_report, unit_ids_for
from ..months import FIRST_YEAR, last_year, month_end, year_is_known
from ..records.models import ActivityRecord, Campaign, Indicator
from ..totals import Filters, UnitTree, progress, totals
from .forms import MonthForm, ReportForm
from .ranking import unit_display
from .tables import monthly_trend, results_table
from .yearly import workbook_sheets, yearly_report


class MyTotalsView(AdminScreenMixin, TemplateView):
    """The user's units' totals for a month and its year, and their campaign targets."""

    template_name = "campaigns/reports/my_totals.html"
    page_title = _("My totals")
    header_icon = "table"
    permission_required = "campaigns.view_activityrecord"

    @cached_property
    def form(self):
        return MonthForm(self.request.GET)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.form.errors:
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        tree = UnitTree()
        allowed = unit_ids_for(user)
        if allowed is None:
            units = [u for u in tree.units.values() if u.parent_id is None]
        else:
            assigned = (
                UnitAssignment.objects.current().filter(user=user).values_list("unit_id", flat=True)
            )
            units = [tree.units[pk] for pk in assigned]
        first = self.form.first
        rows = {}
        if units:
            for column, filters in {
                "month": Filters(
                    units=tuple(units), year=first.year, date_from=first, date_to=month_end(first)
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
            form=self.form,
            first_year=FIRST_YEAR,
            last_year=last_year(),
            units=units,
            period=first,
            rows=[(indicator, rows.get(indicator, {})) for indicator in Indicator.objects.all()],
            targets=targets,
        )
        return context


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
        return results_table(self.form.period, indicators=self.indicators, tree=tree)


class ReportView(ReportAccessMixin, AdminScreenMixin, TemplateView):
    """Totals by unit and indicator for a period or a campaign, with charts, targets and downloads."""

    template_name = "campaigns/reports/report.html"
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
            display=unit_display(table, period, indicator, self.request.GET, units=tree.units),
            trend=trend,
            months=months,
            targets=progress(period.campaign, tree=tree, approved_only=period.approved_only)
            if period.campaign
            else [],
            query=self.request.GET.urlencode(),
            unusual_records=unusual_records(period),
        )
        return context


def unusual_records(period, shown=50):
    """The records of the period confirmed at entry as far outside their unit's history
    (`campaigns.records.unusual`), for the coordinator to weigh before trusting a total."""
    records = ActivityRecord.objects.filter(
        unusual=True, date__range=(period.start, period.end)
    ).select_related("unit", "indicator")
    if period.campaign:
        records = records.filter(campaign=period.campaign)
    return list(records.order_by("date", "pk")[:shown])


class ReportDownloadView(ReportAccessMixin, View):
    """The report's table as XLSX or CSV, for the same choices as the screen."""

    export_format = "csv"

    def get(self, request, *args, **kwargs):
        if not self.form.is_valid():
            return exports.refused(self.form)
        period = self.form.period
        provisional = "" if period.approved_only else "-tam-tinh"
        filename = f"bao-cao-{period.start:%Y%m%d}-{period.end:%Y%m%d}{provisional}"
        return exports.download(self.table().as_lines(), self.export_format, _("Report"), filename)


class YearlyReportView(ReportAccessMixin, TemplateView):
    """The province's yearly report as a page to print, or with `export_format="xlsx"` as one
    workbook."""

    template_name = "campaigns/reports/yearly_report.html"
    export_format = None

    def get(self, request, year, *args, **kwargs):
        if not year_is_known(year):
            raise Http404
        self.form.is_valid()  # only its choice of figures matters here
        approved_only = self.form.approved_only
        as_of = self.form.cleaned_data.get("as_of") if self.form.is_valid() else None
        tree = UnitTree()
        report = yearly_report(year, tree=tree, approved_only=approved_only, as_of=as_of)
        if self.export_format == "xlsx":
            provisional = "" if approved_only else "-tam-tinh"
            return exports.xlsx_download(
                workbook_sheets(report), f"bao-cao-nam-{year}{provisional}"
            )
        columns = report.table.columns
        chosen = self.form.cleaned_data.get("indicator") if self.form.is_valid() else None
        indicator = chosen or (columns[0].indicator if columns else None)
        display = None
        if indicator is not None:
            display = unit_display(
                report.table, report.period, indicator, self.request.GET, units=tree.units
            )
        return self.render_to_response({"report": report, "display": display})
