"""The shared vocabularies: administrative units and audiences. Thin models; staff edit them as data."""

from anyascii import anyascii

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from core.languages import reader_text


class AdministrativeUnit(models.Model):
    """A province, district, commune or hamlet, identified by its statistics-office code.

    Units are merged, split and renamed by decree (the district level was removed in July 2025), so
    they are never deleted while records point at them: a unit that stops existing gets an end date
    and, where it was merged, the unit that replaced it. Province coordinators edit them.
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
        unique=True,
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
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        help_text=_("The unit it was merged into, if any."),
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("level")]),
        FieldRowPanel([FieldPanel("designation"), FieldPanel("name"), FieldPanel("name_en")]),
        FieldPanel("parent"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
                FieldPanel("replaced_by"),
            ],
            heading=_("Validity"),
        ),
    ]

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["level", "code"]
        constraints = [
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
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            errors["replaced_by"] = _("A unit cannot replace itself.")
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

    def existed_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

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
