"""The report's downloads: the same table as XLSX and as CSV, safe to open in a spreadsheet.

A cell starting with = + - @ (or a tab or carriage return) is a formula to Excel and LibreOffice:
a unit or indicator name typed that way could run one on the coordinator's machine. Such text is
written as text: an explicit string cell in XLSX, a leading apostrophe in CSV (which has no types).
"""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from django.http import HttpResponse
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_download(lines, filename):
    """UTF-8 with a byte-order mark, so Excel reads Vietnamese names right."""
    out = io.StringIO()
    writer = csv.writer(out)
    for line in lines:
        writer.writerow(
            f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell
            for cell in line
        )
    return _download(
        out.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8", f"{filename}.csv"
    )


def xlsx_download(lines, filename):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Report")
    for line in lines:
        sheet.append(line)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                # openpyxl reads "=..." as a formula; a string cell is shown as typed.
                cell.data_type = "s"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["B"].width = 28
    out = io.BytesIO()
    workbook.save(out)
    return _download(out.getvalue(), XLSX_TYPE, f"{filename}.xlsx")
