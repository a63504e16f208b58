"""Totals by unit and indicator for a period or a campaign: what the coordinator's report, its
XLSX and CSV downloads and the public Results page show.

Every number comes from `campaigns.totals`; this module only arranges them in rows and columns.
"""

import datetime
from dataclasses import dataclass, replace

from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from taxonomy.geography import Geography, change_days
from taxonomy.models import AdministrativeUnit

from ..months import month_end, next_month
from ..records.models import Indicator
from ..totals import Filters, UnitTree, campaign_filters, totals
from . import charts


@dataclass(frozen=True)
class Period:
    """The dates a report covers, or a campaign (its dates and units), with a label to show;
    with `approved_only`, the records of approved months only (what the public sees)."""

    start: datetime.date
    end: datetime.date
    label: str
    campaign: object = None
    approved_only: bool = False
    # The day whose units the figures are shown on; by default the period's last day.
    as_of: datetime.date | None = None

    @classmethod
    def year(cls, year, approved_only=False):
        return cls(
            datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year), None, approved_only
        )

    @classmethod
    def quarter(cls, year, quarter):
        start = datetime.date(year, quarter * 3 - 2, 1)
        end = month_end(datetime.date(year, quarter * 3, 1))
        return cls(start, end, _quarter_label(f"{year}-Q{quarter}"))

    @classmethod
    def month(cls, year, month):
        start = datetime.date(year, month, 1)
        return cls(start, month_end(start), f"{month:02d}/{year}")

    @classmethod
    def between(cls, start, end):
        label = (
            f"{date_format(start, 'SHORT_DATE_FORMAT')} – {date_format(end, 'SHORT_DATE_FORMAT')}"
        )
        return cls(start, end, label)

    @classmethod
    def of_campaign(cls, campaign):
        return cls(campaign.start_date, campaign.end_date, campaign.name, campaign)

    @cached_property
    def filters(self):
        if self.campaign is not None:
            return replace(campaign_filters(self.campaign), approved_only=self.approved_only)
        return Filters(date_from=self.start, date_to=self.end, approved_only=self.approved_only)

    @property
    def geography_day(self):
        return self.as_of or self.end

    def geographies(self, units=None):
        """[(day, label)] of each set of units the period saw, newest first: one entry for a
        period without a change, two for 2025 (the districts until 30 June, the communes from
        1 July). Each is named by the day whose units it shows."""
        changes = change_days(self.start, self.end, units)
        if not changes:
            return []
        starts = [self.start, *changes]
        ends = [day - datetime.timedelta(days=1) for day in changes] + [self.end]
        found = []
        for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
            if index == 0:
                label = _("Units until %(end)s")
            elif index == len(changes):
                label = _("Units from %(start)s")
            else:
                label = _("Units from %(start)s to %(end)s")
            found.append(
                (
                    end,
                    label
                    % {
                        "start": date_format(start, "SHORT_DATE_FORMAT"),
                        "end": date_format(end, "SHORT_DATE_FORMAT"),
                    },
                )
            )
        return found[::-1]

    def months(self):
        """Each month the period touches, as the totals service names them ("2024-07")."""
        first, months = self.start.replace(day=1), []
        while first <= self.end:
            months.append(f"{first:%Y-%m}")
            first = next_month(first)
        return months

    def quarters(self):
        """Each quarter the period touches ("2024-Q3")."""
        return list(dict.fromkeys(f"{m[:4]}-Q{(int(m[5:]) + 2) // 3}" for m in self.months()))


@dataclass(frozen=True)
class Column:
    """One measure of one indicator: its quantity, or its attendees or minutes."""

    indicator: Indicator
    measure: str

    @property
    def label(self):
        if self.measure == "quantity":
            return f"{self.indicator.display_name} ({self.indicator.display_unit})"
        measure = Indicator.SecondMeasure(self.measure).label
        return f"{self.indicator.display_name}: {measure.lower()}"

    @property
    def is_second_measure(self):
        return self.measure != "quantity"


@dataclass(frozen=True)
class Row:
    unit: AdministrativeUnit | None  # None for the total row
    values: tuple
    # Holds figures of units that ended or were formed in the period, allocated by their shares.
    estimated: bool = False


@dataclass(frozen=True)
class ResultsTable:
    """Units down the side, each indicator's measures across, the whole period's total below."""

    columns: tuple
    rows: tuple
    total: Row
    # The taxonomy.geography.Geography the rows are in, for the ranking and the map.
    geography: object = None

    @property
    def header(self):
        return [_("Unit code"), _("Unit"), *(column.label for column in self.columns)]

    def as_lines(self):
        """The table as plain lines of cells, for the spreadsheet downloads."""
        lines = [self.header]
        for row in self.rows:
            lines.append([row.unit.code, row.unit.full_name, *row.values])
        lines.append(["", _("Total"), *self.total.values])
        return lines

    def column_for(self, indicator):
        return next(i for i, c in enumerate(self.columns) if c.indicator == indicator)


def results_table(period, *, indicators, tree=None):
    """Totals of every measure of `indicators` for each reporting unit of the period's
    geography (`Period.geography_day`) with records, and overall.

    Reporting units are those directly below the province: districts before July 2025, communes
    and wards after it. A record of a unit below one counts for it; a record of a unit that
    ended or was formed in between is allocated by the succession shares (the row is then an
    estimate, and the rows still add up to the total); the province's own records get a row.
    """
    tree = tree or UnitTree()
    columns = tuple(
        Column(indicator, measure)
        for indicator in indicators
        for measure in ("quantity", indicator.second_measure)
        if measure
    )
    by_unit, estimated = {}, set()
    known = {"tree": tree, "indicators": indicators}
    geography = Geography(period.geography_day, units=tree.units)
    for row in totals(("unit", "indicator"), period.filters, geography=geography, **known):
        by_unit.setdefault(row["unit"], {})[row["indicator"].pk] = row
        if row["estimated"]:
            estimated.add(row["unit"])
    overall = {row["indicator"].pk: row for row in totals(("indicator",), period.filters, **known)}

    return ResultsTable(
        columns=columns,
        rows=tuple(
            Row(unit, _values(columns, sums), unit in estimated) for unit, sums in by_unit.items()
        ),
        total=Row(None, _values(columns, overall)),
        geography=geography,
    )


def _values(columns, sums):
    """One value per column from {indicator id: totals row}; nothing recorded is 0."""
    return tuple((sums.get(c.indicator.pk) or {}).get(c.measure) or 0 for c in columns)


def period_rows(period, grouping, columns, *, indicators, tree=None):
    """[(label, values)] for each month or quarter of the period, empty ones included, with
    the same columns as a ResultsTable."""
    by_key = {}
    known = {"tree": tree, "indicators": indicators}
    for row in totals((grouping, "indicator"), period.filters, **known):
        by_key.setdefault(row[grouping], {})[row["indicator"].pk] = row
    if grouping == "month":
        keys = [(month, _month_label(month)) for month in period.months()]
    else:
        keys = [(quarter, _quarter_label(quarter)) for quarter in period.quarters()]
    return [(label, _values(columns, by_key.get(key, {}))) for key, label in keys]


def monthly_trend(period, indicator, chart_id, tree=None):
    """A column per month of the period for one indicator's quantity, months without records
    included, and the (month, quantity) pairs for the table beside it."""
    filters = replace(period.filters, indicators=(indicator,))
    by_month = {row["month"]: row["quantity"] for row in totals(("month",), filters, tree=tree)}
    keys = period.months()  # "2024-07"
    months = [(_month_label(month), by_month.get(month, 0)) for month in keys]
    # Under the axis, the month's number, and its year under the first month and each January.
    axis = [
        (month[5:], month[:4] if i == 0 or month.endswith("-01") else "")
        for i, month in enumerate(keys)
    ]
    title = _("%(indicator)s by month") % {"indicator": Column(indicator, "quantity").label}
    return charts.column_chart(chart_id, title, months, axis), months


def _month_label(month):
    year, number = month.split("-")
    return f"{number}/{year}"


def _quarter_label(quarter):
    year, number = quarter.split("-Q")
    return _("Quarter %(quarter)s/%(year)s") % {"quarter": number, "year": year}
