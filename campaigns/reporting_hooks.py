"""Wagtail hooks of the monthly reporting, imported by `campaigns.wagtail_hooks`."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .audit import register_actions
from .reporting_views import AuditLogView, MonthsView, PeriodActionView, PeriodView

hooks.register("register_log_actions", register_actions)


@hooks.register("register_admin_urls")
def register_reporting_urls():
    return [
        path("campaigns/reports/", MonthsView.as_view(), name="campaigns_reporting_months"),
        path(
            "campaigns/reports/<str:unit_code>/<str:month>/",
            PeriodView.as_view(),
            name="campaigns_reporting_period",
        ),
        path(
            "campaigns/reports/<str:unit_code>/<str:month>/<str:action>/",
            PeriodActionView.as_view(),
            name="campaigns_reporting_action",
        ),
        path("campaigns/audit-log/", AuditLogView.as_view(), name="campaigns_audit_log"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_months_menu_item():
    return PermissionMenuItem(
        _("Monthly reports"),
        reverse("campaigns_reporting_months"),
        icon_name="calendar-check",
        order=206,
        permission="campaigns.view_reportingperiod",
    )


@hooks.register("register_admin_menu_item")
def register_audit_menu_item():
    return PermissionMenuItem(
        _("Reporting audit log"),
        reverse("campaigns_audit_log"),
        icon_name="history",
        order=207,
        permission="campaigns.view_reportinglogentry",
    )
