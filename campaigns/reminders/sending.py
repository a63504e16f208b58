"""Which reminders are due on a day, and sending each of them once.

Staff: on each reminder day of a month (`schedule.months_to_remind`), every unit expected to
report that month (`units_reporting_in_month`: districts until June 2025, communes from July)
whose month is not submitted (no period, or open, returned or reopened) gets a message for each
active person assigned to it that day who has not turned reminders off. Coordinators: on the
digest weekday, everyone who may approve months gets the week's summary, unless nothing awaits.

Sending once: a run claims its deliveries by inserting their `ReminderSent` rows, which unique
constraints keep to one per person, channel, kind, unit, month and day, then sends only the
rows it inserted. A second run that day finds them there; a copy running at the same time loses
the race for each row to the first. A delivery that fails gives its row back, so the next run
tries it again; a run killed half-way leaves its unsent rows claimed, and those people hear
again on the next reminder day.
"""

import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import override

from accounts.models import UnitAssignment

from ..periods.models import ReportingPeriod, units_reporting_in_month
from ..reporting.overview import REPORTED, province_month
from ..totals import UnitTree
from .messages import digest_message, staff_message
from .models import ReminderSent
from .schedule import is_digest_day, months_to_remind

logger = logging.getLogger(__name__)
Kind = ReminderSent.Kind
# Users who may approve months, found in one query (Django asks for one backend by name when
# several are configured; django-axes' backend grants no permissions).
PERMISSIONS_BACKEND = "django.contrib.auth.backends.ModelBackend"


@dataclass(frozen=True)
class Reminder:
    user: object
    kind: str
    unit: object  # None for a digest
    month: object  # the first day of the month it is about
    message: object  # channels.Message


@dataclass(frozen=True)
class Delivery:
    reminder: Reminder
    channel: object

    @property
    def key(self):
        r = self.reminder
        return (r.user.pk, self.channel.name, r.kind, r.unit.pk if r.unit else None, r.month)


def language_of(user):
    """The language the person chose for the admin, else the site's (Vietnamese)."""
    try:
        preferred = user.wagtail_userprofile.preferred_language
    except ObjectDoesNotExist:
        preferred = ""
    return preferred if preferred in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def staff_reminders(day):
    """A Reminder for each person to remind on `day` of a unit's month not submitted."""
    months = months_to_remind(day)
    if not months:
        return []
    tree = UnitTree()
    reminders = []
    for first, days_from_deadline in months:
        expected = {unit.pk: unit for unit in units_reporting_in_month(first, tree)}
        periods = {
            period.unit_id: period
            for period in ReportingPeriod.objects.filter(unit_id__in=expected, month=first)
        }
        waiting = {}
        for pk, unit in expected.items():
            period = periods.get(pk) or ReportingPeriod(month=first)
            if period.status not in REPORTED:
                period.unit = unit  # from the tree: no query per period
                waiting[pk] = period
        assignments = (
            UnitAssignment.objects.current(day)
            .filter(unit_id__in=waiting, user__is_active=True)
            .exclude(user__reminder_preference__reminders=False)
            .select_related("user__wagtail_userprofile")
            .order_by("unit__code", "user__username")
        )
        for assignment in assignments:
            period = waiting[assignment.unit_id]
            with override(language_of(assignment.user)):
                message = staff_message(assignment.user, period, days_from_deadline)
            reminders.append(Reminder(assignment.user, Kind.STAFF, period.unit, first, message))
    return reminders


def digests(day):
    """The coordinators' weekly digest, on the digest day, when something awaits them."""
    if not is_digest_day(day):
        return []
    coordinators = (
        get_user_model()
        .objects.with_perm("campaigns.approve_reportingperiod", backend=PERMISSIONS_BACKEND)
        .exclude(reminder_preference__reminders=False)
        .select_related("wagtail_userprofile")
        .order_by("username")
    )
    overviews = {}  # by language: the flags are worded when they are found
    reminders = []
    for user in coordinators:
        language = language_of(user)
        with override(language):
            if language not in overviews:
                overviews[language] = province_month(day)
            overview = overviews[language]
            if not (
                overview.awaiting_count
                or overview.not_reported
                or overview.flags
                or overview.unusual
            ):
                continue
            message = digest_message(user, overview, day)
        reminders.append(Reminder(user, Kind.DIGEST, None, overview.month, message))
    return reminders


@dataclass
class Outcome:
    sent: list
    failed: list
    skipped: int  # deliveries another run sent that day (or is sending now)


def send(day, channels, dry_run=False):
    """Send what is due on `day` through `channels`, each delivery once. With `dry_run`, return
    what would be sent, and send and store nothing."""
    reminders = staff_reminders(day) + digests(day)
    deliveries = [
        Delivery(reminder, channel)
        for reminder in reminders
        for channel in channels
        if channel.reaches(reminder.user)
    ]
    done = set(
        ReminderSent.objects.filter(day=day).values_list(
            "user_id", "channel", "kind", "unit_id", "month"
        )
    )
    due = [delivery for delivery in deliveries if delivery.key not in done]
    if dry_run:
        return Outcome(sent=due, failed=[], skipped=len(deliveries) - len(due))
    run = uuid.uuid4()
    ReminderSent.objects.bulk_create(
        [
            ReminderSent(
                user=d.reminder.user,
                channel=d.channel.name,
                kind=d.reminder.kind,
                unit=d.reminder.unit,
                month=d.reminder.month,
                day=day,
                run=run,
            )
            for d in due
        ],
        ignore_conflicts=True,  # rows another run holds are theirs to send
    )
    claimed = {
        row[:5]: row[5]
        for row in ReminderSent.objects.filter(day=day, run=run).values_list(
            "user_id", "channel", "kind", "unit_id", "month", "pk"
        )
    }
    outcome = Outcome(sent=[], failed=[], skipped=len(deliveries) - len(claimed))
    try:
        for delivery in due:
            if delivery.key not in claimed:
                continue
            try:
                delivery.channel.send(delivery.reminder.user, delivery.reminder.message)
            except Exception:
                # Whatever a channel's service answers, the other deliveries still go out, and
                # this one is given back for the next run.
                logger.exception(
                    "Reminder to %s through %s not sent",
                    delivery.reminder.user.get_username(),
                    delivery.channel.name,
                )
                ReminderSent.objects.filter(pk=claimed[delivery.key]).delete()
                outcome.failed.append(delivery)
            else:
                outcome.sent.append(delivery)
    finally:
        for channel in channels:
            channel.close()
    return outcome
