"""Upload, preview and write: the life of one imported file.

`upload` checks the file and keeps it with what the preview shows. `write` checks the kept file
again (the month may have been approved since the preview) and writes its new rows in one
transaction: each through `ActivityRecord.save()`, which refuses a locked month and logs the
record under the uploader, as the admin and the API do. One problem, and nothing is written.
"""

import datetime
import hashlib
import logging
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wagtail.admin.utils import get_user_display_name
from wagtail.log_actions import LogContext
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from ..periods.locks import PeriodLocked, holding
from .checking import check
from .models import ImportBatch, ImportedRow

logger = logging.getLogger(__name__)

SAMPLE_ROWS = 50
PROGRESS_EVERY = 250
# A checked file nobody confirmed is forgotten after this long.
UNCONFIRMED_FOR = datetime.timedelta(days=1)


class ImportFailed(Exception):
    """Nothing was written, and why; `interrupted` when the file itself was fine and confirming
    it again may well work."""

    def __init__(self, message, interrupted=False):
        super().__init__(message)
        self.message = message
        self.interrupted = interrupted


def upload(user, unit, first, name, content):
    """Check an uploaded file and keep it, with its preview, until the user confirms it."""
    ImportBatch.objects.filter(
        status=ImportBatch.Status.CHECKED, created_at__lt=timezone.now() - UNCONFIRMED_FOR
    ).delete()
    checked = check(content, name, user, unit, first)
    return ImportBatch.objects.create(
        user=user,
        unit=unit,
        month=first,
        file_name=name[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        summary=summarise(checked),
    )


def earlier_import(batch):
    """The import that already wrote this very file, if any."""
    return (
        ImportBatch.objects.filter(sha256=batch.sha256, status=ImportBatch.Status.IMPORTED)
        .exclude(pk=batch.pk)
        .defer("content", "summary")
        .select_related("user")
        .first()
    )


def write(batch, user):
    """Check the kept file again and write its new rows, all or none. A generator: it yields
    (rows written, rows to write) as it goes, for a progress display. Raises ImportFailed, also
    when the write stops half-way (the database restarted, say): the transaction is rolled back,
    and the message says so, since the progress shown so far would suggest the opposite."""
    if batch.status == ImportBatch.Status.IMPORTED:
        raise ImportFailed(already_imported_message(batch))
    written = 0
    try:
        for written, total in _write(batch, user):
            yield written, total
    except ImportFailed:
        raise
    except Exception as error:
        # Whatever stopped it (a database restart, say), it stopped inside the transaction or
        # before it began: nothing was committed.
        logger.exception("import of batch %s stopped after %s rows", batch.pk, written)
        raise ImportFailed(interrupted_message(), interrupted=True) from error


def interrupted_message():
    return _(
        "The import stopped before the end, so it was undone: no row was written, not even the "
        "rows counted above. Nothing is lost: confirm the file again to import it."
    )


def _write(batch, user):
    checked = check(bytes(batch.content), batch.file_name, user, batch.unit, batch.month)
    if not checked.ok:
        batch.summary = summarise(checked)
        batch.save(update_fields=["summary"])
        raise ImportFailed(_("The file has problems now (see below). No row was written."))
    total = len(checked.rows)
    pairs = {(row.record.unit_id, batch.month) for row in checked.rows}
    try:
        with (
            transaction.atomic(),
            LogContext(user=user),
            holding(pairs) as reasons,
            disable_reference_index_auto_update(),
        ):
            locked = [reason for reason in reasons.values() if reason]
            if locked:
                raise PeriodLocked({"date": locked})
            imported = []
            for done, row in enumerate(checked.rows, start=1):
                row.record.recorded_by = user
                row.record.save()
                imported.append(
                    ImportedRow(batch=batch, key=row.key, row=row.number, record=row.record)
                )
                if done % PROGRESS_EVERY == 0:
                    yield done, total
            # Wagtail's usage index, which a screen edit updates on each save (three queries):
            # only a record naming a material has anything in it.
            for row in checked.rows:
                if row.record.material_id:
                    ReferenceIndex.create_or_update_for_object(row.record)
            ImportedRow.objects.bulk_create(imported, batch_size=1000)
            batch.status = ImportBatch.Status.IMPORTED
            batch.imported_at = timezone.now()
            batch.written, batch.skipped = total, len(checked.skipped)
            batch.content = b""
            batch.summary = summarise(checked)
            batch.save()
    except PeriodLocked as locked:
        raise ImportFailed(
            " ".join(locked.message_dict.get("date", locked.messages))
            + " "
            + _("No row was written.")
        ) from locked
    except IntegrityError as clash:
        raise ImportFailed(
            _(
                "Another upload imported some of these rows a moment ago. No row was written: "
                "upload the file again to see what is left."
            )
        ) from clash
    yield total, total


def write_all(batch, user):
    """`write` without the progress."""
    for _progress in write(batch, user):
        pass
    return batch


def imported_on(batch):
    return formats.date_format(timezone.localtime(batch.imported_at), "SHORT_DATETIME_FORMAT")


def importer_name(batch):
    """Who imported the batch, as the admin names people (full name, family name first)."""
    return get_user_display_name(batch.user) if batch.user else "?"


def already_imported_message(batch):
    return _("This file was imported on %(when)s by %(who)s.") % {
        "when": imported_on(batch),
        "who": importer_name(batch),
    }


def summarise(checked):
    """What the preview and the result screens show, as JSON."""
    totals = {}
    for row in checked.rows:
        record = row.record
        sums = totals.setdefault(
            record.indicator.pk,
            {
                "indicator": record.indicator.display_name,
                "unit": record.indicator.display_unit,
                "quantity": 0,
                "attendees": None,
                "minutes": None,
            },
        )
        sums["quantity"] += record.quantity
        for measure in ("attendees", "minutes"):
            if getattr(record, measure) is not None:
                sums[measure] = (sums[measure] or 0) + getattr(record, measure)
    skipped = defaultdict(int)
    batches = {}
    for _row, earlier in checked.skipped:
        skipped[earlier.pk] += 1
        batches[earlier.pk] = earlier
    return {
        "problems": [[p.row, p.column, p.message] for p in checked.problems],
        "ignored_headers": checked.ignored_headers,
        "rows": len(checked.rows),
        "sample": [_sample(row) for row in checked.rows[:SAMPLE_ROWS]],
        "totals": list(totals.values()),
        "skipped": [
            {
                "count": count,
                "file": batches[pk].file_name,
                "who": importer_name(batches[pk]),
                "when": imported_on(batches[pk]),
            }
            for pk, count in skipped.items()
        ],
        "skipped_count": len(checked.skipped),
    }


def _sample(row):
    record = row.record
    return {
        "row": row.number,
        "unit": record.unit.code,
        "date": formats.date_format(record.date, "SHORT_DATE_FORMAT"),
        "indicator": record.indicator.code,
        "quantity": record.quantity,
        "second": record.attendees if record.attendees is not None else record.minutes,
        "place": record.place,
    }
