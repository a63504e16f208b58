from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .access import can_view_report
from .views import (
    ActivityRecordViewSet,
    CampaignViewSet,
    IndicatorViewSet,
    MyTotalsView,
    ReportDownloadView,
    ReportView,
    YearlyReportView,
)

register_snippet(IndicatorViewSet)
register_snippet(CampaignViewSet)


@hooks.register("register_admin_viewset")
def register_record_viewset():
    return ActivityRecordViewSet("activity_records")


@hooks.register("register_admin_urls")
def register_totals_url():
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


class RecordersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("campaigns.view_activityrecord")


@hooks.register("register_admin_menu_item")
def register_totals_menu_item():
    return RecordersMenuItem(
        _("My totals"), reverse("campaigns_my_totals"), icon_name="table", order=205
    )


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_report(request.user)


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return ReportMenuItem(_("Report"), reverse("campaigns_report"), icon_name="table", order=206)


# The monthly reporting and the import register their own screens, menu items and log actions.
from . import import_hooks, reporting_hooks  # noqa: E402, F401
