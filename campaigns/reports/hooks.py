"""The report screens: "My totals" in the activities group, the province report in the
coordinators' group (the yearly report is reached from it)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from ..access import can_view_report
from ..menu import ACTIVITIES_HOOK, PROVINCE_HOOK, PermissionMenuItem
from .views import MyTotalsView, ReportDownloadView, ReportView, YearlyReportView


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("campaigns/my-totals/", MyTotalsView.as_view(), name="campaigns_my_totals"),
        path("campaigns/report/", ReportView.as_view(), name="campaigns_report"),
        path(
            "campaigns/report/csv/",
            ReportDownloadView.as_view(export_format="csv"),
            name="campaigns_report_csv",
        ),
        path(
            "campaigns/report/xlsx/",
            ReportDownloadView.as_view(export_format="xlsx"),
            name="campaigns_report_xlsx",
        ),
        path(
            "campaigns/report/<int:year>/",
            YearlyReportView.as_view(),
            name="campaigns_yearly_report",
        ),
        path(
            "campaigns/report/<int:year>/xlsx/",
            YearlyReportView.as_view(export_format="xlsx"),
            name="campaigns_yearly_report_xlsx",
        ),
    ]


@hooks.register(ACTIVITIES_HOOK)
def register_my_totals_menu_item():
    return PermissionMenuItem(
        _("My totals"),
        reverse("campaigns_my_totals"),
        name="my-totals",
        icon_name="table",
        order=3,
        permission="campaigns.view_activityrecord",
    )


@hooks.register(PROVINCE_HOOK)
def register_report_menu_item():
    return PermissionMenuItem(
        _("Report"),
        reverse("campaigns_report"),
        name="province-report",
        icon_name="table",
        order=1,
        test=can_view_report,
    )
