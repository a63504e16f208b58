"""Every spreadsheet download (the report, the yearly report, the records list, the audit log) is
written here, so each one is safe to open in a spreadsheet program and carries Vietnamese right.

Text that would be a formula is written as text (`core.spreadsheets`): an explicit string cell in
XLSX, a leading apostrophe in CSV (which has no types). Numbers stay numbers in XLSX.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Font

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.functional import Promise

from core.spreadsheets import csv_text, xlsx_text

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel's limits: sheet titles of 31 characters, and no column needs to be wider than this.
_TITLE_LENGTH = 31
_WIDEST_COLUMN = 60


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: lines of cells, and which lines (from 0) are headings in bold."""

    title: str
    lines: list
    bold_lines: frozenset = field(default_factory=lambda: frozenset({0}))


def safe_text(value):
    """A CSV cell a spreadsheet program shows as typed, never runs as a formula."""
    value = _plain(value)
    if value is None:
        return ""
    return csv_text(value) if isinstance(value, str) else value


def _plain(value):
    """Lazy translations as text, aware times as local times (Excel has no time zones)."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None, microsecond=0)
    return value


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_download(lines, filename):
    """UTF-8 with a byte-order mark, so Excel reads Vietnamese names right."""
    out = io.StringIO()
    writer = csv.writer(out)
    for line in lines:
        writer.writerow(safe_text(cell) for cell in line)
    return _download(
        out.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8", f"{filename}.csv"
    )


def workbook_bytes(sheets):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        _write_sheet(workbook.create_sheet(_sheet_title(sheet.title)), sheet)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_download(sheets, filename):
    return _download(workbook_bytes(sheets), XLSX_TYPE, f"{filename}.xlsx")


def download(lines, spreadsheet_format, title, filename):
    """`lines` as an XLSX workbook of one sheet named `title` when `spreadsheet_format` is
    "xlsx", as CSV otherwise."""
    if spreadsheet_format == "xlsx":
        return xlsx_download([Sheet(title, list(lines))], filename)
    return csv_download(lines, filename)


def refused(form):
    """The answer to a download asked for with choices `form` refuses: 400, with its messages."""
    errors = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in form.errors.items())
    return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")


def _write_sheet(worksheet, sheet):
    widths = {}
    for number, line in enumerate(sheet.lines, start=1):
        for column, value in enumerate(line, start=1):
            value = _plain(value)
            if isinstance(value, str):
                value = xlsx_text(value)
                if len(line) > 1:  # a title line on its own spreads over the columns
                    widths[column] = max(widths.get(column, 0), len(value))
            cell = worksheet.cell(row=number, column=column, value=value)
            if isinstance(value, str):
                # openpyxl reads "=..." as a formula; a string cell is shown as typed.
                cell.data_type = "s"
            if number - 1 in sheet.bold_lines:
                cell.font = Font(bold=True)
    for column, width in widths.items():
        letter = worksheet.cell(row=1, column=column).column_letter
        worksheet.column_dimensions[letter].width = min(max(width + 2, 10), _WIDEST_COLUMN)


def _sheet_title(title):
    """Excel refuses these characters and titles over 31 characters."""
    title = str(title)
    for character in "[]:*?/\\":
        title = title.replace(character, " ")
    return title[:_TITLE_LENGTH]
