"""Month arithmetic every part of the campaign data shares: records are reported by the month."""

import calendar
import datetime


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


def parse_month(text):
    """ "2024-07" → date(2024, 7, 1); ValueError for anything else."""
    year, _sep, month = str(text).partition("-")
    if not (len(year) == 4 and year.isdigit() and len(month) == 2 and month.isdigit()):
        raise ValueError(text)
    return datetime.date(int(year), int(month), 1)


def month_key(first):
    return f"{first.year:04d}-{first.month:02d}"


def month_label(first):
    return f"{first.month:02d}/{first.year}"
