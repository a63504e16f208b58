"""What the province counts: indicators, campaigns with targets, and the activity records."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from core.languages import reader_text
from core.materials import is_countable_material
from taxonomy.models import AdministrativeUnit, unit_absent_message

from ..audit.log import log_record_deleted, log_record_saved
from ..months import year_is_known, year_range_message
from ..periods.locks import PeriodLocked, check_writable, guard_record_write

# No single activity hands out more than this many leaflets, draws more people or lasts longer.
# A bigger number is a typing mistake (an extra zero), not a record.
MAX_PER_RECORD = 100_000


class Indicator(Orderable, models.Model):
    """One thing the province counts: sessions held, leaflets handed out, broadcasts aired...

    Indicators are data so that a province can add one ("social media posts") without a code
    change. Coordinators edit them; the code is what the API and exports use, so it never changes.
    """

    class Kind(models.TextChoices):
        PRINTED = "printed", _("Printed material")
        BROADCAST = "broadcast", _("Broadcast")
        EVENT = "event", _("Event")
        ONLINE = "online", _("Online")

    class SecondMeasure(models.TextChoices):
        NONE = "", _("None")
        ATTENDEES = "attendees", _("Attendees")
        MINUTES = "minutes", _("Minutes")

    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("A short, stable identifier used by the API and exports, e.g. leaflets."),
    )
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120)
    unit_label = models.CharField(_("unit"), max_length=40, help_text=_("For example: buổi"))
    unit_label_en = models.CharField(
        _("English unit"), max_length=40, help_text=_("For example: sessions")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    second_measure = models.CharField(
        _("second measure"),
        max_length=20,
        choices=SecondMeasure.choices,
        blank=True,
        default=SecondMeasure.NONE,
        help_text=_("Also count the attendees of a session or the minutes of a broadcast."),
    )
    ceiling = models.PositiveIntegerField(
        _("ceiling per record"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PER_RECORD)],
        help_text=_(
            "A record above this is not refused, but the person recording it must confirm it "
            "with a comment. Leave empty for no ceiling."
        ),
    )
    second_measure_required = models.BooleanField(
        _("second measure required"),
        default=True,
        help_text=_(
            "Untick when a record may leave the second measure empty, such as the minutes of a "
            "broadcast nobody timed."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("unit_label"), FieldPanel("unit_label_en")]),
        FieldRowPanel([FieldPanel("second_measure"), FieldPanel("second_measure_required")]),
        FieldPanel("ceiling"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.name_en if get_language() == "en" else self.name

    @property
    def display_unit(self):
        return self.unit_label_en if get_language() == "en" else self.unit_label


class CampaignQuerySet(models.QuerySet):
    def featured_on(self, day):
        """The campaign the home page shows: the shortest one running on `day` (the action month
        before the yearly plan), else the one that ended last. One query."""
        running = models.Q(end_date__gte=day)
        return (
            self.filter(start_date__lte=day)
            .annotate(
                ended=models.Case(models.When(running, then=0), default=1),
                running_length=models.Case(
                    models.When(running, then=models.F("end_date") - models.F("start_date"))
                ),
            )
            .order_by("ended", "running_length", "-end_date")
            .first()
        )


class Campaign(ClusterableModel):
    """A plan or drive with dates, the units taking part and targets: the yearly plan, the action
    month around 30 July. Coordinators create them; local staff tag records with them."""

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(
        _("English name"), max_length=200, blank=True, help_text=_("For the English site.")
    )
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("English description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    units = ParentalManyToManyField(
        AdministrativeUnit,
        verbose_name=_("participating units"),
        related_name="campaigns",
        help_text=_("Choosing a unit includes every unit below it."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("description"), FieldPanel("description_en")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("units"),
        InlinePanel("targets", heading=_("Targets"), label=_("target")),
    ]

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="campaign_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return reader_text(self.name, self.name_en)

    @property
    def display_description(self):
        return reader_text(self.description, self.description_en)

    def clean(self):
        errors = {
            field: year_range_message()
            for field in ("start_date", "end_date")
            if getattr(self, field) and not year_is_known(getattr(self, field).year)
        }
        if not errors and self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if errors:
            raise ValidationError(errors)

    def covers(self, unit, day):
        """Whether a record of `unit` on `day` belongs to this campaign's dates and units."""
        if not self.start_date <= day <= self.end_date:
            return False
        # `.all()`, not `values_list`, so a caller checking many records can prefetch the units.
        taking_part = {u.pk for u in self.units.all()}
        return any(u.pk in taking_part for u in unit.ancestors(include_self=True))


class CampaignTarget(Orderable):
    """How much of one indicator a campaign aims for, province-wide or for one unit."""

    campaign = ParentalKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for a target for the whole campaign."),
    )
    quantity = models.PositiveIntegerField(
        _("target"), validators=[MinValueValidator(1), MaxValueValidator(100_000_000)]
    )

    panels = [
        FieldRowPanel([FieldPanel("indicator"), FieldPanel("unit"), FieldPanel("quantity")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("campaign target")
        verbose_name_plural = _("campaign targets")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "indicator", "unit"], name="unique_unit_target"
            ),
            models.UniqueConstraint(
                fields=["campaign", "indicator"],
                condition=models.Q(unit__isnull=True),
                name="unique_campaign_wide_target",
            ),
        ]

    def __str__(self):
        return f"{self.campaign}: {self.indicator} {self.quantity}"


class ActivityRecord(models.Model):
    """One activity or distribution by one unit on one day: 300 leaflets handed out at a market,
    a session with 45 attendees, a 15-minute loudspeaker broadcast.

    Local staff record them for their own units; coordinators for any unit. Exact numbers are
    stored; every total is computed from these rows by `campaigns.totals`.
    """

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="activity_records",
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="records"
    )
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PER_RECORD)]
    )
    attendees = models.PositiveIntegerField(
        _("attendees"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_PER_RECORD)],
        help_text=_("For sessions: how many people took part."),
    )
    minutes = models.PositiveIntegerField(
        _("minutes"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_PER_RECORD)],
        help_text=_("For broadcasts: how many minutes in all."),
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
    )
    material = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("material"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activity_records",
        help_text=_("The poster or leaflet distributed, if it is on this site."),
    )
    unusual_note = models.CharField(
        _("why this figure is right"),
        max_length=300,
        blank=True,
        help_text=_("Only when the form asks: a figure far above the usual needs a short reason."),
    )
    unusual = models.BooleanField(
        _("unusual figure"),
        default=False,
        editable=False,
        help_text=_("Set when the figure was far outside the unit's history and was confirmed."),
    )
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("Commune, ward or hamlet")
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    # `save()` and `delete()` write the reporting log with the values before and after, so the
    # log leaves out the admin views' own entries for records (`campaigns.audit.models`).
    logs_own_changes = True

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("indicator"), FieldPanel("quantity")]),
        FieldPanel("unusual_note"),
        FieldRowPanel([FieldPanel("attendees"), FieldPanel("minutes")]),
        FieldPanel("place"),
        MultiFieldPanel(
            [FieldPanel("campaign"), FieldPanel("material"), FieldPanel("note")],
            heading=_("More"),
        ),
    ]

    class Meta:
        verbose_name = _("activity record")
        verbose_name_plural = _("activity records")
        ordering = ["-date", "-pk"]
        permissions = [("record_for_any_unit", "Can record and see activity of every unit")]
        indexes = [
            # Totals filter on a period and group by indicator and unit.
            models.Index(fields=["date", "indicator", "unit"], name="record_date_indicator_unit"),
            # A unit's own list and its month, newest first.
            models.Index(fields=["unit", "date"], name="record_unit_date"),
            models.Index(fields=["campaign", "date"], name="record_campaign_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1, quantity__lte=MAX_PER_RECORD),
                name="record_quantity_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} · {self.unit} · {self.quantity} {self.indicator}"

    def save(self, *args, **kwargs):
        # Every write path (admin, API, import) ends here: `guard_record_write` refuses a write
        # into a locked month, holding the period rows locked until the write commits.
        with transaction.atomic():
            stored = guard_record_write(self)
            super().save(*args, **kwargs)
            log_record_saved(self, stored)

    save.alters_data = True

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            stored = guard_record_write(self, deleting=True)
            if stored is not None:
                log_record_deleted(self, stored)
            return super().delete(*args, **kwargs)

    delete.alters_data = True

    def clean(self):
        errors = self.rule_errors()
        if "date" not in errors:
            errors.update(self._locked_period_errors())
        if errors:
            raise ValidationError(errors)

    def rule_errors(self):
        """{field: message} for every rule but the month's lock, without raising.

        The spreadsheet import checks thousands of records of a few units at once: it calls this
        for each and checks the lock once per unit and month (`campaigns.periods.locks.lock_reasons`).
        """
        errors = {}
        today = timezone.localdate()
        if self.date and self.date > today:
            errors["date"] = _("The date cannot be in the future.")
        elif self.date and not year_is_known(self.date.year):
            errors["date"] = year_range_message()
        elif self.date and self.unit_id and not self.unit.existed_on(self.date):
            errors["date"] = unit_absent_message(self.unit, self.date)
        if self.indicator_id:
            errors.update(self._second_measure_errors())
        can_check_campaign = (
            self.campaign_id and self.unit_id and self.date and "date" not in errors
        )
        if can_check_campaign and not self.campaign.covers(self.unit, self.date):
            errors["campaign"] = _("This campaign does not cover %(unit)s on this date.") % {
                "unit": self.unit
            }
        if self.material_id and not is_countable_material(self.material):
            errors["material"] = _("Choose a published poster or leaflet.")
        return errors

    def _locked_period_errors(self):
        """A record may not enter, leave or change inside an approved or closed month."""
        stored = (
            ActivityRecord.objects.filter(pk=self.pk).values_list("unit_id", "date").first()
            if self.pk
            else None
        )
        try:
            if stored:
                check_writable(AdministrativeUnit(pk=stored[0]), stored[1])
            if self.unit_id and self.date:
                check_writable(self.unit, self.date)
        except PeriodLocked as locked:
            return locked.message_dict
        return {}

    def _second_measure_errors(self):
        measure = self.indicator.second_measure
        errors = {}
        for field in (Indicator.SecondMeasure.ATTENDEES, Indicator.SecondMeasure.MINUTES):
            value = getattr(self, field)
            if field == measure and value is None and self.indicator.second_measure_required:
                errors[field] = _("Enter the %(measure)s for %(indicator)s.") % {
                    "measure": field.label.lower(),
                    "indicator": self.indicator,
                }
            elif field != measure and value is not None:
                errors[field] = _("Leave this empty: %(indicator)s has no %(measure)s.") % {
                    "measure": field.label.lower(),
                    "indicator": self.indicator,
                }
        return errors
