"""Admin screens of the records: records for everyone who counts, indicators and campaigns for
coordinators.

Every record screen takes its records from `campaigns.records.access`, so a record of a unit the
user may not touch answers 404 whatever its URL.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import (
    CreateView,
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    UsageView,
)
from wagtail.admin.viewsets.model import ModelViewSet

from core.snippets import SnippetViewSet

from .. import exports
from ..menu import ACTIVITIES_HOOK, PROVINCE_HOOK
from ..months import month_start
from ..periods.locks import PeriodLocked, check_writable, lock_reasons
from .access import records_for
from .forms import ActivityRecordFilterSet, ActivityRecordForm
from .models import ActivityRecord, Campaign, Indicator


class ScopedObjectMixin:
    """History and usage views (Wagtail's BaseObjectMixin): another unit's record is not found.

    Their own `get_queryset` lists log entries or usages, so only the object lookup is scoped.
    """

    def get_base_object_queryset(self):
        return records_for(self.request.user)


class ScopedRecordMixin(ScopedObjectMixin):
    """Edit and delete views (Django's SingleObjectMixin): look records up among those the user
    may touch; another unit's record is not found."""

    def get_queryset(self):
        return records_for(self.request.user, self.permission_required or "view")


def record_day(record):
    return formats.date_format(record.date, "SHORT_DATE_FORMAT")


def record_measure(record):
    """What the records list shows on one line for a record: "Tờ rơi: 1.200"."""
    return _("%(indicator)s: %(quantity)s") % {
        "indicator": record.indicator.display_name,
        "quantity": formats.number_format(record.quantity, force_grouping=True),
    }


class RecordIndexView(IndexView):
    # Wagtail's download buttons keep the list's filters; `as_spreadsheet` writes the file.
    show_export_buttons = True

    @cached_property
    def columns(self):
        """One line per record on a phone: the day (the link to the record), what and how many,
        the unit; the place only where the screen is wide enough (admin-campaigns.css)."""
        return [
            self._get_title_column("date", accessor=record_day, classname="record-line"),
            Column(
                "indicator", label=_("Record"), accessor=record_measure, classname="record-line"
            ),
            Column("unit", label=_("Unit"), classname="record-line"),
            Column("place", label=_("Place"), classname="record-line record-wide"),
        ]

    def get_base_queryset(self):
        return records_for(self.request.user).select_related("unit", "indicator", "campaign")

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """The filtered list through the one safe writer (Wagtail's own leaves formulas live)."""
        lines = record_lines(queryset.select_related("material", "recorded_by"))
        return exports.download(
            lines, spreadsheet_format, _("Activity records"), self.get_filename()
        )


def record_lines(records):
    yield [
        _("Date"),
        _("Unit code"),
        _("Unit"),
        _("Indicator code"),
        _("Indicator"),
        _("Quantity"),
        _("Attendees"),
        _("Minutes"),
        _("Campaign"),
        _("Material"),
        _("Place"),
        _("Note"),
        _("Recorded by"),
        _("Recorded at"),
    ]
    for record in records:
        yield [
            record.date,
            record.unit.code,
            record.unit.full_name,
            record.indicator.code,
            record.indicator.display_name,
            record.quantity,
            record.attendees,
            record.minutes,
            record.campaign.name if record.campaign else "",
            record.material.title if record.material else "",
            record.place,
            record.note,
            record.recorded_by.get_username() if record.recorded_by else "",
            record.created_at,
        ]


class LockedMonthMixin:
    """For the record create, edit and delete views: a write refused because its month is
    locked shows the reason instead of failing (the form's own validation catches most; this
    catches a month approved between the validation and the write)."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except PeriodLocked as locked:
            reasons = locked.message_dict.get("date", locked.messages)
            if isinstance(self, DeleteView):
                for reason in reasons:
                    messages.error(self.request, reason)
                return redirect(self.get_success_url())
            form.add_error(None, reasons)
            return self.form_invalid(form)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if isinstance(self, DeleteView):
            try:
                check_writable(self.object.unit, self.object.date)
            except PeriodLocked as locked:
                for reason in locked.message_dict.get("date", locked.messages):
                    messages.warning(request, reason)
        return response


class RecordCreateView(LockedMonthMixin, CreateView):
    def save_instance(self):
        self.form.instance.recorded_by = self.request.user
        return super().save_instance()


class RecordEditView(LockedMonthMixin, ScopedRecordMixin, EditView):
    """A record in a locked month opens read-only, saying why and who can reopen the month,
    rather than as a form that fails on save."""

    locked_template_name = "campaigns/records/locked_record.html"

    @cached_property
    def lock_reason(self):
        record = self.object
        return lock_reasons([record.unit_id], month_start(record.date))[record.unit_id]

    def get_template_names(self):
        if self.lock_reason:
            return [self.locked_template_name]
        return super().get_template_names()

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.lock_reason:
            for field in form.fields.values():
                field.disabled = True
        return form

    @cached_property
    def can_delete(self):
        return not self.lock_reason and super().can_delete

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.lock_reason:
            messages.error(request, self.lock_reason)
            return redirect(self.get_edit_url())
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "lock_reason": self.lock_reason}


class RecordDeleteView(LockedMonthMixin, ScopedRecordMixin, DeleteView):
    pass


class RecordHistoryView(ScopedObjectMixin, HistoryView):
    pass


class RecordUsageView(ScopedObjectMixin, UsageView):
    pass


class ActivityRecordViewSet(ModelViewSet):
    model = ActivityRecord
    icon = "clipboard-list"
    menu_label = _("Activity records")
    menu_hook = ACTIVITIES_HOOK
    menu_order = 1
    copy_view_enabled = False
    export_filename = "ghi-nhan-hoat-dong"
    index_view_class = RecordIndexView
    add_view_class = RecordCreateView
    edit_view_class = RecordEditView
    delete_view_class = RecordDeleteView
    history_view_class = RecordHistoryView
    usage_view_class = RecordUsageView
    edit_handler = ObjectList(ActivityRecord.panels, base_form_class=ActivityRecordForm)
    filterset_class = ActivityRecordFilterSet
    # The first column as a plain field name: Wagtail makes it the link to the record's edit form.
    list_display = [
        "date",
        "indicator",
        Column("quantity", label=_("Quantity")),
        "unit",
        "place",
    ]
    list_per_page = 50
    search_fields = ["place", "note"]
    search_backend_name = None


class CoordinatorMenuMixin:
    """Local staff may view indicators and campaigns, which their record form offers, but
    not change them; the menu leads only those who can change them to these screens."""

    @cached_property
    def menu_item_class(self):
        viewset = self

        class ChangersMenuItem(MenuItem):
            def is_shown(self, request):
                return viewset.permission_policy.user_has_permission(request.user, "change")

        return ChangersMenuItem


def second_measure_rule(indicator):
    if not indicator.second_measure:
        return ""
    return _("must be entered") if indicator.second_measure_required else _("optional")


class IndicatorViewSet(CoordinatorMenuMixin, SnippetViewSet):
    model = Indicator
    icon = "tasks"
    menu_label = _("Indicators")
    menu_hook = PROVINCE_HOOK
    menu_order = 3
    list_display = [
        "name",
        "code",
        Column("display_unit", label=_("Unit")),
        "kind",
        "second_measure",
        Column(
            "second_measure_required",
            label=_("second measure required"),
            accessor=second_measure_rule,
        ),
        "ceiling",
    ]
    search_fields = ["name", "name_en", "code"]
    search_backend_name = None


class CampaignViewSet(CoordinatorMenuMixin, SnippetViewSet):
    model = Campaign
    icon = "date"
    menu_label = _("Campaigns")
    menu_hook = PROVINCE_HOOK
    menu_order = 4
    list_display = [
        "name",
        DateColumn("start_date", label=_("Start date")),
        DateColumn("end_date", label=_("End date")),
    ]
    search_fields = ["name"]
    search_backend_name = None
