"""Blocks shared by every part of the site."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from .languages import reader_text


class HotlineValue(blocks.StructValue):
    def display_label(self):
        return reader_text(self["label"], self.get("label_en"))

    def display_hours(self):
        return reader_text(self["hours"], self.get("hours_en"))


class HotlineBlock(blocks.StructBlock):
    """One hotline number as the public sees it in the header and footer."""

    label = blocks.CharBlock(
        max_length=80, label=_("Label"), help_text=_("For example: National hotline")
    )
    number = blocks.RegexBlock(
        regex=r"^\+?[0-9][0-9 .]{1,19}$",
        max_length=20,
        label=_("Number"),
        error_messages={
            "invalid": _(
                "Enter a phone number: digits, spaces or dots, optionally starting with +."
            )
        },
    )
    hours = blocks.CharBlock(
        max_length=80,
        required=False,
        label=_("Hours"),
        help_text=_("For example: 24/7, free of charge"),
    )
    label_en = blocks.CharBlock(
        max_length=80,
        required=False,
        label=_("Label in English"),
        help_text=_("For the English site."),
    )
    hours_en = blocks.CharBlock(max_length=80, required=False, label=_("Hours in English"))

    class Meta:
        icon = "mobile-alt"
        label = _("Hotline")
        template = "components/hotline_number.html"
        value_class = HotlineValue
        preview_value = {"label": "Tổng đài quốc gia", "number": "111", "hours": "24/7, miễn phí"}
