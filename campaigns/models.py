"""Every model of the campaign data, where Django looks for them. Each room keeps its own."""

from .audit.models import ReportingLogEntry
from .importing.models import ImportBatch, ImportedRow
from .periods.models import ReportingPeriod
from .public.models import ResultsPage
from .records.models import MAX_PER_RECORD, ActivityRecord, Campaign, CampaignTarget, Indicator
from .reminders.models import ReminderPreference, ReminderSent

__all__ = [
    "MAX_PER_RECORD",
    "ActivityRecord",
    "Campaign",
    "CampaignTarget",
    "ImportBatch",
    "ImportedRow",
    "Indicator",
    "ReminderPreference",
    "ReminderSent",
    "ReportingLogEntry",
    "ReportingPeriod",
    "ResultsPage",
]
