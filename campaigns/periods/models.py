"""Monthly reporting periods: one unit's month, from open to approved.

A unit's month is open until its staff submit it; a coordinator then approves it or returns it
with a comment (`campaigns.reporting.review`). What an approved or closed month locks, and how,
is `campaigns.periods.locks`.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taxonomy.models import AdministrativeUnit

from ..months import month_end, month_key, month_label


def closing_date(first):
    """The last day records of the month starting `first` may change by themselves, or None."""
    days = getattr(settings, "REPORTING_CLOSE_AFTER_DAYS", None)
    if days is None:
        return None
    return month_end(first) + datetime.timedelta(days=days)


def units_reporting_in(year, tree):
    """The units a coordinator reviews the months of: those directly below the site's province
    (`PROVINCE_CODE`) that existed in `year` (`tree` is a `campaigns.totals.UnitTree`): its
    districts until June 2025, its communes and wards from July. A province it absorbed reported
    elsewhere before; its units count here once they are the province's own."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    roots = {
        u.pk
        for u in tree.units.values()
        if u.parent_id is None and u.code == settings.PROVINCE_CODE
    } or {u.pk for u in tree.units.values() if u.parent_id is None}
    units = [
        u
        for u in tree.units.values()
        if u.parent_id in roots
        and (u.valid_from is None or u.valid_from <= last)
        and (u.valid_to is None or u.valid_to >= first)
    ]
    return sorted(units, key=lambda u: (u.level, u.code))


def units_reporting_in_month(first, tree):
    """The units of `units_reporting_in` that existed in the month starting `first`: those
    expected to report it (in 2025, the districts until June and the communes from July)."""
    return [
        unit
        for unit in units_reporting_in(first.year, tree)
        if (unit.valid_from is None or unit.valid_from <= month_end(first))
        and (unit.valid_to is None or unit.valid_to >= first)
    ]


class ReportingPeriod(models.Model):
    """One unit's month of records and where it stands in the monthly review.

    A month without a row is open. Local staff submit their units' months; coordinators
    approve, return or reopen them. Every change is in the audit log (`campaigns.audit`).
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")
        REOPENED = "reopened", _("Reopened")

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="reporting_periods",
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved or returned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("approved or returned at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reopened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-month", "unit__code"]
        permissions = [
            ("submit_reportingperiod", "Can submit a unit's month"),
            ("approve_reportingperiod", "Can approve, return and reopen a unit's month"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["unit", "month"], name="unique_unit_month"),
            models.CheckConstraint(condition=models.Q(month__day=1), name="period_month_first_day"),
        ]
        indexes = [models.Index(fields=["month", "status"], name="period_month_status")]

    def __str__(self):
        return f"{self.unit} · {month_label(self.month)}"

    @property
    def key(self):
        return month_key(self.month)

    def closed_by_date(self, today=None):
        """Whether the closing date has passed and no coordinator has reopened the month."""
        closes = closing_date(self.month)
        today = today or timezone.localdate()
        return bool(closes and today > closes and not self.reopened_at)
