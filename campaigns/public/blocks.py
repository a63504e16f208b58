"""The live-total block: one figure from the records, dropped into an article or the home page.

`news.blocks` adds it to article bodies when a body is first built, not when `news` is imported:
`campaigns` imports `news` (a record's material), so `news` never imports `campaigns` at import
time. `home` imports it directly.
"""

from dataclasses import replace

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from core.page_cache import shows_live_figures

from ..records.models import Indicator
from ..reports.tables import Period
from ..totals import UnitTree, grand_total


class LiveTotalBlock(blocks.StructBlock):
    """ "68.777 leaflets handed out this year": always the current sum of the approved records."""

    indicator = SnippetChooserBlock("campaigns.Indicator", label=_("Indicator"))
    period = blocks.ChoiceBlock(
        choices=[
            ("this_year", _("This year")),
            ("year", _("A chosen year")),
            ("campaign", _("A campaign")),
        ],
        default="this_year",
        label=_("Period"),
    )
    year = blocks.IntegerBlock(
        required=False,
        min_value=2000,
        max_value=2100,
        label=_("Year"),
        help_text=_("For a chosen year."),
    )
    campaign = SnippetChooserBlock(
        "campaigns.Campaign",
        required=False,
        label=_("Campaign"),
        help_text=_("For a campaign: its dates and the units taking part."),
    )
    unit = SnippetChooserBlock(
        "taxonomy.AdministrativeUnit",
        required=False,
        label=_("Unit"),
        help_text=_("Leave empty for the whole province."),
    )
    label = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Label"),
        help_text=_("For example: leaflets handed out this year. Empty: the indicator's name."),
    )

    class Meta:
        icon = "table"
        label = _("Live total")
        template = "campaigns/public/live_total.html"

    def clean(self, value):
        value = super().clean(value)
        needed = {"year": "year", "campaign": "campaign"}.get(value["period"])
        if needed and not value[needed]:
            raise blocks.StructBlockValidationError(
                block_errors={
                    needed: ValidationError(_("Choose this for the period you asked for."))
                }
            )
        return value

    def get_preview_value(self):
        # A preview needs a real indicator; the demo's leaflets when there are some.
        indicator = Indicator.objects.filter(code="leaflets").first() or Indicator.objects.first()
        return self.normalize(
            {
                "indicator": indicator,
                "period": "this_year",
                "year": None,
                "campaign": None,
                "unit": None,
                "label": "",
            }
        )

    def period_of(self, value):
        if value["period"] == "campaign" and value["campaign"]:
            return Period.of_campaign(value["campaign"])
        if value["period"] == "year" and value["year"]:
            return Period.year(value["year"])
        return Period.year(timezone.localdate().year)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        shows_live_figures(context.get("request"))
        indicator = value["indicator"]
        if indicator is None:  # deleted since the block was written
            return context
        period = self.period_of(value)
        # A chosen unit narrows a campaign to that unit (and the units below it).
        units = {"units": (value["unit"],)} if value["unit"] else {}
        # A public page: approved figures only, like the Results page.
        filters = replace(period.filters, indicators=(indicator,), approved_only=True, **units)
        context.update(period=period, total=grand_total(filters, tree=UnitTree.kept()))
        return context
