"""The public Results page: what the province did, from the records, for anyone to read."""

from django.db import models
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from core.models import BasePage
from core.page_cache import shows_live_figures, vouch_for_query

from ..periods.approval import approved_through
from ..records.models import Campaign, Indicator
from ..reports.forms import PeriodForm
from ..reports.ranking import unit_display
from ..reports.tables import results_table
from ..totals import UnitTree, progress


class ResultsPage(BasePage):
    """The public "Results" page: what the province did, per year or per campaign, by district and
    by indicator, as charts beside tables. Aggregates of approved months only: never who recorded
    what, a note or a place, nor a figure a coordinator has not approved. Editors write the
    introduction; the numbers come from the records."""

    template = "campaigns/public/results_page.html"
    # One under each home page: one per language.
    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    page_description = _(
        "Province totals per year and per campaign, with charts. One per language."
    )

    introduction = models.TextField(
        _("introduction"),
        max_length=500,
        blank=True,
        help_text=_("One or two sentences under the title."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = _("results page")
        verbose_name_plural = _("results pages")

    def serve(self, request, *args, **kwargs):
        shows_live_figures(request)
        response = super().serve(request, *args, **kwargs)
        if response.context_data["form"].errors:
            response.status_code = 400
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tree = UnitTree.kept()
        form = PeriodForm(request.GET, tree=tree)
        # The public sees approved figures only (the form's periods say so), and is told up to
        # when they are complete.
        period = form.period if form.is_valid() else form.fallback_period()
        chosen = {}
        if form.is_valid():
            chosen = {
                "year": form.cleaned_data["year"],
                "campaign": period.campaign,
                "as_of": period.as_of and period.as_of.isoformat(),
                "indicator": form.cleaned_data["indicator"] and form.cleaned_data["indicator"].code,
                "group": "former" if request.GET.get("group") == "former" else None,
            }
            chosen = {k: getattr(v, "pk", v) for k, v in chosen.items() if v}
            vouch_for_query(request, chosen)
        indicators = list(Indicator.objects.all())
        table = results_table(period, indicators=indicators, tree=tree)
        indicator = (form.is_valid() and form.cleaned_data["indicator"]) or (
            indicators[0] if indicators else None
        )
        query = QueryDict(mutable=True)
        query.update(chosen)
        context.update(
            form=form,
            period=period,
            approved_through=approved_through(
                period.start, period.end, tree, tree.approved, timezone.localdate()
            ),
            years=form.years,
            campaigns=Campaign.objects.all(),
            table=table,
            figures=[(c, v) for c, v in zip(table.columns, table.total.values, strict=True)],
            indicators=indicators,
            indicator=indicator,
            # The choices a reader made, kept when another indicator is chosen.
            kept_query=[(k, v) for k, v in chosen.items() if k != "indicator"],
            display=unit_display(table, period, indicator, query, units=tree.units)
            if table.rows and indicator
            else None,
            targets=[
                target
                for target in (
                    progress(period.campaign, tree=tree, approved_only=period.approved_only)
                    if period.campaign
                    else []
                )
                if target.unit is None
            ],
        )
        return context
