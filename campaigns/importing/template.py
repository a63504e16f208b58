"""The file district staff download, fill in and upload: XLSX with lists, or CSV.

The XLSX has the data sheet first (the header only), then the instructions with an example row,
and the lists of what the user may write: their units, the indicators, the campaigns of the month
and the materials. The CSV carries the same as lines starting with `#`, which the import skips.
Both go through `campaigns.exports`, so a name from the database is written as text, never as a
formula. A spreadsheet program set to another country may read 07/08 as the 8th of July: the
import's month check then names the row, since a swapped day and month leave the month.
"""

from django.utils import formats
from django.utils.translation import gettext as _

from core.materials import countable_materials

from ..access import units_for
from ..exports import Sheet, csv_download, xlsx_download
from ..months import month_end, month_key, month_label
from ..records.models import Campaign, Indicator
from .columns import COLUMNS
from .reading import COMMENT, DATA_SHEET


def choices(user, unit, first):
    """What the template lists: [(sheet title, header, rows)]."""
    units = units_for(user).filter(pk__in=unit.descendant_ids([unit.pk])).order_by("level", "code")
    campaigns = Campaign.objects.filter(start_date__lte=month_end(first), end_date__gte=first)
    return [
        (_("Units"), [_("Code"), _("Name")], [[u.code, u.full_name] for u in units]),
        (
            _("Indicators"),
            [_("Code"), _("Name"), _("Counted in"), _("Also needs")],
            [
                [i.code, i.display_name, i.display_unit, i.get_second_measure_display()]
                for i in Indicator.objects.all()
            ],
        ),
        (
            _("Campaigns"),
            [_("Number to write"), _("Name"), _("From"), _("To")],
            [[c.pk, c.name, _day(c.start_date), _day(c.end_date)] for c in campaigns],
        ),
        (
            _("Materials"),
            [_("Number to write"), _("Title")],
            [[m.pk, m.title] for m in countable_materials().order_by("title")],
        ),
    ]


def _day(day):
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def instructions(unit, first):
    return [
        _("Activity records of %(unit)s for %(month)s.")
        % {"unit": unit.full_name, "month": month_label(first)},
        _("Fill in one row per activity on the first sheet, from its second row; keep the header."),
        _("Rows whose first cell starts with # are skipped."),
        _("Formulas are not calculated: type numbers and dates themselves."),
        _(
            "Nothing is written until every row is right; a row imported before is never counted twice."
        ),
    ]


def example(unit, first):
    indicator = Indicator.objects.first()
    return [
        unit.code,
        first.replace(day=15).strftime("%d/%m/%Y"),
        indicator.code if indicator else "",
        200,
        "",
        "",
        "",
        "",
        _("Central market"),
        "",
    ]


def headers():
    return [str(column.label) for column in COLUMNS]


def xlsx_template(user, unit, first):
    guide = [[line] for line in instructions(unit, first)]
    guide += [[], [_("Column"), _("Required"), _("What to write")]]
    table_header = len(guide) - 1
    guide += [[c.label, _("yes") if c.required else "", c.hint] for c in COLUMNS]
    guide += [[], [_("Example row:")], headers(), example(unit, first)]
    sheets = [
        Sheet(DATA_SHEET, [headers()]),
        Sheet(_("Instructions"), guide, frozenset({table_header, len(guide) - 3})),
        *(Sheet(title, [header, *rows]) for title, header, rows in choices(user, unit, first)),
    ]
    return xlsx_download(sheets, _file_name(unit, first))


def csv_template(user, unit, first):
    lines = [[f"{COMMENT} {line}"] for line in instructions(unit, first)]
    for column in COLUMNS:
        lines.append([f"{COMMENT} {column.label}: {column.hint}"])
    for title, _header, rows in choices(user, unit, first):
        for row in rows:
            lines.append([f"{COMMENT} {title}: " + " · ".join(str(value) for value in row)])
    example_row = example(unit, first)
    lines.append([f"{COMMENT} {_('Example row:')} {example_row[0]}", *example_row[1:]])
    lines.append(headers())
    return csv_download(lines, _file_name(unit, first))


def _file_name(unit, first):
    return f"mau-nhap-{unit.code}-{month_key(first)}"
