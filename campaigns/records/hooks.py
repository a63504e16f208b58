"""The records, indicators and campaigns screens, and the record's entries in the reporting log."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from ..audit.log import register_record_log
from ..menu import ACTIVITIES_HOOK, PermissionMenuItem
from .models import ActivityRecord
from .month_entry import MonthEntryStartView, MonthEntryView
from .views import ActivityRecordViewSet, CampaignViewSet, IndicatorViewSet

register_snippet(IndicatorViewSet)
register_snippet(CampaignViewSet)


@hooks.register("register_admin_viewset")
def register_record_viewset():
    return ActivityRecordViewSet("activity_records")


@hooks.register("register_admin_urls")
def register_month_entry_urls():
    return [
        path("campaigns/entry/", MonthEntryStartView.as_view(), name="campaigns_month_entry_start"),
        path(
            "campaigns/entry/<str:unit_code>/<str:month>/",
            MonthEntryView.as_view(),
            name="campaigns_month_entry",
        ),
    ]


@hooks.register(ACTIVITIES_HOOK)
def register_month_entry_menu_item():
    return PermissionMenuItem(
        _("Month entry"),
        reverse("campaigns_month_entry_start"),
        name="month-entry",
        icon_name="table",
        order=2,
        permission="campaigns.add_activityrecord",
    )


@hooks.register("register_log_actions")
def register_record_log_actions(actions):
    register_record_log(actions, ActivityRecord)


@hooks.register("insert_global_admin_css")
def campaign_screens_css():
    """The records list on a phone and the month statuses' colours (static/css)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-campaigns.css"))
