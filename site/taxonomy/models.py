"""The shared vocabularies: administrative units and audiences. Thin models; staff edit them as data."""

import datetime
from decimal import Decimal

from anyascii import anyascii

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from core.languages import reader_text

from .forms import AdministrativeUnitForm


def in_force_on(day, prefix=""):
    """The query form of `AdministrativeUnit.existed_on`, for any row with `valid_from` and
    `valid_to` dates (reached through `prefix`, like "unit__"): an empty date sets no limit."""
    return (
        models.Q(**{f"{prefix}valid_from__isnull": True})
        | models.Q(**{f"{prefix}valid_from__lte": day})
    ) & (
        models.Q(**{f"{prefix}valid_to__isnull": True})
        | models.Q(**{f"{prefix}valid_to__gte": day})
    )


class UnitQuerySet(models.QuerySet):
    def by_code(self, on=None):
        """{code: the unit the code names on the day `on`} (today by default): the one that
        existed that day, otherwise the last one to hold the code."""
        on = on or datetime.date.today()
        holders = sorted(self, key=lambda u: (u.existed_on(on), u.valid_to or datetime.date.max))
        return {unit.code: unit for unit in holders}

    def named(self, code, on=None):
        """The unit `code` names on the day `on` (`by_code`); None when no unit ever had it."""
        return self.filter(code=code).by_code(on).get(code)


class AdministrativeUnit(ClusterableModel):
    """A province, district, commune or hamlet, identified by its statistics-office code.

    Units are merged, split and renamed by decree (the district level was removed in July 2025), so
    they are never deleted while records point at them: a unit that stops existing gets an end date
    and its successions, the units that took over its area and with what share. A code names one
    unit at a time: most communes formed in 2025 took the code of one of the communes they merged,
    so the same code can name an old unit and, from its start date, the new one.
    `manage.py load_units` loads them from the reference data; province coordinators edit them.
    """

    class Level(models.IntegerChoices):
        # The number is the depth in the tree, so a child's level is always greater than its parent's.
        PROVINCE = 1, _("Province")
        DISTRICT = 2, _("District")
        COMMUNE = 3, _("Commune")
        HAMLET = 4, _("Hamlet")

    code = models.CharField(
        _("code"),
        max_length=20,
        help_text=_("The code in the national statistics office's list of administrative units."),
    )
    name = models.CharField(_("name"), max_length=120, help_text=_("For example: Biên Hòa"))
    name_en = models.CharField(
        _("English name"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty to use the Vietnamese name without diacritics."),
    )
    designation = models.CharField(
        _("designation"),
        max_length=40,
        blank=True,
        help_text=_("For example: tỉnh, thành phố, huyện, xã, phường"),
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("Empty while the unit still exists.")
    )
    objects = UnitQuerySet.as_manager()

    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    area_km2 = models.FloatField(_("area (km²)"), null=True, blank=True)

    base_form_class = AdministrativeUnitForm
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("level")]),
        FieldRowPanel([FieldPanel("designation"), FieldPanel("name"), FieldPanel("name_en")]),
        FieldPanel("parent"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude"), FieldPanel("area_km2")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
                InlinePanel(
                    "successions",
                    heading=_("Replaced by"),
                    help_text=_(
                        "When the unit ends: the units that took over its area, each with its "
                        "share (1 when it went whole into one unit). The shares add up to 1."
                    ),
                ),
            ],
            heading=_("Validity"),
        ),
    ]

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["level", "code"]
        constraints = [
            # One unit per code and start date; a unit with no start date owns its code alone.
            models.UniqueConstraint(fields=["code", "valid_from"], name="unit_code_per_start"),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(valid_from__isnull=True),
                name="unit_code_without_start",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_to_after_valid_from",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The name in the active language: "Biên Hòa" in Vietnamese, "Bien Hoa" in English."""
        if get_language() == "en":
            return self.name_en or anyascii(self.name)
        return self.name

    @property
    def full_name(self):
        """The name with its designation, as official documents write it: "Huyện Cẩm Mỹ"."""
        if self.designation and get_language() != "en":
            return f"{self.designation.capitalize()} {self.name}"
        return self.display_name

    @property
    def reader_name(self):
        """The full name as readers know the unit today: "Huyện Xuân Lộc (cũ)" once it ended."""
        if self.ended:
            return _("%(name)s (former)") % {"name": self.full_name}
        return self.full_name

    def clean(self):
        errors = {}
        if self.parent_id:
            if self.parent.level >= self.level:
                errors["parent"] = _("The parent unit must be at a higher level than this unit.")
            elif self.pk and self.pk in {
                unit.pk for unit in self.parent.ancestors(include_self=True)
            }:
                errors["parent"] = _(
                    "A unit cannot be placed under itself or one of its own units."
                )
        elif self.level and self.level != self.Level.PROVINCE:
            errors["parent"] = _("Only a province has no parent unit.")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The end date cannot be before the start date.")
        elif self.code and self._overlapping_namesakes():
            errors["code"] = _(
                "Another unit has this code at the same time. A code can be reused only by a "
                "unit that starts after the other one has ended."
            )
        if errors:
            raise ValidationError(errors)

    def ancestors(self, include_self=False):
        """The chain of parents up to the province, nearest first."""
        chain = [self] if include_self else []
        unit = self.parent
        while unit is not None and unit not in chain:
            chain.append(unit)
            unit = unit.parent
        return chain

    def _overlapping_namesakes(self):
        namesakes = AdministrativeUnit.objects.filter(code=self.code).exclude(pk=self.pk)
        if self.valid_to:
            namesakes = namesakes.exclude(valid_from__gt=self.valid_to)
        if self.valid_from:
            namesakes = namesakes.exclude(valid_to__lt=self.valid_from)
        return namesakes.exists()

    @property
    def ended(self):
        return self.valid_to is not None and self.valid_to < timezone.localdate()

    def existed_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def successors_on(self, day):
        """The units that had taken over this one's area by `day`, following later changes too
        (a commune merged in 2025 and that commune divided later)."""
        found, frontier, seen = [], [self], {self.pk}
        while frontier:
            unit = frontier.pop(0)
            for succession in unit.successions.select_related("successor"):
                successor = succession.successor
                if successor.pk in seen:
                    continue
                seen.add(successor.pk)
                (found if successor.existed_on(day) else frontier).append(successor)
        return found

    @classmethod
    def descendant_ids(cls, unit_ids):
        """The ids of the given units and of every unit below them, in one query.

        The whole tree of a province is a few thousand rows at most, so walking it in Python is
        cheaper and simpler than keeping a materialised path in step with every edit.
        """
        children = {}
        for pk, parent_id in cls.objects.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        found, frontier = set(), list(unit_ids)
        while frontier:
            pk = frontier.pop()
            if pk not in found:
                found.add(pk)
                frontier.extend(children.get(pk, ()))
        return found


def area_choices():
    """The units content may be tagged with: every district, former ones included, and the
    communes and wards that exist today (`taxonomy.areas.Areas.is_area` asks the same)."""
    return models.Q(level=AdministrativeUnit.Level.DISTRICT) | (
        models.Q(level=AdministrativeUnit.Level.COMMUNE) & in_force_on(timezone.localdate())
    )


def unit_absent_message(unit, day):
    """Why nothing can be recorded against `unit` on `day`, naming who to record it for."""
    if unit.valid_to and day > unit.valid_to:
        successors = unit.successors_on(day)
        if successors:
            return _(
                "%(unit)s ended on %(end)s; record it for the units that took over its area: %(successors)s."
            ) % {
                "unit": unit.full_name,
                "end": date_format(unit.valid_to, "SHORT_DATE_FORMAT"),
                "successors": ", ".join(successor.full_name for successor in successors),
            }
        return _("%(unit)s ended on %(end)s.") % {
            "unit": unit.full_name,
            "end": date_format(unit.valid_to, "SHORT_DATE_FORMAT"),
        }
    if unit.valid_from and day < unit.valid_from:
        return _("%(unit)s was formed on %(start)s.") % {
            "unit": unit.full_name,
            "start": date_format(unit.valid_from, "SHORT_DATE_FORMAT"),
        }
    return _("%(unit)s did not exist on this date.") % {"unit": unit.full_name}


class UnitSuccession(Orderable):
    """Part of an ended unit's area going to a unit that took it over, with its share.

    A commune merged whole into a new one hands it a share of 1; a divided commune hands each part
    its share of the area. Figures recorded against the old unit are allocated to the new ones by
    these shares when a total is shown in the new geography, and the other way round.
    """

    predecessor = ParentalKey(
        AdministrativeUnit,
        verbose_name=_("former unit"),
        on_delete=models.CASCADE,
        related_name="successions",
    )
    successor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("replaced by"),
        on_delete=models.PROTECT,
        related_name="predecessions",
    )
    share = models.DecimalField(
        _("proportion"),
        max_digits=7,
        decimal_places=6,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.000001")), MaxValueValidator(Decimal(1))],
        help_text=_("The part of the former unit that went to this one, between 0 and 1."),
    )

    panels = [FieldRowPanel([FieldPanel("successor"), FieldPanel("share")])]

    class Meta(Orderable.Meta):
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="one_succession_per_pair"
            ),
            models.CheckConstraint(
                condition=models.Q(share__gt=0) & models.Q(share__lte=1),
                name="succession_share_between_0_and_1",
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.share})"

    def clean(self):
        if self.successor_id and self.successor_id == self.predecessor_id:
            raise ValidationError({"successor": _("A unit cannot replace itself.")})


class Audience(Orderable, models.Model):
    """A group of people the content speaks to: students, workers, relatives of victims...

    Editors add and rename audiences; the public finds the material "for you" through them.
    """

    name = models.CharField(_("name"), max_length=120, unique=True)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        allow_unicode=False,
        blank=True,
        help_text=_("The audience's part of a web address. Made from the name when empty."),
    )
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("English description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("description_en"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(anyascii(self.name))[:80]
        super().save(*args, **kwargs)

    @property
    def display_name(self):
        return reader_text(self.name, self.name_en)

    @property
    def display_description(self):
        return reader_text(self.description, self.description_en)
