"""The monthly review's screens and log actions; its menu item is in the activities group."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from ..audit.log import register_period_log
from ..menu import ACTIVITIES_HOOK, PermissionMenuItem
from ..periods.models import ReportingPeriod
from .views import MonthsView, PeriodActionView, PeriodView


@hooks.register("register_log_actions")
def register_period_log_actions(actions):
    register_period_log(actions, ReportingPeriod)


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
    ]


@hooks.register(ACTIVITIES_HOOK)
def register_months_menu_item():
    return PermissionMenuItem(
        _("Monthly reports"),
        reverse("campaigns_reporting_months"),
        name="monthly-reports",
        icon_name="calendar-check",
        order=4,
        permission="campaigns.view_reportingperiod",
    )
