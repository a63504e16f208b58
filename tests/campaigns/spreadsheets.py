"""Spreadsheets as people fill them in, for the import tests."""

import csv
import io
import zipfile

from openpyxl import Workbook

HEADER = [
    "Mã đơn vị",
    "Ngày",
    "Mã chỉ tiêu",
    "Số lượng",
    "Lượt người tham dự",
    "Số phút",
    "Chiến dịch",
    "Tài liệu",
    "Địa điểm",
    "Ghi chú",
]


def row(unit="731", date="15/07/2024", indicator="leaflets", quantity=10, **more):
    """A data row in the template's column order."""
    return [
        unit,
        date,
        indicator,
        quantity,
        more.get("attendees"),
        more.get("minutes"),
        more.get("campaign"),
        more.get("material"),
        more.get("place", "Chợ trung tâm"),
        more.get("note"),
    ]


def xlsx_bytes(rows, header=HEADER, formulas=None):
    """An XLSX with `header` and `rows`. `formulas` maps a cell ("D2") to (formula, cached value):
    the cached value is what a spreadsheet program would have computed and saved with it."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Số liệu"
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    for cell, (formula, _cached) in (formulas or {}).items():
        sheet[cell] = formula
    out = io.BytesIO()
    workbook.save(out)
    if formulas:
        return _with_cached_values(out.getvalue(), formulas)
    return out.getvalue()


def _with_cached_values(content, formulas):
    """openpyxl writes a formula without its computed value; add one as Excel would."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                for cell, (formula, cached) in formulas.items():
                    written = f"<f>{formula.lstrip('=')}</f><v />"
                    assert written in text, (cell, text)
                    text = text.replace(written, f"<f>{formula.lstrip('=')}</f><v>{cached}</v>")
                data = text.encode()
            target.writestr(entry, data)
    return out.getvalue()


def csv_bytes(rows, header=HEADER, delimiter=",", bom=True):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    for values in rows:
        writer.writerow(["" if value is None else value for value in values])
    return out.getvalue().encode("utf-8-sig" if bom else "utf-8")
