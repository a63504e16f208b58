"""The audit trail of the monthly reporting: who changed which record or month, when, from what to what.

Entries live in Wagtail's audit log, in a log model of our own (`ReportingLogEntry`) that adds the
unit and the month as indexed columns, so coordinators can filter by them. `ActivityRecord.save()`
and `delete()` log every change with the values before and after; `campaigns.review` logs every
submission, approval, return and reopening. Nothing here can be edited or deleted: the model
refuses both, and no screen or API route offers them.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as wagtail_log
from wagtail.models import BaseLogEntry, BaseLogEntryManager

from taxonomy.models import AdministrativeUnit

# The values of a record the log keeps, in the order a person reads them. Units and indicators by
# code, campaigns and materials by id, dates as YYYY-MM-DD.
RECORD_FIELDS = (
    "unit",
    "date",
    "indicator",
    "quantity",
    "attendees",
    "minutes",
    "campaign",
    "material",
    "place",
    "note",
)

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
# Wagtail's generic admin views log these for every model. The record model logs its own
# changes, with the values, so the views' entries would only say the same thing twice.
_WAGTAIL_RECORD_ACTIONS = {"wagtail.create", "wagtail.edit", "wagtail.delete"}


class ReportingLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        from .models import ActivityRecord

        if isinstance(instance, ActivityRecord) and action in _WAGTAIL_RECORD_ACTIONS:
            return None
        kwargs.setdefault("object_id", str(instance.pk))
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
        )

    def viewable_by_user(self, user):
        """Wagtail's site history asks this: a district sees its own units' entries only."""
        from .access import unit_ids_for

        entries = super().viewable_by_user(user)
        if user.is_superuser:
            return entries
        ids = unit_ids_for(user)
        return entries if ids is None else entries.filter(unit_id__in=ids)


class ReportingLogEntry(BaseLogEntry):
    """One change to an activity record or a reporting period. Written once, never changed."""

    object_id = models.CharField(max_length=255, db_index=True)
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    month = models.DateField(_("month"), null=True, blank=True)

    objects = ReportingLogEntryManager()

    class Meta:
        verbose_name = _("reporting log entry")
        verbose_name_plural = _("reporting log entries")
        ordering = ["-timestamp", "-id"]
        indexes = [
            models.Index(fields=["uuid", "action", "-timestamp"], name="reportinglog_uuid_action"),
            models.Index(fields=["unit", "month"], name="reportinglog_unit_month"),
            models.Index(fields=["month", "-timestamp"], name="reportinglog_month_time"),
        ]

    def full_clean(self, exclude=None, validate_unique=True, validate_constraints=True):
        # Wagtail validates every entry before saving it. The manager fills the content type, the
        # user and the unit from saved objects, so looking each up again would cost three queries
        # per entry: thirty thousand for one 10,000-row spreadsheet import.
        exclude = {*(exclude or ()), "content_type", "user", "unit"}
        return super().full_clean(exclude, validate_unique, validate_constraints)

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("Audit log entries cannot be changed.")
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Audit log entries cannot be deleted.")

    def object_id_display(self):
        return self.object_id

    @property
    def before(self):
        return self.data.get("before") or {}

    @property
    def after(self):
        return self.data.get("after") or {}

    def changes(self):
        """[(field, before, after)] for the fields this entry changed (all of them for a create
        or delete)."""
        before, after = self.before, self.after
        fields = [f for f in RECORD_FIELDS if f in before or f in after]
        return [(f, before.get(f), after.get(f)) for f in fields if before.get(f) != after.get(f)]


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


def field_label(name):
    """A record field as people read it ("số lượng"); the log itself keeps the field's name."""
    from .models import ActivityRecord

    return ActivityRecord._meta.get_field(name).verbose_name


class RecordFormatter(LogFormatter):
    def format_message(self, log_entry):
        changes = log_entry.changes()
        if log_entry.action == "campaigns.record.edit":
            return "; ".join(
                f"{field_label(field)}: {old} → {new}" for field, old, new in changes
            ) or str(self.label)
        return f"{self.label}: " + ", ".join(
            f"{field_label(field)} {new if new is not None else old}"
            for field, old, new in changes
            if (new if new is not None else old) not in (None, "")
        )


class PeriodFormatter(LogFormatter):
    def format_message(self, log_entry):
        return str(self.label)

    def format_comment(self, log_entry):
        return log_entry.data.get("comment", "")


def register_actions(actions):
    """For the `register_log_actions` hook."""
    from .models import ActivityRecord
    from .periods import ReportingPeriod

    actions.register_model(ActivityRecord, ReportingLogEntry)
    actions.register_model(ReportingPeriod, ReportingLogEntry)
    for registry, base in ((RECORD_ACTIONS, RecordFormatter), (PERIOD_ACTIONS, PeriodFormatter)):
        for action, label in registry.items():
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
