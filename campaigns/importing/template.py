"""The file district staff download, fill in and upload: XLSX with lists, or CSV.

The XLSX has the data sheet first (headers only, unit and date columns as text so a spreadsheet
program set to another country cannot turn 07/08 into the 8th of July), then the instructions
with an example row, and the lists of what the user may write: their units, the indicators, the
campaigns of the month and the materials. The CSV carries the same as lines starting with `#`,
which the import skips. Every name from the database is written as text, never as a formula.
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from django.http import HttpResponse
from django.utils import formats
from django.utils.translation import gettext as _

from ..access import units_for
from ..exports import XLSX_TYPE, csv_download
from ..materials import countable_materials
from ..models import Campaign, Indicator
from ..periods import month_end, month_key, month_label
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
    workbook = Workbook()
    data = workbook.active
    data.title = DATA_SHEET
    _append(data, headers(), bold=True)
    for letter in "AB":  # unit codes and dates stay as typed
        data.column_dimensions[letter].number_format = "@"
    for letter, width in zip("ABCDEFGHIJ", (12, 14, 16, 10, 12, 10, 14, 14, 28, 28), strict=True):
        data.column_dimensions[letter].width = width
    data.freeze_panes = "A2"

    guide = workbook.create_sheet(_("Instructions"))
    for line in instructions(unit, first):
        _append(guide, [line])
    _append(guide, [])
    _append(guide, [_("Column"), _("Required"), _("What to write")], bold=True)
    for column in COLUMNS:
        _append(guide, [str(column.label), _("yes") if column.required else "", str(column.hint)])
    _append(guide, [])
    _append(guide, [_("Example row:")], bold=True)
    _append(guide, headers())
    _append(guide, example(unit, first))
    guide.column_dimensions["A"].width = 18
    guide.column_dimensions["C"].width = 70

    for title, header, rows in choices(user, unit, first):
        sheet = workbook.create_sheet(title)
        _append(sheet, header, bold=True)
        for row in rows:
            _append(sheet, row)
        sheet.column_dimensions["B"].width = 50
        if title == _("Indicators") and rows:
            # A drop-down of the indicator codes in the data sheet's indicator column.
            listing = DataValidation(
                type="list", formula1=f"'{title}'!$A$2:$A${len(rows) + 1}", allow_blank=True
            )
            data.add_data_validation(listing)
            listing.add("C2:C10001")
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(unit, first)}.xlsx"'
    return response


def _append(sheet, values, bold=False):
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # a name starting with = stays text
        if bold:
            cell.font = Font(bold=True)


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
