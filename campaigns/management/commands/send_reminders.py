import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaigns.months import month_label, year_is_known
from campaigns.reminders.channels import configured_channels
from campaigns.reminders.models import ReminderSent
from campaigns.reminders.sending import send


def parse_day(text):
    """--date as a day not after today; CommandError with the format for anything else."""
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or len(text) != 10 or not year_is_known(day.year):
        raise CommandError(
            _("Write the date as YYYY-MM-DD, for example 2025-07-05, not “%(text)s”.")
            % {"text": text}
        )
    if day > timezone.localdate():
        raise CommandError(_("%(day)s has not come yet.") % {"day": text})
    return day


class Command(BaseCommand):
    help = (
        "Remind staff whose unit's month is not submitted, on the days around the deadline "
        "(REPORTING_DEADLINE_DAY, REMINDER_DAYS), and send coordinators their weekly digest "
        "(REMINDER_DIGEST_WEEKDAY). Run it once a day; a second run the same day sends nothing "
        "twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            metavar="YYYY-MM-DD",
            help="Run as of this day (default: today), e.g. to catch up a day the timer missed.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print who would get what; send and store nothing.",
        )

    def handle(self, date=None, dry_run=False, **options):
        day = parse_day(date) if date is not None else timezone.localdate()
        # The reminder settings were checked before this runs (`campaigns.reminders.checks`).
        outcome = send(day, configured_channels(), dry_run=dry_run)
        if dry_run:
            self.stdout.write(_("Dry run: nothing is sent or stored."))
        for delivery in outcome.sent:
            reminder = delivery.reminder
            self.stdout.write(
                f"{reminder.user.get_username()} ({delivery.channel.name}): "
                f"{reminder.message.subject}"
            )
        for delivery in outcome.failed:
            self.stderr.write(
                _("Not sent, tried again at the next run: %(user)s (%(channel)s): %(subject)s")
                % {
                    "user": delivery.reminder.user.get_username(),
                    "channel": delivery.channel.name,
                    "subject": delivery.reminder.message.subject,
                }
            )
        self.stdout.write(self.summary(day, outcome, dry_run))
        if outcome.failed:
            raise CommandError(
                ngettext(
                    "%(count)s reminder could not be sent.",
                    "%(count)s reminders could not be sent.",
                    len(outcome.failed),
                )
                % {"count": len(outcome.failed)}
            )

    def summary(self, day, outcome, dry_run):
        staff = [d for d in outcome.sent if d.reminder.kind == ReminderSent.Kind.STAFF]
        digests = len(outcome.sent) - len(staff)
        counts = {
            "day": day.strftime("%d/%m/%Y"),
            "staff": len(staff),
            "units": len({d.reminder.unit.pk for d in staff}),
            "months": ", ".join(sorted({month_label(d.reminder.month) for d in staff})) or "–",
            "digests": digests,
            "skipped": outcome.skipped,
        }
        if dry_run:
            return (
                _(
                    "%(day)s: would send %(staff)s reminders to the staff of %(units)s units "
                    "(months: %(months)s) and %(digests)s weekly digests; %(skipped)s already "
                    "sent today."
                )
                % counts
            )
        return (
            _(
                "%(day)s: sent %(staff)s reminders to the staff of %(units)s units (months: "
                "%(months)s) and %(digests)s weekly digests; %(skipped)s already sent today."
            )
            % counts
        )
