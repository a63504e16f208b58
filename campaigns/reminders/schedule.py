"""When reminders are due. A month's figures are due on `REPORTING_DEADLINE_DAY` of the next
month; staff are reminded on the days `REMINDER_DAYS` counts from that deadline, coordinators on
`REMINDER_DIGEST_WEEKDAY` each week."""

import datetime

from django.conf import settings

from ..months import month_end, month_start, months_before, next_month


def deadline(first):
    """The day the figures of the month starting `first` are due."""
    following = next_month(first)
    return following.replace(day=min(settings.REPORTING_DEADLINE_DAY, month_end(following).day))


def months_to_remind(day):
    """[(first day of a month, days from its deadline to `day`)] for every reminder day that
    falls on `day`; usually one month or none."""
    found = []
    for offset in sorted(set(settings.REMINDER_DAYS)):
        due = day - datetime.timedelta(days=offset)
        first = months_before(month_start(due), 1)
        if deadline(first) == due:
            found.append((first, offset))
    return found


def is_digest_day(day):
    return day.isoweekday() == settings.REMINDER_DIGEST_WEEKDAY
