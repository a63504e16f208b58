"""Month arithmetic every part of the campaign data shares: records are reported by the month.

It also owns the years the campaign data can hold. Every year or month that comes from outside
(the API, a report's or a screen's address, a form) is checked against them here, so no screen
answers a server error for year 1 or 9999 and no period is stored for a year nobody reports.
"""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# The site's campaign data starts in the 2000s; plans and targets may be entered a year ahead.
FIRST_YEAR = 2000


def month_start(day):
    return day.replace(day=1)


def month_end(first):
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def next_month(first):
    return month_end(first) + datetime.timedelta(days=1)


def months_before(first, count):
    year, month = first.year, first.month - count
    while month < 1:
        month += 12
        year -= 1
    return datetime.date(year, month, 1)


def last_year():
    """Next year: a plan or a target may be entered for it, nothing further."""
    return timezone.localdate().year + 1


def year_is_known(year):
    return FIRST_YEAR <= year <= last_year()


def year_range_message():
    return _("Choose a year from %(first)s to %(last)s.") % {
        "first": FIRST_YEAR,
        "last": last_year(),
    }


def month_format_message():
    """What a month that `parse_month` refused should have been."""
    return _("Write the month as YYYY-MM, in a year from %(first)s to %(last)s.") % {
        "first": FIRST_YEAR,
        "last": last_year(),
    }


def validate_year(year):
    """A validator for form and API fields (DRF runs Django's validators too)."""
    if not year_is_known(year):
        raise ValidationError(year_range_message(), code="year_range")


def parse_month(text):
    """ "2024-07" → date(2024, 7, 1), for a year `year_is_known`; ValueError for anything else."""
    year, _sep, month = str(text).partition("-")
    if not (len(year) == 4 and year.isdigit() and len(month) == 2 and month.isdigit()):
        raise ValueError(text)
    if not year_is_known(int(year)):
        raise ValueError(text)
    return datetime.date(int(year), int(month), 1)


def month_key(first):
    return f"{first.year:04d}-{first.month:02d}"


def month_label(first):
    return f"{first.month:02d}/{first.year}"
