"""Writing the reporting audit log: every change to a record or a month, with the values before and after.

`ActivityRecord.save()` and `delete()` log every change through `log_record_saved` and
`log_record_deleted`; `campaigns.reporting.review` logs every submission, approval, return and
reopening through `log_period`. The entries are `campaigns.audit.models.ReportingLogEntry` rows.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as wagtail_log

from .models import ReportingLogEntry

RECORD_ACTIONS = {
    "campaigns.record.create": _("Record created"),
    "campaigns.record.edit": _("Record changed"),
    "campaigns.record.delete": _("Record deleted"),
}
PERIOD_ACTIONS = {
    "campaigns.period.submit": _("Month submitted"),
    "campaigns.period.approve": _("Month approved"),
    "campaigns.period.return": _("Month returned"),
    "campaigns.period.reopen": _("Month reopened"),
}


def record_values(record):
    """The record's values as the log keeps them."""
    return {
        "unit": record.unit.code if record.unit_id else None,
        "date": record.date.isoformat() if record.date else None,
        "indicator": record.indicator.code if record.indicator_id else None,
        "quantity": record.quantity,
        "attendees": record.attendees,
        "minutes": record.minutes,
        "campaign": record.campaign_id,
        "material": record.material_id,
        "place": record.place,
        "note": record.note,
    }


def stored_values(record):
    """The record as the database holds it now, its row locked until the transaction ends."""
    row = (
        type(record)
        ._base_manager.select_for_update(of=("self",))
        .filter(pk=record.pk)
        .values(
            "unit_id",
            "unit__code",
            "date",
            "indicator__code",
            "quantity",
            "attendees",
            "minutes",
            "campaign_id",
            "material_id",
            "place",
            "note",
        )
        .first()
    )
    if row is None:
        return None
    return {
        "unit_id": row["unit_id"],
        "date": row["date"],
        "values": {
            "unit": row["unit__code"],
            "date": row["date"].isoformat(),
            "indicator": row["indicator__code"],
            "quantity": row["quantity"],
            "attendees": row["attendees"],
            "minutes": row["minutes"],
            "campaign": row["campaign_id"],
            "material": row["material_id"],
            "place": row["place"],
            "note": row["note"],
        },
    }


def log_record_saved(record, stored):
    """After a save: log the creation or the change, with the values before and after."""
    after = record_values(record)
    if stored is None:
        action, data = "campaigns.record.create", {"after": after}
    else:
        before = stored["values"]
        if before == after:
            return None
        action, data = "campaigns.record.edit", {"before": before, "after": after}
    return wagtail_log(
        record,
        action,
        data=data,
        unit_id=record.unit_id,
        month=record.date.replace(day=1),
        content_changed=True,
    )


def log_record_deleted(record, stored):
    """Before a delete (the entry needs the record's id): log the values that go."""
    return wagtail_log(
        record,
        "campaigns.record.delete",
        data={"before": stored["values"]},
        unit_id=stored["unit_id"],
        month=stored["date"].replace(day=1),
        deleted=True,
    )


def log_period(period, action, user, before_status, comment=""):
    return wagtail_log(
        period,
        f"campaigns.period.{action}",
        user=user,
        data={
            "before": {"status": before_status},
            "after": {"status": period.status},
            "comment": comment,
        },
        unit_id=period.unit_id,
        month=period.month,
        title=str(period),
    )


# How the log keeps a record's related objects: by code (the same in every database) or by id.
LOGGED_BY = {"unit": "code", "indicator": "code", "campaign": "pk", "material": "pk"}


def with_names(entries):
    """`entries`, each given the names of what record changes among them keep by code or id,
    looked up in one query per kind, so a history reads "Pano, áp phích", not "posters",
    without a query per entry."""
    entries = list(entries)
    records = [entry for entry in entries if entry.action in RECORD_ACTIONS]
    names = {}
    if records:
        model = ContentType.objects.get_for_id(records[0].content_type_id).model_class()
        for field, key in LOGGED_BY.items():
            wanted = {
                values[field]
                for entry in records
                for values in (entry.before, entry.after)
                if values.get(field) not in (None, "")
            }
            if wanted:
                related = model._meta.get_field(field).related_model
                found = related._base_manager.filter(**{f"{key}__in": wanted})
                names[field] = {getattr(obj, key): str(obj) for obj in found}
    for entry in entries:
        entry.names = names
    return entries


def shown(log_entry, field, value):
    """A logged value as people read it: a date as dd/mm/yyyy, a unit, an indicator, a campaign
    or a material by its name (`with_names`; looked up here for an entry without them)."""
    if value in (None, ""):
        return value
    if field == "date":
        return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    if field in LOGGED_BY:
        names = getattr(log_entry, "names", None)
        if names is None:
            names = with_names([log_entry])[0].names
        return names.get(field, {}).get(value, value)
    return value


def field_label(log_entry, name):
    """A record field as people read it ("số lượng"); the log itself keeps the field's name."""
    model = ContentType.objects.get_for_id(log_entry.content_type_id).model_class()  # cached
    return model._meta.get_field(name).verbose_name


class RecordFormatter(LogFormatter):
    def format_message(self, log_entry):
        changes = log_entry.changes()
        if log_entry.action == "campaigns.record.edit":
            return "; ".join(
                f"{field_label(log_entry, field)}: {shown(log_entry, field, old)} → "
                f"{shown(log_entry, field, new)}"
                for field, old, new in changes
            ) or str(self.label)
        return f"{self.label}: " + ", ".join(
            f"{field_label(log_entry, field)} {shown(log_entry, field, value)}"
            for field, old, new in changes
            if (value := new if new is not None else old) not in (None, "")
        )


class PeriodFormatter(LogFormatter):
    def format_message(self, log_entry):
        return str(self.label)

    def format_comment(self, log_entry):
        return log_entry.data.get("comment", "")


def register_record_log(actions, model):
    """For the `register_log_actions` hook: `model`'s changes go to this log, with their values."""
    actions.register_model(model, ReportingLogEntry)
    _register_formatters(actions, RECORD_ACTIONS, RecordFormatter)


def register_period_log(actions, model):
    """For the `register_log_actions` hook: the monthly review of `model` goes to this log."""
    actions.register_model(model, ReportingLogEntry)
    _register_formatters(actions, PERIOD_ACTIONS, PeriodFormatter)


def _register_formatters(actions, labels, base):
    for action, label in labels.items():
        actions.register_action(action)(type("Formatter", (base,), {"label": label}))


def export_lines(entries):
    """The log as lines of cells for `campaigns.exports`: one line per changed field."""
    yield [
        gettext("Time"),
        gettext("User"),
        gettext("Action"),
        gettext("Unit"),
        gettext("Month"),
        gettext("Object"),
        gettext("Field"),
        gettext("Before"),
        gettext("After"),
        gettext("Comment"),
    ]
    for entry in entries:
        common = [
            entry.timestamp,
            entry.user_display_name,
            entry.formatter.label if entry.formatter else entry.action,
            entry.unit.code if entry.unit_id and entry.unit else "",
            entry.month.strftime("%Y-%m") if entry.month else "",
            entry.label,
        ]
        comment = entry.data.get("comment", "")
        changes = entry.changes() if entry.content_type_id else []
        if entry.action.startswith("campaigns.period."):
            changes = [("status", entry.before.get("status"), entry.after.get("status"))]
        for field, old, new in changes or [("", "", "")]:
            yield [*common, field, old, new, comment]
