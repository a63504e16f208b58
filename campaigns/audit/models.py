"""The reporting audit log's own table: who changed which record or month, when, from what to what.

Entries live in Wagtail's audit log, in a log model of our own that adds the unit and the month as
indexed columns, so coordinators can filter by them. Nothing here can be edited or deleted: the
model refuses both, and no screen or API route offers them. `campaigns.audit.log` writes them.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import BaseLogEntry, BaseLogEntryManager

from taxonomy.models import AdministrativeUnit

from ..access import unit_ids_for

# Wagtail's generic admin views log these for every model. A model that logs its own changes,
# with the values (`logs_own_changes = True`: the activity record), would only be said twice.
_WAGTAIL_GENERIC_ACTIONS = {"wagtail.create", "wagtail.edit", "wagtail.delete"}

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


class ReportingLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        if getattr(instance, "logs_own_changes", False) and action in _WAGTAIL_GENERIC_ACTIONS:
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
