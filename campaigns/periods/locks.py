"""The lock that follows a month's approval or closing.

An approved month is locked, and so is every month once `REPORTING_CLOSE_AFTER_DAYS` days have
passed since it ended, unless a coordinator reopened it.

A lock covers the unit and every unit below it: approving Biên Hòa's July locks the July records
of its communes and hamlets too, since Biên Hòa's approved totals include them.

`guard_record_write` is the one check every write of an `ActivityRecord` goes through (the model's
`save()` and `delete()` call it, so the admin, the API and any import are covered). It locks the
period rows it reads, so a coordinator approving a month and a district recording into it are
serialised: the record is either written before the approval or refused after it.
"""

import contextvars
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext

from taxonomy.models import AdministrativeUnit

from ..audit.log import stored_values
from ..months import month_label, month_start
from .models import ReportingPeriod, closing_date


class PeriodLocked(ValidationError):
    """A write into a locked month. Its message says why and who can reopen the month."""


def lock_reason(first, periods, today=None):
    """Why records dated in the month `first` are locked, given the period rows of the unit and
    every unit above it, or None when they may change."""
    approved = sorted(
        (p for p in periods if p.status == ReportingPeriod.Status.APPROVED),
        key=lambda p: p.unit.level,
    )
    if approved:
        period = approved[0]
        return gettext(
            "%(unit)s's report for %(month)s was approved on %(date)s, so its records can no "
            "longer be changed. Only a province coordinator can reopen the month."
        ) % {
            "unit": period.unit,
            "month": month_label(first),
            "date": formats.date_format(timezone.localtime(period.decided_at), "SHORT_DATE_FORMAT")
            if period.decided_at
            else "",
        }
    closes = closing_date(first)
    today = today or timezone.localdate()
    if closes and today > closes and not any(p.reopened_at for p in periods):
        return gettext(
            "The month %(month)s closed on %(date)s, so its records can no longer be changed. "
            "Only a province coordinator can reopen it for a unit."
        ) % {"month": month_label(first), "date": formats.date_format(closes, "SHORT_DATE_FORMAT")}
    return None


def _chain_ids(unit_id, parents):
    """The unit and every unit above it, province first (`parents` from `_parents()`)."""
    chain = []
    while unit_id is not None and unit_id not in chain:
        chain.append(unit_id)
        unit_id = parents.get(unit_id)
    return list(reversed(chain))


def _parents():
    return dict(AdministrativeUnit.objects.values_list("pk", "parent_id"))


def lock_reasons(unit_ids, first):
    """{unit id: why its records in the month `first` are locked, or None}, in two queries however
    many units, without locking anything: for a form, or a whole spreadsheet before importing it."""
    parents = _parents()
    chains = {pk: _chain_ids(pk, parents) for pk in unit_ids}
    periods = list(
        ReportingPeriod.objects.filter(
            unit_id__in={pk for chain in chains.values() for pk in chain}, month=first
        ).select_related("unit")
    )
    return {
        pk: lock_reason(first, [p for p in periods if p.unit_id in chain])
        for pk, chain in chains.items()
    }


def check_writable(unit, day):
    """For forms and serializers: raise PeriodLocked when `unit`'s records on `day` are locked."""
    first = month_start(day)
    reason = lock_reasons([unit.pk], first)[unit.pk]
    if reason:
        raise PeriodLocked({"date": reason})


def _lock_periods(wanted):
    """Inside a transaction: make sure the period rows of each (unit id, month) in `wanted`
    exist, lock them, and return them.

    Writers take a shared lock (PostgreSQL `FOR SHARE`): twenty districts recording into the
    same month share the province's row without queueing behind each other, while a coordinator
    approving a month (`select_for_update`, an exclusive lock) waits for them and they for it.
    SQLite locks the whole database on write, which serialises the same way.
    """
    ReportingPeriod.objects.bulk_create(
        [ReportingPeriod(unit_id=pk, month=first) for pk, first in sorted(wanted, key=_order)],
        ignore_conflicts=True,
    )
    query = models.Q()
    for pk, first in wanted:
        query |= models.Q(unit_id=pk, month=first)
    ids = sorted(ReportingPeriod.objects.filter(query).values_list("pk", flat=True))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {ReportingPeriod._meta.db_table} "  # the table name is ours, not input
                "WHERE id = ANY(%s) ORDER BY id FOR SHARE",
                [ids],
            )
    else:
        list(ReportingPeriod.objects.filter(pk__in=ids).select_for_update())
    return list(ReportingPeriod.objects.filter(pk__in=ids).select_related("unit"))


def _order(pair):
    pk, first = pair
    return (first, pk)


def lock_for_transition(unit, first):
    """Inside a transaction: the unit's period row for the month, created if need be and locked
    exclusively, so no record is written into the month while its status changes."""
    ReportingPeriod.objects.bulk_create(
        [ReportingPeriod(unit=unit, month=first)], ignore_conflicts=True
    )
    return (
        ReportingPeriod.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(unit=unit, month=first)
    )


def _locked_reasons(touched):
    """Lock the period rows of each (unit id, month) in `touched` and of the units above them;
    return {(unit id, month): why it is locked, or None}."""
    parents = _parents()
    chains = {pair: set(_chain_ids(pair[0], parents)) for pair in touched}
    periods = _lock_periods({(pk, first) for (_u, first), chain in chains.items() for pk in chain})
    return {
        (unit_id, first): lock_reason(
            first, [p for p in periods if p.unit_id in chain and p.month == first]
        )
        for (unit_id, first), chain in chains.items()
    }


# The (unit id, month) pairs a batch of writes holds locked: see `holding`.
_held = contextvars.ContextVar("held_periods", default=None)


@contextmanager
def holding(pairs):
    """Inside a transaction: lock the periods of each (unit id, month) in `pairs` once for a batch
    of writes (the spreadsheet import), and yield {pair: why it is locked, or None}.

    The rows stay locked until the transaction ends, so no status can change under the batch;
    `guard_record_write` still runs for every record, but takes the answer for these pairs from
    here instead of locking the same rows again for each of ten thousand records.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("holding must run inside a transaction")
    reasons = _locked_reasons(set(pairs))
    token = _held.set(reasons)
    try:
        yield reasons
    finally:
        _held.reset(token)


def guard_record_write(record, deleting=False):
    """Lock the periods a save or delete of `record` touches, and refuse it if one is locked.

    An edit touches the month the record was in and the month it moves to. Returns the record's
    stored values before the write (None for a new record) for the audit log.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("guard_record_write must run inside a transaction")
    stored = stored_values(record) if record.pk else None
    touched = []
    if stored is not None:
        touched.append((stored["unit_id"], month_start(stored["date"])))
    if not deleting:
        touched.append((record.unit_id, month_start(record.date)))
    held = _held.get() or {}
    missing = [pair for pair in touched if pair not in held]
    reasons = {**held, **(_locked_reasons(missing) if missing else {})}
    for pair in touched:
        if reasons[pair]:
            raise PeriodLocked({"date": reasons[pair]})
    return stored
