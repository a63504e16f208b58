"""A wrong reminder setting is named by `manage.py check`, so by every deployment and by CI, not
found on the next reminder day. `send_reminders` runs the checks before it sends anything."""

from django.conf import settings
from django.core.checks import Error
from django.utils.module_loading import import_string

from .channels import Channel


def check_reminder_settings(app_configs, **kwargs):
    errors = []
    if not 1 <= settings.REPORTING_DEADLINE_DAY <= 31:
        errors.append(
            Error(
                "REPORTING_DEADLINE_DAY must be a day of the month, 1 to 31.", id="campaigns.E001"
            )
        )
    if not 1 <= settings.REMINDER_DIGEST_WEEKDAY <= 7:
        errors.append(
            Error("REMINDER_DIGEST_WEEKDAY must be 1 (Monday) to 7 (Sunday).", id="campaigns.E002")
        )
    for path in settings.REMINDER_CHANNELS:
        try:
            channel = import_string(path)
        except ImportError:
            channel = None
        if not (isinstance(channel, type) and issubclass(channel, Channel) and channel.name):
            errors.append(
                Error(
                    f"REMINDER_CHANNELS names {path!r}, which is not a reminder channel.",
                    hint="Name subclasses of campaigns.reminders.channels.Channel, each with its "
                    "own name, for example campaigns.reminders.channels.EmailChannel.",
                    id="campaigns.E003",
                )
            )
    return errors
