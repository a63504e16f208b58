"""All campaign data in one portable file, and back into an empty database (docs/backup.md).

The file is JSON (gzip when its name ends in `.gz`) with a format name and a version. What lies
outside the campaign data is named by a natural key: units and indicators by code, people by
username, materials by their page's URL path, the log's object types by app label and model.
Campaigns, records, periods, log entries and imports keep their ids, because the audit log names
records, periods and campaigns by id, and an imported row names its record; the database they go into holds none, so the ids cannot clash, and
the id sequences are moved past them afterwards.

Audiences are not in the file: no campaign data refers to them (only publications do). Of the
spreadsheet imports only the finished ones travel, with their row keys and without the file, so that
a file imported before the backup is still recognised after a restore and never counted twice.
"""

import datetime
import gzip
import json

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from wagtail.models import Page

from accounts.models import UnitAssignment
from taxonomy.models import AdministrativeUnit

from .models import (
    ActivityRecord,
    Campaign,
    CampaignTarget,
    ImportBatch,
    ImportedRow,
    Indicator,
    ReportingLogEntry,
    ReportingPeriod,
)

FORMAT = "campaign-data"
VERSION = 1
# What the file holds, in the order it is written back. An import needs all of them empty.
MODELS = (
    AdministrativeUnit,
    Indicator,
    Campaign,
    CampaignTarget,
    ActivityRecord,
    ImportBatch,
    ImportedRow,
    ReportingPeriod,
    ReportingLogEntry,
    UnitAssignment,
)
_PERIOD_PEOPLE = ("submitted_by", "decided_by", "reopened_by")


class BackupError(Exception):
    """A file that cannot be imported, or a database it cannot go into. Nothing was written."""


def write(path):
    """Write every campaign row to `path`; returns how many rows of each kind."""
    data = dump()
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as out:
        json.dump(data, out, cls=_Encoder, ensure_ascii=False)
    return counts(data)


def read(path):
    """The data of a file `write` made, or BackupError saying why it is not one."""
    try:
        with open(path, "rb") as raw:
            gzipped = raw.read(2) == b"\x1f\x8b"
        with (gzip.open if gzipped else open)(path, "rt", encoding="utf-8") as source:
            data = json.load(source)
    except (OSError, UnicodeDecodeError, ValueError, EOFError) as error:
        raise BackupError(
            _("%(path)s is not a campaign data file: %(error)s") % {"path": path, "error": error}
        ) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(_("%(path)s is not a campaign data file.") % {"path": path})
    if data.get("version") != VERSION:
        raise BackupError(
            _("%(path)s is in format version %(version)s; this site reads version %(ours)s.")
            % {"path": path, "version": data.get("version"), "ours": VERSION}
        )
    return data


def counts(data):
    """How many rows of each kind `data` holds, by the kind's name: {"bản ghi hoạt động": 660}."""
    return {
        str(model._meta.verbose_name_plural): len(data[key]) for key, model in _SECTIONS.items()
    }


# The file's sections and what they hold (campaign targets travel inside their campaigns).
_SECTIONS = {
    "units": AdministrativeUnit,
    "indicators": Indicator,
    "campaigns": Campaign,
    "records": ActivityRecord,
    "imports": ImportBatch,
    "periods": ReportingPeriod,
    "audit_log": ReportingLogEntry,
    "unit_assignments": UnitAssignment,
}


class _Encoder(DjangoJSONEncoder):
    """Times to the microsecond (Django's encoder keeps milliseconds), so the log reads back
    exactly as it was."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


def dump():
    users = {}

    def person(user):
        if user is None:
            return None
        users[user.get_username()] = {"first_name": user.first_name, "last_name": user.last_name}
        return user.get_username()

    units = AdministrativeUnit.objects.select_related("parent", "replaced_by")
    campaigns = Campaign.objects.prefetch_related("units", "targets__indicator", "targets__unit")
    records = ActivityRecord.objects.select_related(
        "unit", "indicator", "material", "recorded_by"
    ).order_by("pk")
    periods = ReportingPeriod.objects.select_related("unit", *_PERIOD_PEOPLE).order_by("pk")
    entries = ReportingLogEntry.objects.select_related("unit", "user", "content_type")
    assignments = UnitAssignment.objects.select_related("user", "unit").order_by("pk")
    imports = (
        ImportBatch.objects.filter(status=ImportBatch.Status.IMPORTED)
        .defer("content")
        .select_related("user", "unit")
        .prefetch_related("rows")
        .order_by("pk")
    )
    data = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now(),
        "units": [
            {
                "code": u.code,
                "name": u.name,
                "name_en": u.name_en,
                "designation": u.designation,
                "level": u.level,
                "parent": u.parent.code if u.parent else None,
                "valid_from": u.valid_from,
                "valid_to": u.valid_to,
                "replaced_by": u.replaced_by.code if u.replaced_by else None,
            }
            for u in units.order_by("level", "code")
        ],
        "indicators": [
            {
                field: getattr(i, field)
                for field in (
                    "code",
                    "name",
                    "name_en",
                    "unit_label",
                    "unit_label_en",
                    "kind",
                    "second_measure",
                    "sort_order",
                )
            }
            for i in Indicator.objects.order_by("pk")
        ],
        "campaigns": [
            {
                "id": c.pk,
                "name": c.name,
                "description": c.description,
                "start_date": c.start_date,
                "end_date": c.end_date,
                "units": sorted(u.code for u in c.units.all()),
                "targets": [
                    {
                        "indicator": t.indicator.code,
                        "unit": t.unit.code if t.unit else None,
                        "quantity": t.quantity,
                        "sort_order": t.sort_order,
                    }
                    for t in c.targets.all()
                ],
            }
            for c in campaigns.order_by("pk")
        ],
        "records": [
            {
                "id": r.pk,
                "unit": r.unit.code,
                "date": r.date,
                "indicator": r.indicator.code,
                "quantity": r.quantity,
                "attendees": r.attendees,
                "minutes": r.minutes,
                "campaign": r.campaign_id,
                "material": r.material.url_path if r.material else None,
                "place": r.place,
                "note": r.note,
                "recorded_by": person(r.recorded_by),
                "created_at": r.created_at,
                "updated_at": r.updated_at,
            }
            for r in records.iterator(chunk_size=2000)
        ],
        "imports": [
            {
                "id": b.pk,
                "user": person(b.user),
                "unit": b.unit.code,
                "month": b.month,
                "file_name": b.file_name,
                "sha256": b.sha256,
                "summary": b.summary,
                "created_at": b.created_at,
                "imported_at": b.imported_at,
                "written": b.written,
                "skipped": b.skipped,
                "rows": [
                    {"key": r.key, "row": r.row, "record": r.record_id}
                    for r in sorted(b.rows.all(), key=lambda r: r.pk)
                ],
            }
            for b in imports
        ],
        "periods": [
            {
                "id": p.pk,
                "unit": p.unit.code,
                "month": p.month,
                "status": p.status,
                **{field: person(getattr(p, field)) for field in _PERIOD_PEOPLE},
                "submitted_at": p.submitted_at,
                "decided_at": p.decided_at,
                "reopened_at": p.reopened_at,
                "comment": p.comment,
                "reopen_reason": p.reopen_reason,
            }
            for p in periods
        ],
        "audit_log": [
            {
                "id": e.pk,
                "object_type": f"{e.content_type.app_label}.{e.content_type.model}"
                if e.content_type
                else None,
                "object_id": e.object_id,
                "label": e.label,
                "action": e.action,
                "data": e.data,
                "timestamp": e.timestamp,
                "uuid": e.uuid,
                "user": person(e.user),
                "content_changed": e.content_changed,
                "deleted": e.deleted,
                "unit": e.unit.code if e.unit else None,
                "month": e.month,
            }
            for e in entries.order_by("pk").iterator(chunk_size=2000)
        ],
        "unit_assignments": [{"user": person(a.user), "unit": a.unit.code} for a in assignments],
    }
    data["users"] = [{"username": name, **details} for name, details in sorted(users.items())]
    return data


def load(data, *, create_missing_users=False, unlink_missing_materials=False):
    """Write `data` (from `read`) into an empty database, all of it or nothing.

    People are found by username: one the database does not have is refused, or with
    `create_missing_users` made as an inactive account without a password (the history keeps
    the name; `staff_account` gives it a role). A material page the site does not have is
    refused, or with `unlink_missing_materials` left off its records (their numbers stay).
    Returns how many rows of each kind were written.
    """
    with transaction.atomic():
        _check_empty()
        users = _users(data, create_missing_users)
        materials = _materials(data, unlink_missing_materials)
        try:
            _Loader(data, users, materials).run()
        except (KeyError, TypeError, ValueError, ObjectDoesNotExist, IntegrityError) as error:
            raise BackupError(
                _("The file is damaged or incomplete (%(error)r); nothing was imported.")
                % {"error": error}
            ) from error
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), MODELS):
                cursor.execute(sql)
    return counts(data)


def describe(counts):
    """{name: count} as people read it: "11 units, 5 indicators"."""
    return ", ".join(f"{count} {name}" for name, count in counts.items())


def _check_empty():
    found = {
        model._meta.verbose_name_plural: count
        for model in MODELS
        if (count := model.objects.count())
    }
    if found:
        raise BackupError(
            _(
                "This database already holds campaign data (%(found)s). Import only into an "
                "empty database: nothing was imported."
            )
            % {"found": describe(found)}
        )


def _users(data, create_missing):
    User = get_user_model()
    wanted = {u["username"]: u for u in data.get("users", [])}
    found = dict(
        User.objects.filter(**{f"{User.USERNAME_FIELD}__in": wanted}).values_list(
            User.USERNAME_FIELD, "pk"
        )
    )
    missing = sorted(set(wanted) - set(found))
    if missing and not create_missing:
        raise BackupError(
            _(
                "These accounts are not in this database: %(names)s. Create them first (manage.py "
                "staff_account) or import with --create-missing-users; nothing was imported."
            )
            % {"names": ", ".join(missing)}
        )
    for name in missing:
        user = User(
            **{User.USERNAME_FIELD: name},
            first_name=wanted[name].get("first_name", ""),
            last_name=wanted[name].get("last_name", ""),
            is_active=False,
        )
        user.set_unusable_password()
        user.save()
        found[name] = user.pk
    return found


def _materials(data, unlink_missing):
    wanted = {r["material"] for r in data["records"] if r.get("material")}
    found = dict(Page.objects.filter(url_path__in=wanted).values_list("url_path", "pk"))
    missing = sorted(wanted - set(found))
    if missing and not unlink_missing:
        raise BackupError(
            _(
                "These materials (pages) are not on this site: %(paths)s. Restore the site's pages "
                "first or import with --unlink-missing-materials; nothing was imported."
            )
            % {"paths": ", ".join(missing)}
        )
    return found


class _Loader:
    """Writes the sections in order, each in a few bulk queries. Bulk writes skip the records'
    own `save()` on purpose: the rows and their audit log go back as they were, not as new
    changes, and an approved month must not refuse its own records."""

    def __init__(self, data, users, materials):
        self.data, self.users, self.materials = data, users, materials
        self.units = {}

    def run(self):
        self.load_units()
        indicators = Indicator.objects.bulk_create(
            Indicator(**fields) for fields in self.data["indicators"]
        )
        self.indicators = {i.code: i.pk for i in indicators}
        self.load_campaigns()
        self.load_records()
        self.load_imports()
        self.load_periods()
        self.load_audit_log()
        UnitAssignment.objects.bulk_create(
            UnitAssignment(user_id=self.users[a["user"]], unit_id=self.units[a["unit"]])
            for a in self.data["unit_assignments"]
        )

    def person(self, username):
        return self.users[username] if username else None

    def load_units(self):
        rows = sorted(self.data["units"], key=lambda u: u["level"])
        for level in sorted({u["level"] for u in rows}):
            created = AdministrativeUnit.objects.bulk_create(
                AdministrativeUnit(
                    code=u["code"],
                    name=u["name"],
                    name_en=u["name_en"],
                    designation=u["designation"],
                    level=level,
                    parent_id=self.units[u["parent"]] if u["parent"] else None,
                    valid_from=_day(u["valid_from"]),
                    valid_to=_day(u["valid_to"]),
                )
                for u in rows
                if u["level"] == level
            )
            self.units.update((unit.code, unit.pk) for unit in created)
        replaced = [u for u in rows if u["replaced_by"]]
        AdministrativeUnit.objects.bulk_update(
            [
                AdministrativeUnit(
                    pk=self.units[u["code"]], replaced_by_id=self.units[u["replaced_by"]]
                )
                for u in replaced
            ],
            ["replaced_by"],
        )

    def load_campaigns(self):
        rows = self.data["campaigns"]
        Campaign.objects.bulk_create(
            Campaign(
                pk=c["id"],
                name=c["name"],
                description=c["description"],
                start_date=parse_date(c["start_date"]),
                end_date=parse_date(c["end_date"]),
            )
            for c in rows
        )
        Through = Campaign.units.through
        Through.objects.bulk_create(
            Through(campaign_id=c["id"], administrativeunit_id=self.units[code])
            for c in rows
            for code in c["units"]
        )
        CampaignTarget.objects.bulk_create(
            CampaignTarget(
                campaign_id=c["id"],
                indicator_id=self.indicators[t["indicator"]],
                unit_id=self.units[t["unit"]] if t["unit"] else None,
                quantity=t["quantity"],
                sort_order=t["sort_order"],
            )
            for c in rows
            for t in c["targets"]
        )

    def load_records(self):
        records = [
            ActivityRecord(
                pk=r["id"],
                unit_id=self.units[r["unit"]],
                date=parse_date(r["date"]),
                indicator_id=self.indicators[r["indicator"]],
                quantity=r["quantity"],
                attendees=r["attendees"],
                minutes=r["minutes"],
                campaign_id=r["campaign"],
                material_id=self.materials.get(r["material"]),
                place=r["place"],
                note=r["note"],
                recorded_by_id=self.person(r["recorded_by"]),
            )
            for r in self.data["records"]
        ]
        ActivityRecord.objects.bulk_create(records, batch_size=2000)
        # Saving stamps both times with now; the file's times go back in a second pass.
        for record, row in zip(records, self.data["records"], strict=True):
            record.created_at = parse_datetime(row["created_at"])
            record.updated_at = parse_datetime(row["updated_at"])
        ActivityRecord.objects.bulk_update(records, ["created_at", "updated_at"], batch_size=500)

    def load_imports(self):
        rows = self.data["imports"]
        batches = ImportBatch.objects.bulk_create(
            ImportBatch(
                pk=b["id"],
                user_id=self.person(b["user"]),
                unit_id=self.units[b["unit"]],
                month=parse_date(b["month"]),
                file_name=b["file_name"],
                sha256=b["sha256"],
                status=ImportBatch.Status.IMPORTED,
                summary=b["summary"],
                imported_at=_moment(b["imported_at"]),
                written=b["written"],
                skipped=b["skipped"],
            )
            for b in rows
        )
        # As for records: saving stamped the upload time with now.
        for batch, row in zip(batches, rows, strict=True):
            batch.created_at = parse_datetime(row["created_at"])
        ImportBatch.objects.bulk_update(batches, ["created_at"])
        ImportedRow.objects.bulk_create(
            (
                ImportedRow(batch_id=b["id"], key=r["key"], row=r["row"], record_id=r["record"])
                for b in rows
                for r in b["rows"]
            ),
            batch_size=2000,
        )

    def load_periods(self):
        ReportingPeriod.objects.bulk_create(
            ReportingPeriod(
                pk=p["id"],
                unit_id=self.units[p["unit"]],
                month=parse_date(p["month"]),
                status=p["status"],
                **{f"{field}_id": self.person(p[field]) for field in _PERIOD_PEOPLE},
                submitted_at=_moment(p["submitted_at"]),
                decided_at=_moment(p["decided_at"]),
                reopened_at=_moment(p["reopened_at"]),
                comment=p["comment"],
                reopen_reason=p["reopen_reason"],
            )
            for p in self.data["periods"]
        )

    def load_audit_log(self):
        def object_type(name):
            return ContentType.objects.get_by_natural_key(*name.split(".")).pk if name else None

        ReportingLogEntry.objects.bulk_create(
            (
                ReportingLogEntry(
                    pk=e["id"],
                    content_type_id=object_type(e["object_type"]),
                    object_id=e["object_id"],
                    label=e["label"],
                    action=e["action"],
                    data=e["data"],
                    timestamp=parse_datetime(e["timestamp"]),
                    uuid=e["uuid"],
                    user_id=self.person(e["user"]),
                    content_changed=e["content_changed"],
                    deleted=e["deleted"],
                    unit_id=self.units[e["unit"]] if e["unit"] else None,
                    month=_day(e["month"]),
                )
                for e in self.data["audit_log"]
            ),
            batch_size=2000,
        )


def _day(text):
    return parse_date(text) if text else None


def _moment(text):
    return parse_datetime(text) if text else None
