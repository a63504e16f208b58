"""Blocks shared by every part of the site."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


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

    class Meta:
        icon = "mobile-alt"
        label = _("Hotline")
        template = "components/hotline_number.html"
        preview_value = {"label": "Tổng đài quốc gia", "number": "111", "hours": "24/7, miễn phí"}
