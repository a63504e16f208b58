"""The records, indicators and campaigns screens, and the record's entries in the reporting log."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from ..audit.log import register_record_log
from .models import ActivityRecord
from .views import ActivityRecordViewSet, CampaignViewSet, IndicatorViewSet

register_snippet(IndicatorViewSet)
register_snippet(CampaignViewSet)


@hooks.register("register_admin_viewset")
def register_record_viewset():
    return ActivityRecordViewSet("activity_records")


@hooks.register("register_log_actions")
def register_record_log_actions(actions):
    register_record_log(actions, ActivityRecord)
