"""What the reminders say: subject, plain text and link, in the language active when they are
built (the recipient's). Every address is absolute (`WAGTAILADMIN_BASE_URL`), since a message is
read outside the site."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from accounts.models import full_name_family_first

from ..months import month_key, month_label
from ..periods.models import ReportingPeriod
from .channels import Message
from .schedule import deadline

Status = ReportingPeriod.Status


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def period_url(unit, first):
    """The unit's month in *Monthly reports*: its figures, its status, the Submit button."""
    return absolute(reverse("campaigns_reporting_period", args=[unit.code, month_key(first)]))


def _common(user):
    return {
        "name": full_name_family_first(user) or user.get_username(),
        "account_url": absolute(reverse("wagtailadmin_account")) + "#tab-notifications",
    }


def _text(template, context):
    # Template tags leave blank lines at the end; a message ends with one line break.
    return render_to_string(template, context).strip() + "\n"


def _subject(unit, first, days_from_deadline):
    names = {"unit": unit.full_name, "month": month_label(first)}
    if days_from_deadline < 0:
        return gettext("%(unit)s: the report for %(month)s is due on %(deadline)s") % {
            **names,
            "deadline": date_format(deadline(first), "SHORT_DATE_FORMAT"),
        }
    if days_from_deadline == 0:
        return gettext("%(unit)s: the report for %(month)s is due today") % names
    return ngettext(
        "%(unit)s: the report for %(month)s is %(days)s day late",
        "%(unit)s: the report for %(month)s is %(days)s days late",
        days_from_deadline,
    ) % {**names, "days": days_from_deadline}


def _situation(period):
    names = {"unit": period.unit.full_name, "month": month_label(period.month)}
    if period.status == Status.RETURNED:
        return gettext(
            "A coordinator returned the report of %(unit)s for %(month)s: “%(comment)s” Correct "
            "it and submit it again."
        ) % {**names, "comment": period.comment}
    if period.status == Status.REOPENED:
        return gettext(
            "The report of %(unit)s for %(month)s was reopened: “%(comment)s” Submit it again "
            "once it is right."
        ) % {**names, "comment": period.reopen_reason}
    return gettext("The report of %(unit)s for %(month)s has not been submitted yet.") % names


def staff_message(user, period, days_from_deadline):
    """The reminder to one of the unit's staff that `period` (saved or not) is not submitted."""
    unit, first = period.unit, period.month
    link = period_url(unit, first)
    text = _text(
        "campaigns/reminders/staff_reminder.txt",
        {
            **_common(user),
            "unit": unit.full_name,
            "situation": _situation(period),
            "entry_url": absolute(
                reverse("campaigns_month_entry", args=[unit.code, month_key(first)])
            ),
            "period_url": link,
        },
    )
    return Message(subject=_subject(unit, first, days_from_deadline), text=text, link=link)


def digest_message(user, overview, day):
    """The weekly digest for a coordinator, from `campaigns.reporting.overview.province_month`."""
    link = absolute(reverse("campaigns_reporting_months"))
    text = _text(
        "campaigns/reminders/digest.txt",
        {
            **_common(user),
            "overview": overview,
            "awaiting": [(p, period_url(p.unit, p.month)) for p in overview.awaiting],
            "more_awaiting": overview.awaiting_count - len(overview.awaiting),
            "not_reported": [(u, period_url(u, overview.month)) for u in overview.not_reported],
            "flags": [
                (unit, flags, period_url(unit, overview.month))
                for unit, flags in overview.flags.items()
            ],
            "unusual": [
                (record, absolute(reverse("activity_records:edit", args=[record.pk])))
                for record in overview.unusual
            ],
            "months_url": link,
            "report_url": absolute(reverse("campaigns_report")),
        },
    )
    subject = gettext("Monthly reports: the week's summary, %(day)s") % {
        "day": date_format(day, "SHORT_DATE_FORMAT")
    }
    return Message(subject=subject, text=text, link=link)
