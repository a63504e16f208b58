"""All campaign data in one portable file, and back into an empty database (docs/backup.md).

The file is derived from the models: every concrete field of every model in SECTIONS travels (but
the one field NOT_CARRIED says why it leaves out), so a field added to one of them travels without
a change here; tests/campaigns/test_backup.py fails if it does not come back.

What lies outside the campaign data is named by a key another database shares: people by
username, materials by their page's URL path, the log's object types by app label and model.
Units and indicators are named by their code. Every other row keeps its id: the audit log names
records, periods and campaigns by id, and an imported row its record; the database they go into
holds none (the import refuses one that does), so the ids cannot clash, and the id sequences are
moved past them afterwards.

The file is JSON (gzip when its name ends in `.gz`) in an envelope with a format name, a version
and the SHA-256 of the rest, checked before anything is read from it. Every file the import
refuses gets one message saying why, and nothing is written.
"""

import base64
import contextlib
import datetime
import gzip
import hashlib
import json
import math
import uuid
import zlib
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from wagtail.models import Page

from accounts.models import UnitAssignment
from taxonomy.models import AdministrativeUnit, UnitSuccession

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
VERSION = 3
# Fields added to the models after files of version 2 were first written, with what a file
# without them means: every second measure was required; nothing was confirmed as unusual.
# (Units' coordinates and areas come with the version 2 to 3 upgrade, `_from_version_2`.)
ADDED_SINCE = {
    "indicators": {"second_measure_required": True, "ceiling": None},
    "records": {"unusual": False, "unusual_note": ""},
    # Assignments had no dates: each was in force for as long as its unit existed.
    "unit_assignments": {"valid_from": None, "valid_to": None},
}
# The file's sections, in the order they are written back: each after those it points at.
SECTIONS = {
    "units": AdministrativeUnit,
    "unit_successions": UnitSuccession,
    "indicators": Indicator,
    "campaigns": Campaign,
    "campaign_targets": CampaignTarget,
    "records": ActivityRecord,
    "imports": ImportBatch,
    "imported_rows": ImportedRow,
    "periods": ReportingPeriod,
    "audit_log": ReportingLogEntry,
    "unit_assignments": UnitAssignment,
}
MODELS = tuple(SECTIONS.values())
# Rows named by a code, in the file and wherever it points at them, instead of by their id.
NATURAL_KEYS = {Indicator: "code"}
# Only finished spreadsheet imports travel: a preview nobody confirmed is not data, and it holds
# the whole uploaded file. A finished one keeps its row keys, so that a spreadsheet imported
# before the backup is still recognised after a restore and never counted twice.
ROWS = {
    ImportBatch: models.Q(status=ImportBatch.Status.IMPORTED),
    ImportedRow: models.Q(batch__status=ImportBatch.Status.IMPORTED),
}
NOT_CARRIED = {
    # Wagtail's log entries can point at a page or snippet revision; records and months have no
    # revisions, so the reporting log's is always empty, and a revision id would name a row of
    # another database.
    (ReportingLogEntry, "revision"),
}
USER_FIELDS = ("username", "first_name", "last_name")


class BackupError(Exception):
    """A file that cannot be imported, or a database it cannot go into. Nothing was written."""


def fields(model):
    """The fields of `model` the file carries, by the name it gives them."""
    return [
        field
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if (model, field.name) not in NOT_CARRIED
        and not (field.primary_key and model in NATURAL_KEYS)
    ]


def write(path):
    """Write every campaign row to `path`; returns how many rows of each kind."""
    envelope = dump()
    payload = canonical(envelope)
    # The checksum goes first, in front of the very bytes it was taken from.
    content = b'{"sha256":"%s",%s' % (hashlib.sha256(payload).hexdigest().encode(), payload[1:])
    with (gzip.open if str(path).endswith(".gz") else open)(path, "wb") as out:
        out.write(content)
    return counts(envelope["data"])


def canonical(envelope):
    """The bytes the checksum is taken of: the envelope but its checksum, keys sorted."""
    rest = {key: value for key, value in envelope.items() if key != "sha256"}
    return json.dumps(
        rest, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode()


def read(path):
    """The envelope of a file `write` made, checked, or BackupError saying what is wrong."""
    try:
        with open(path, "rb") as source:
            content = source.read()
    except OSError as error:
        raise BackupError(
            _("%(path)s cannot be read: it does not exist, or this account may not open it.")
            % {"path": path}
        ) from error
    try:
        if content.startswith(b"\x1f\x8b"):
            content = gzip.decompress(content)
    except EOFError as error:
        raise BackupError(
            _(
                "%(path)s is cut short: it ends before its gzip compression does. Copy it again "
                "from the backup store."
            )
            % {"path": path}
        ) from error
    except (OSError, zlib.error) as error:
        raise BackupError(
            _(
                "%(path)s is damaged: its gzip compression cannot be undone. Copy it again from "
                "the backup store."
            )
            % {"path": path}
        ) from error
    try:
        envelope = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise BackupError(
            _(
                "%(path)s is not a campaign data file: it is neither JSON text nor gzip-compressed "
                "JSON."
            )
            % {"path": path}
        ) from error
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise BackupError(_("%(path)s is not a campaign data file.") % {"path": path})
    if envelope.get("version") == 1:
        return _from_version_2(_from_version_1(envelope))
    if envelope.get("version") not in (2, VERSION):
        raise BackupError(
            _("%(path)s is in format version %(version)s; this site reads version %(ours)s.")
            % {"path": path, "version": envelope.get("version"), "ours": VERSION}
        )
    try:
        checksum = hashlib.sha256(canonical(envelope)).hexdigest()
    except ValueError:  # NaN, Infinity or a lone surrogate: nothing `write` makes
        checksum = None
    if checksum is None or envelope.get("sha256") != checksum:
        raise BackupError(
            _(
                "%(path)s has been changed or damaged since it was written: its checksum does not "
                "match what it holds. Copy it again from the backup store."
            )
            % {"path": path}
        )
    return _from_version_2(envelope) if envelope["version"] == 2 else envelope


def _from_version_2(old):
    """A version 2 file as version 3 holds it: version 2 named units by their code, which the
    2025 reform made ambiguous (new communes took their predecessors' codes), and gave a unit one
    `replaced_by`; version 3 keeps units by id, with their successions and coordinates.
    """
    try:
        data = dict(old["data"])
        ids = {row["code"]: number for number, row in enumerate(data["units"], start=1)}

        def unit(code):
            # A code the file does not hold stays as it is, to be reported as damaged.
            return ids.get(code, code) if isinstance(code, str) else code

        data["units"] = [
            {
                **_without(row, "replaced_by"),
                "id": ids[row["code"]],
                "parent": unit(row["parent"]),
                "latitude": None,
                "longitude": None,
                "area_km2": None,
            }
            for row in data["units"]
        ]
        data["unit_successions"] = _numbered(
            {
                "predecessor": ids[row["code"]],
                "successor": unit(row["replaced_by"]),
                "share": "1",
                "sort_order": None,
            }
            for row in old["data"]["units"]
            if row.get("replaced_by")
        )
        for section, model in SECTIONS.items():
            pointing = [
                f.name
                for f in fields(model)
                if f.related_model is AdministrativeUnit and model is not AdministrativeUnit
            ]
            if pointing and section in data:
                data[section] = [
                    {
                        **row,
                        **{
                            name: [unit(code) for code in row[name]]
                            if isinstance(row[name], list)
                            else unit(row[name])
                            for name in pointing
                            if name in row
                        },
                    }
                    for row in data[section]
                ]
    except (KeyError, TypeError, AttributeError) as error:
        raise _damaged(_("its version 2 sections are not as version 2 wrote them")) from error
    return {**old, "version": VERSION, "data": data}


def _from_version_1(old):
    """A version 1 file as version 2 holds it, so that the archived monthly files stay readable.

    Version 1 had no checksum and chose its fields by hand: campaigns without their English name
    and description (they come back empty), campaign targets and imported rows inside their
    campaign and import and without ids, imports without status or file (only finished ones, their
    file forgotten), the log's object type as `object_type`, unit assignments without ids.
    Anything else wrong with it is found as in a version 2 file.
    """
    try:
        data = {key: old[key] for key in ("units", "indicators", "records", "periods", "users")}
        campaigns, imports = old["campaigns"], old["imports"]
        data["campaigns"] = [
            {**_without(campaign, "targets"), "name_en": "", "description_en": ""}
            for campaign in campaigns
        ]
        data["campaign_targets"] = _numbered(
            {"campaign": campaign["id"], **target}
            for campaign in campaigns
            for target in campaign["targets"]
        )
        data["imports"] = [
            {**_without(batch, "rows"), "status": ImportBatch.Status.IMPORTED, "content": ""}
            for batch in imports
        ]
        data["imported_rows"] = _numbered(
            {"batch": batch["id"], **row} for batch in imports for row in batch["rows"]
        )
        data["audit_log"] = [
            {**_without(entry, "object_type"), "content_type": entry["object_type"]}
            for entry in old["audit_log"]
        ]
        data["unit_assignments"] = _numbered(old["unit_assignments"])
    except (KeyError, TypeError, AttributeError) as error:
        raise _damaged(_("its version 1 sections are not as version 1 wrote them")) from error
    return {**old, "version": 2, "data": data}


def _without(row, key):
    return {name: value for name, value in row.items() if name != key}


def _numbered(rows):
    return [{"id": number, **row} for number, row in enumerate(rows, start=1)]


def counts(data):
    """How many rows of each kind `data` holds, by the kind's name: {"bản ghi hoạt động": 660}."""
    return {
        str(model._meta.verbose_name_plural): len(data[section])
        for section, model in SECTIONS.items()
    }


def describe(counts):
    """{name: count} as people read it: "11 units, 5 indicators"."""
    return ", ".join(f"{count} {name}" for name, count in counts.items())


def dump():
    with _one_moment():
        names = _Names()
        data = {section: names.rows(model) for section, model in SECTIONS.items()}
        data["users"] = names.users()
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "data": data,
    }


@contextlib.contextmanager
def _one_moment():
    """On PostgreSQL every query of the export sees the database as it was at one moment, so what
    staff write meanwhile (an import's rows and the records they name, say) is all in the file or
    all out of it: the import refuses a file that names rows it does not hold. Inside a
    transaction already (the tests), or on SQLite (development only), the queries run as they
    come."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


class _Names:
    """Turns a model's rows into the file's: each value as JSON, each reference by its key."""

    def __init__(self):
        User = get_user_model()
        self.people = {}
        self.keys = {
            **{
                model: dict(model._base_manager.values_list("pk", key))
                for model, key in NATURAL_KEYS.items()
            },
            User: dict(User._base_manager.values_list("pk", User.USERNAME_FIELD)),
            Page: dict(Page.objects.values_list("pk", "url_path")),
            ContentType: {
                kind.pk: f"{kind.app_label}.{kind.model}" for kind in ContentType.objects.all()
            },
        }
        self.User = User

    def rows(self, model):
        carried = [field for field in fields(model) if not field.many_to_many]
        linked = {field.name: self.links(field) for field in fields(model) if field.many_to_many}
        found = model._base_manager.filter(ROWS.get(model, models.Q())).order_by("pk")
        rows = []
        for pk, *values in found.values_list("pk", *(f.attname for f in carried)).iterator(2000):
            row = {
                field.name: self.value(field, value)
                for field, value in zip(carried, values, strict=True)
            }
            rows.append(row | {name: links.get(pk, []) for name, links in linked.items()})
        return rows

    def links(self, field):
        """A many-to-many field as {row id: sorted keys of the rows it names}."""
        through = field.remote_field.through
        pairs = through._base_manager.values_list(
            f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        )
        linked = {}
        for pk, other in pairs:
            linked.setdefault(pk, []).append(self.reference(field.related_model, other))
        return {pk: sorted(keys) for pk, keys in linked.items()}

    def value(self, field, value):
        if value is None:
            return None
        if field.is_relation:
            return self.reference(field.related_model, value)
        return _encode(value)

    def reference(self, model, pk):
        if model in MODELS and model not in NATURAL_KEYS:
            return pk
        # A missing key is a dangling id (the log's unit has no constraint): nothing to name.
        key = self.keys[model].get(pk)
        if model is self.User and key is not None:
            self.people[key] = pk
        return key

    def users(self):
        details = self.User._base_manager.filter(pk__in=self.people.values())
        return sorted(
            (
                dict(zip(USER_FIELDS, row, strict=True))
                for row in details.values_list(self.User.USERNAME_FIELD, "first_name", "last_name")
            ),
            key=lambda user: user["username"],
        )


def _encode(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()  # to the microsecond, so the log reads back exactly as it was
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    return value


def load(envelope, *, create_missing_users=False, unlink_missing_materials=False):
    """Write the data of `envelope` (from `read`) into an empty database, all of it or nothing.

    People are found by username: one the database does not have is refused, or with
    `create_missing_users` made as an inactive account without a password (the history keeps
    the name; `staff_account` gives it a role). A material page the site does not have is
    refused, or with `unlink_missing_materials` left off its records (their numbers stay).
    Returns how many rows of each kind were written.
    """
    data = envelope.get("data")
    if not isinstance(data, dict):
        raise _damaged(_("it has no section “%(section)s”") % {"section": "data"})
    people = _Reader("users", None, data).people()
    rows = {section: _Reader(section, model, data).rows() for section, model in SECTIONS.items()}
    with transaction.atomic():
        _check_empty()
        users = _users(people, create_missing_users)
        materials = _materials(rows, unlink_missing_materials)
        try:
            _Writer(rows, users, materials).run()
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), MODELS):
                    cursor.execute(sql)
        except (DatabaseError, ValueError) as error:
            raise BackupError(
                _(
                    "The file does not fit together: the database refused it (%(error)s). Nothing "
                    "was imported."
                )
                % {"error": error}
            ) from error
    return counts(rows)


def _damaged(problem):
    return BackupError(
        _("The file is damaged: %(problem)s. Nothing was imported.") % {"problem": problem}
    )


class _Reader:
    """One section of the file, checked field by field and turned into Python values: every
    reference still by the key the file gives it, and every key checked against what the file
    holds."""

    def __init__(self, section, model, data):
        self.section, self.model, self.data = section, model, data
        if section not in data:
            raise _damaged(_("it has no section “%(section)s”") % {"section": section})
        if not isinstance(data[section], list):
            raise _damaged(_("“%(section)s” is not a list of rows") % {"section": section})

    def each(self, names):
        for number, row in enumerate(self.data[self.section], start=1):
            where = {"row": number, "section": self.section}
            if not isinstance(row, dict):
                raise _damaged(_("row %(row)s of “%(section)s” is not a set of fields") % where)
            row = {**ADDED_SINCE.get(self.section, {}), **row}
            for name in names:
                if name not in row:
                    raise _damaged(
                        _("row %(row)s of “%(section)s” lacks the field “%(field)s”")
                        % {**where, "field": name}
                    )
            for name in row.keys() - set(names):
                raise _damaged(
                    _(
                        "row %(row)s of “%(section)s” has a field this site does not know, “%(field)s”"
                    )
                    % {**where, "field": name}
                )
            yield where, row

    def people(self):
        for where, row in self.each(USER_FIELDS):
            for name in USER_FIELDS:
                if not isinstance(row[name], str):
                    raise self.wrong(where, name, row[name])
        return {row["username"]: row for row in self.data[self.section]}

    def rows(self):
        carried = fields(self.model)
        targets = {
            field.name: self.keys(field.related_model) for field in carried if field.is_relation
        }
        rows = []
        for where, row in self.each([field.name for field in carried]):
            decoded = {}
            for field in carried:
                value = row[field.name]
                try:
                    decoded[field.name] = _decode(field, value)
                except (TypeError, ValueError) as error:
                    raise self.wrong(where, field.name, value) from error
                known = targets.get(field.name)
                named = value if field.many_to_many else [value]
                if known is not None and value is not None and not set(named) <= known:
                    raise _damaged(
                        _(
                            "row %(row)s of “%(section)s” names %(value)s in “%(field)s”, which "
                            "the file does not hold"
                        )
                        % {**where, "field": field.name, "value": _shown(value)}
                    )
            rows.append(decoded)
        return rows

    def keys(self, model):
        """The keys the file holds for rows of `model`, or None for pages and object types (this
        site's, checked against it before anything is written)."""
        if model is get_user_model():
            return _keys(self.data["users"], "username")
        for section, carried in SECTIONS.items():
            if carried is model:
                return _keys(self.data.get(section), NATURAL_KEYS.get(model, "id"))
        return None

    def wrong(self, where, name, value):
        return _damaged(
            _("row %(row)s of “%(section)s” has a value “%(field)s” cannot hold: %(value)s")
            % {**where, "field": name, "value": _shown(value)}
        )


def _keys(rows, key):
    """The `key` of every row that has one it could be named by (the rows are checked later)."""
    rows = rows if isinstance(rows, list) else []
    return {
        row[key] for row in rows if isinstance(row, dict) and isinstance(row.get(key), str | int)
    }


def _shown(value):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else f"{text[:57]}…"


def _decode(field, value):
    """`value` from the file as `field` holds it; TypeError or ValueError if it cannot."""
    if value is None:
        if field.null:
            return None
        raise TypeError("empty")
    if field.many_to_many:
        if not isinstance(value, list):
            raise TypeError("not a list")
        return [_key(field, item) for item in value]
    if field.is_relation:
        return _key(field, value)
    if isinstance(field, models.JSONField):
        return value
    if isinstance(field, models.BooleanField):
        if not isinstance(value, bool):
            raise TypeError("not true or false")
        return value
    if isinstance(field, models.IntegerField):
        number = _whole(value)
        if "Positive" in field.get_internal_type() and number < 0:
            raise ValueError("negative")
        return _chosen(field, number)
    if isinstance(field, models.FloatField):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError("not a number")
        if not math.isfinite(value):
            raise ValueError("not a finite number")
        return float(value)
    if not isinstance(value, str):
        raise TypeError("not text")
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(value)
        if moment is None or timezone.is_naive(moment):
            raise ValueError("not a time with its offset")
        return moment
    if isinstance(field, models.DateField):
        day = parse_date(value)
        if day is None:
            raise ValueError("not a date")
        return day
    if isinstance(field, models.UUIDField):
        return uuid.UUID(value)
    if isinstance(field, models.BinaryField):
        return base64.b64decode(value, validate=True)
    if field.max_length and len(value) > field.max_length:
        raise ValueError("too long")
    return _chosen(field, field.to_python(value))


def _key(field, value):
    """A reference: an id for the rows the file keeps by id, otherwise a code, username, path or
    object type."""
    if field.related_model in MODELS and field.related_model not in NATURAL_KEYS:
        return _whole(value)
    if not isinstance(value, str):
        raise TypeError("not a key")
    return value


def _whole(value):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("not a whole number")
    return value


def _chosen(field, value):
    if field.choices and value not in {choice for choice, _label in field.flatchoices}:
        raise ValueError("not one of the choices")
    return value


def _check_empty():
    found = {
        model._meta.verbose_name_plural: count
        for model in MODELS
        if (count := model._base_manager.count())
    }
    if found:
        raise BackupError(
            _(
                "This database already holds campaign data (%(found)s). Import only into an "
                "empty database: nothing was imported."
            )
            % {"found": describe(found)}
        )


def _users(people, create_missing):
    User = get_user_model()
    found = dict(
        User._base_manager.filter(**{f"{User.USERNAME_FIELD}__in": people}).values_list(
            User.USERNAME_FIELD, "pk"
        )
    )
    missing = sorted(set(people) - set(found))
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
            first_name=people[name]["first_name"],
            last_name=people[name]["last_name"],
            is_active=False,
        )
        user.set_unusable_password()
        user.save()
        found[name] = user.pk
    return found


def _named(rows, target):
    """Every key of a `target` row that the file's rows name."""
    return {
        row[field.name]
        for section, model in SECTIONS.items()
        for field in fields(model)
        if field.is_relation and field.related_model is target
        for row in rows[section]
        if row[field.name]
    }


def _materials(rows, unlink_missing):
    """Every page the file names, by URL path: {path: page id}."""
    wanted = _named(rows, Page)
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


class _Writer:
    """Writes the sections in order, each in a few bulk queries. Bulk writes skip the models' own
    `save()` on purpose: the records and their audit log go back as they were, not as new
    changes, and an approved month must not refuse its own records."""

    def __init__(self, rows, users, materials):
        self.rows = rows
        self.keys = {
            get_user_model(): users,
            Page: materials,
            ContentType: _content_types(rows),
        }

    def run(self):
        for section, model in SECTIONS.items():
            self.write(model, self.rows[section])

    def pk(self, model, key):
        if key is None:
            return None
        if model in MODELS and model not in NATURAL_KEYS:
            return key
        # A material the site lacks, with --unlink-missing-materials: the record keeps its numbers.
        return self.keys[model].get(key)

    def write(self, model, rows):
        carried = [field for field in fields(model) if not field.many_to_many]
        # A row pointing at another of its own kind by code waits until that one has an id.
        later = [f for f in carried if f.is_relation and f.related_model is model]
        made = [
            model(
                **{field.attname: self.value(field, row) for field in carried if field not in later}
            )
            for row in rows
        ]
        with _times_as_given(model):
            model._base_manager.bulk_create(made, batch_size=2000)
        if model in NATURAL_KEYS:
            self.keys[model] = {getattr(obj, NATURAL_KEYS[model]): obj.pk for obj in made}
        if later:
            for obj, row in zip(made, rows, strict=True):
                for field in later:
                    setattr(obj, field.attname, self.value(field, row))
            model._base_manager.bulk_update(made, [field.name for field in later])
        for field in fields(model):
            if field.many_to_many:
                self.link(field, made, rows)

    def value(self, field, row):
        if field.is_relation:
            return self.pk(field.related_model, row[field.name])
        return row[field.name]

    def link(self, field, made, rows):
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        through._base_manager.bulk_create(
            (
                through(**{source: obj.pk, target: self.pk(field.related_model, key)})
                for obj, row in zip(made, rows, strict=True)
                for key in row[field.name]
            ),
            batch_size=2000,
        )


@contextlib.contextmanager
def _times_as_given(model):
    """Writing stamps `auto_now` and `auto_now_add` fields with the time of writing; a restore
    writes the file's. Their flags are off only while this model's rows are written, in the import
    command's own process (a second pass of updates took ten times as long)."""
    stamped = [
        (field, field.auto_now, field.auto_now_add)
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    for field, _now, _add in stamped:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, now, add in stamped:
            field.auto_now, field.auto_now_add = now, add


def _content_types(rows):
    """The log's object types by "app_label.model"; one this site lacks means a damaged file."""
    found = {}
    for name in _named(rows, ContentType):
        try:
            found[name] = ContentType.objects.get_by_natural_key(*name.split(".", 1)).pk
        except (ContentType.DoesNotExist, TypeError) as error:
            raise _damaged(
                _("it names an object type this site does not have, %(name)s") % {"name": name}
            ) from error
    return found
