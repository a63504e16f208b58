"""The monthly review: local staff submit a unit's month; coordinators approve, return or reopen it.

`act()` is the only code that changes a period's status; the admin screens and the API call it.
It locks the period row (`select_for_update`) for the change, so it waits for records being
written into that month and they wait for it (see `campaigns.periods.locks`).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..access import unit_ids_for
from ..audit.log import log_period
from ..months import month_label, month_start, year_is_known, year_range_message
from ..periods.locks import lock_for_transition
from ..periods.models import ReportingPeriod

Status = ReportingPeriod.Status

# A comment says what to fix or why a month is reopened: a few sentences, not a file.
COMMENT_MAX_LENGTH = 2000

ACTIONS = {
    "submit": _("Submit"),
    "approve": _("Approve"),
    "return": _("Return"),
    "reopen": _("Reopen"),
}

# Which statuses each action starts from.
_FROM = {
    "submit": {Status.OPEN, Status.RETURNED, Status.REOPENED},
    "approve": {Status.SUBMITTED},
    "return": {Status.SUBMITTED},
    "reopen": {Status.APPROVED},
}
_TO = {
    "submit": Status.SUBMITTED,
    "approve": Status.APPROVED,
    "return": Status.RETURNED,
    "reopen": Status.REOPENED,
}


class ReviewRefused(Exception):
    """An action the user may not take (`forbidden`) or that the month's status does not allow."""

    def __init__(self, message, forbidden=False):
        super().__init__(message)
        self.message = message
        self.forbidden = forbidden


def may(user, action, unit):
    """Whether `user`'s role allows `action` on `unit`'s months (whatever their status)."""
    if action == "submit":
        if not user.has_perm("campaigns.submit_reportingperiod"):
            return False
        ids = unit_ids_for(user)
        return ids is None or unit.pk in ids
    return user.has_perm("campaigns.approve_reportingperiod")


def available_actions(user, period):
    """The actions `user` can take on `period` now (a period object, saved or not)."""
    return [
        action
        for action in ACTIONS
        if may(user, action, period.unit) and _status_allows(action, period) is None
    ]


def _status_allows(action, period, today=None):
    """None when the period's status allows `action`, otherwise why not."""
    today = today or timezone.localdate()
    if action == "submit" and period.month > month_start(today):
        return gettext("%(month)s has not started yet.") % {"month": month_label(period.month)}
    if action == "reopen" and period.status != Status.APPROVED and period.closed_by_date(today):
        return None  # a month closed by the date is reopened like an approved one
    if period.status not in _FROM[action]:
        return gettext(
            "%(unit)s's report for %(month)s is %(status)s: it cannot be %(action)s."
        ) % {
            "unit": period.unit,
            "month": month_label(period.month),
            "status": period.get_status_display().lower(),
            "action": _PAST[action],
        }
    return None


_PAST = {
    "submit": _("submitted"),
    "approve": _("approved"),
    "return": _("returned"),
    "reopen": _("reopened"),
}


def act(user, unit, first, action, comment=""):
    """Take `action` on `unit`'s month starting `first`; returns the period. Raises ReviewRefused."""
    if action not in ACTIONS:
        raise ValueError(action)
    if not may(user, action, unit):
        if action == "submit":
            message = gettext("You may not submit the report of %(unit)s.") % {"unit": unit}
        else:
            message = gettext("Only a province coordinator can approve, return or reopen a month.")
        raise ReviewRefused(message, forbidden=True)
    if not year_is_known(first.year):
        raise ReviewRefused(year_range_message())
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ReviewRefused(
            gettext("Keep the comment to %(count)s characters or fewer.")
            % {"count": COMMENT_MAX_LENGTH}
        )
    if action == "return" and not comment:
        raise ReviewRefused(gettext("Say what needs fixing when you return a month."))
    if action == "reopen" and not comment:
        raise ReviewRefused(gettext("Give the reason for reopening the month."))
    with transaction.atomic():
        period = lock_for_transition(unit, first)
        refused = _status_allows(action, period)
        if refused:
            raise ReviewRefused(refused)
        before = period.status
        now = timezone.now()
        period.status = _TO[action]
        if action == "submit":
            period.submitted_by, period.submitted_at = user, now
        elif action in ("approve", "return"):
            period.decided_by, period.decided_at = user, now
            period.comment = comment
        else:
            period.reopened_by, period.reopened_at, period.reopen_reason = user, now, comment
        period.save()
        log_period(period, action, user, before, comment)
    return period
