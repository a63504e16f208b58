"""The choice of period: a year or a campaign for the public Results page, any period for the
coordinator's report."""

import datetime
from dataclasses import replace

from django import forms
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ..months import validate_year
from ..periods.approval import approved_through
from ..records.models import Campaign, Indicator
from ..totals import UnitTree, data_years
from .tables import Period

# A report over more than ten years is a typing mistake, and a trend chart nobody can read.
LONGEST_RANGE_DAYS = 3660


class YearOrCampaignFields(forms.Form):
    """Without a year, the latest year with records (with approved records, for the public)."""

    year = forms.IntegerField(label=_("Year"), required=False, validators=[validate_year])
    campaign = forms.ModelChoiceField(Campaign.objects.all(), label=_("Campaign"), required=False)
    # Show the figures on the units of this day (the period's last day when empty): a year
    # that spans the 2025 reform can be read on the old districts or on the new communes.
    # Chosen with the links the screens show for such a period (`Period.geographies`), so the
    # field itself is hidden.
    as_of = forms.DateField(
        label=_("Units as on"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.HiddenInput,
    )

    approved_only = False

    def clean_as_of(self):
        return _known_year(self.cleaned_data["as_of"])

    def __init__(self, *args, tree=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tree = tree

    @cached_property
    def years(self):
        """The years with records, newest first."""
        return data_years(approved_only=self.approved_only, tree=self.tree)

    def default_year(self):
        return self.years[0] if self.years else timezone.localdate().year

    @cached_property
    def period(self):
        """The chosen period; call only once the form is valid."""
        return replace(
            self.chosen_period(),
            approved_only=self.approved_only,
            as_of=self.cleaned_data.get("as_of"),
        )

    def fallback_period(self):
        """What to show when the choice is invalid: the latest year."""
        return Period.year(self.default_year(), approved_only=self.approved_only)


class PeriodForm(YearOrCampaignFields):
    """A year or a campaign: what the public Results page offers, of approved figures."""

    approved_only = True

    indicator = forms.ModelChoiceField(
        Indicator.objects.all(),
        label=_("Indicator"),
        required=False,
        to_field_name="code",
        empty_label=None,
    )

    def default_year(self):
        """The latest year approved to its last month, else the latest with approved figures:
        a reader first sees a whole year, and may choose the one under way."""
        tree = self.tree or UnitTree()
        today = timezone.localdate()
        for year in self.years:
            first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            if approved_through(first, last, tree, tree.approved, today) == last.replace(day=1):
                return year
        return super().default_year()

    def clean(self):
        data = super().clean()
        if data.get("year") and data.get("campaign"):
            raise forms.ValidationError(_("Choose a year or a campaign, not both."))
        return data

    def chosen_period(self):
        data = self.cleaned_data
        if data.get("campaign"):
            return Period.of_campaign(data["campaign"])
        return Period.year(data.get("year") or self.default_year())


class YearForm(forms.Form):
    """A screen's year: a known year (`campaigns.months`), this year by default."""

    year = forms.IntegerField(label=_("Year"), required=False, validators=[validate_year])

    @cached_property
    def year_or_this_year(self):
        """The chosen year once the form is valid, this year otherwise."""
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("year") or timezone.localdate().year


class MonthForm(YearForm):
    """My totals' month: a month of a known year, this month by default."""

    month = forms.TypedChoiceField(
        label=_("Month"), coerce=int, required=False, choices=[(m, m) for m in range(1, 13)]
    )

    @cached_property
    def first(self):
        """The month's first day: the chosen month once the form is valid, this month otherwise."""
        data = self.cleaned_data if self.is_valid() else {}
        month = data.get("month") or timezone.localdate().month
        return datetime.date(self.year_or_this_year, month, 1)


def _known_year(day):
    if day is not None:
        validate_year(day.year)
    return day


class ReportForm(YearOrCampaignFields):
    """The coordinator report's choices: a year, a quarter, a month, a date range or a campaign,
    and the indicator its charts show."""

    PERIODS = [
        ("year", _("Year")),
        ("quarter", _("Quarter")),
        ("month", _("Month")),
        ("range", _("Date range")),
        ("campaign", _("Campaign")),
    ]

    period_kind = forms.ChoiceField(
        label=_("Period"), choices=PERIODS, required=False, initial="year"
    )
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), coerce=int, required=False, choices=[(q, q) for q in range(1, 5)]
    )
    month = forms.TypedChoiceField(
        label=_("Month"), coerce=int, required=False, choices=[(m, m) for m in range(1, 13)]
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    figures = forms.ChoiceField(
        label=_("Figures"),
        choices=[
            ("approved", _("Approved months only")),
            ("all", _("All records, provisional")),
        ],
        required=False,
        initial="approved",
    )

    indicator = forms.ModelChoiceField(
        Indicator.objects.all(),
        label=_("Indicator in the charts"),
        required=False,
        to_field_name="code",
        empty_label=None,
    )

    field_order = ["period_kind", "year", "quarter", "month", "date_from", "date_to", "campaign"]

    def clean_date_from(self):
        return _known_year(self.cleaned_data["date_from"])

    def clean_date_to(self):
        return _known_year(self.cleaned_data["date_to"])

    def clean(self):
        data = super().clean()
        kind = data.get("period_kind") or "year"
        needed = {
            "quarter": ["quarter"],
            "month": ["month"],
            "range": ["date_from", "date_to"],
            "campaign": ["campaign"],
        }.get(kind, [])
        for field in needed:
            if data.get(field) in (None, ""):
                self.add_error(field, _("Choose this for the period you asked for."))
        if kind == "range" and data.get("date_from") and data.get("date_to"):
            days = (data["date_to"] - data["date_from"]).days
            if days < 0:
                self.add_error("date_to", _("The end date cannot be before the start date."))
            elif days > LONGEST_RANGE_DAYS:
                self.add_error("date_to", _("Choose a range of ten years or less."))
        data["period_kind"] = kind
        return data

    @property
    def approved_only(self):
        """Approved figures unless all were asked for, which are then shown as provisional."""
        return getattr(self, "cleaned_data", {}).get("figures") != "all"

    def chosen_period(self):
        data = self.cleaned_data
        year = data.get("year") or self.default_year()
        kind = data["period_kind"]
        if kind == "quarter":
            return Period.quarter(year, data["quarter"])
        if kind == "month":
            return Period.month(year, data["month"])
        if kind == "range":
            return Period.between(data["date_from"], data["date_to"])
        if kind == "campaign":
            return Period.of_campaign(data["campaign"])
        return Period.year(year)
