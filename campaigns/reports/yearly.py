"""The province's yearly report: what a coordinator sends upward at the end of the year.

One workbook (and a printable page) with the totals by unit and indicator, the second measures,
the months and quarters, each campaign's target progress and how many months of each unit have
been approved. Every number comes from `campaigns.reports.tables` and `campaigns.totals`, so it is the
number the report screen and the public Results page show. The queries do not grow with the
number of units or records, only with the number of the year's campaigns (their targets).
"""

import datetime
from dataclasses import dataclass, replace

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .. import exports
from ..periods.models import ReportingPeriod, units_reporting_in
from ..records.models import Campaign, Indicator
from ..totals import UnitTree, progress
from .tables import Period, period_rows, results_table


@dataclass(frozen=True)
class Approval:
    """Where one unit's twelve months stand in the monthly review."""

    unit: object
    statuses: tuple  # ReportingPeriod.Status for January to December

    @property
    def approved(self):
        return self.statuses.count(ReportingPeriod.Status.APPROVED)


@dataclass(frozen=True)
class YearlyReport:
    year: int
    title: str
    generated_at: datetime.datetime
    table: object  # report.ResultsTable, the rows and columns of the Results page
    months: list  # [(label, values)] with the table's columns
    quarters: list
    campaigns: list  # [(campaign, [totals.Progress])]
    approvals: list  # [Approval]
    period: object = None  # tables.Period: the year, its figures and its geography

    def columns(self, second_measures):
        """The positions of the table's quantity columns, or of its second-measure columns."""
        return [
            i for i, c in enumerate(self.table.columns) if c.is_second_measure == second_measures
        ]

    @property
    def figures(self):
        """(column, province total) for each measure, as the Results page's key figures."""
        return list(zip(self.table.columns, self.table.total.values, strict=True))

    @property
    def generated_label(self):
        return formats.date_format(self.generated_at, "SHORT_DATETIME_FORMAT")


def yearly_report(year, tree=None, approved_only=True, as_of=None):
    """The year's approved figures, the numbers the province stands by (and the Results page
    shows), with how many months of each unit are approved; every record with `approved_only`
    off, a draft the title calls provisional."""
    tree = tree or UnitTree()
    period = replace(Period.year(year, approved_only=approved_only), as_of=as_of)
    indicators = list(Indicator.objects.all())
    table = results_table(period, indicators=indicators, tree=tree)
    known = {"indicators": indicators, "tree": tree}
    provinces = sorted(
        (
            u
            for u in tree.units.values()
            if u.parent_id is None and u.existed_on(period.geography_day)
        ),
        key=lambda u: u.code,
    )
    campaigns = Campaign.objects.filter(
        start_date__lte=period.end, end_date__gte=period.start
    ).prefetch_related("units")
    title = _("Yearly report %(year)s on preventing and combating human trafficking: %(units)s") % {
        "year": year,
        "units": ", ".join(u.full_name for u in provinces),
    }
    if not approved_only:
        title += " " + _("(provisional: months not yet approved are included)")
    return YearlyReport(
        year=year,
        title=title,
        generated_at=timezone.localtime(),
        table=table,
        months=period_rows(period, "month", table.columns, **known),
        quarters=period_rows(period, "quarter", table.columns, **known),
        campaigns=[
            (c, progress(c, tree=tree, approved_only=approved_only))
            for c in campaigns.order_by("start_date", "pk")
        ],
        approvals=approvals(year, tree),
        period=period,
    )


def approvals(year, tree):
    units = units_reporting_in(year, tree)
    status = {
        (unit_id, month.month): value
        for unit_id, month, value in ReportingPeriod.objects.filter(
            unit__in=units, month__year=year
        ).values_list("unit_id", "month", "status")
    }
    return [
        Approval(
            unit,
            tuple(
                ReportingPeriod.Status(status.get((unit.pk, m), ReportingPeriod.Status.OPEN))
                for m in range(1, 13)
            ),
        )
        for unit in units
    ]


def workbook_sheets(report):
    """The report as `exports.Sheet`s, each headed by the title and the generation date."""
    heading = [
        [report.title],
        [_("Generated on %(date)s") % {"date": report.generated_label}],
        [],
    ]
    header_line = len(heading)

    def sheet(title, header, lines, total=None):
        body = [*heading, header, *lines, *([total] if total else [])]
        bold = {0, header_line} | ({len(body) - 1} if total else set())
        return exports.Sheet(title, body, frozenset(bold))

    labels = [c.label for c in report.table.columns]
    sheets = [
        sheet(
            _("Summary"),
            [_("Indicator"), _("Province total")],
            [[column.label, value] for column, value in report.figures],
        )
    ]
    for title, second in ((_("By unit"), False), (_("Second measures"), True)):
        keep = report.columns(second_measures=second)
        if not keep:
            continue
        sheets.append(
            sheet(
                title,
                [_("Unit code"), _("Unit"), *(labels[i] for i in keep)],
                [
                    [row.unit.code, row.unit.full_name, *(row.values[i] for i in keep)]
                    for row in report.table.rows
                ],
                ["", _("Province total"), *(report.table.total.values[i] for i in keep)],
            )
        )
    sheets.append(
        sheet(
            _("By month"),
            [_("Period"), *labels],
            [[label, *values] for label, values in [*report.months, *report.quarters]],
            [str(report.year), *report.table.total.values],
        )
    )
    sheets.append(
        sheet(
            _("Campaign targets"),
            [
                _("Campaign"),
                _("From"),
                _("To"),
                _("Indicator"),
                _("Unit"),
                _("Done"),
                _("Target"),
                _("Progress (%)"),
            ],
            [
                [
                    campaign.name,
                    campaign.start_date,
                    campaign.end_date,
                    target.indicator.display_name,
                    target.unit.full_name if target.unit else _("All units"),
                    target.actual,
                    target.target,
                    round(target.percentage, 1),
                ]
                for campaign, targets in report.campaigns
                for target in targets
            ],
        )
    )
    sheets.append(
        sheet(
            _("Approval"),
            [
                _("Unit code"),
                _("Unit"),
                _("Months approved"),
                *(f"{m:02d}/{report.year}" for m in range(1, 13)),
            ],
            [
                [a.unit.code, a.unit.full_name, a.approved, *(s.label for s in a.statuses)]
                for a in report.approvals
            ],
        )
    )
    return sheets
