"""From an uploaded file to rows of cells, or a clear refusal.

What the file is comes from its first bytes, not its name: a PDF renamed `.xlsx` is a PDF. An
XLSX is a zip archive, so its entries' declared sizes are checked before anything is unpacked
(Python's zipfile never unpacks more than an entry declares), which stops zip bombs. Formulas
are read as the text of the formula (`data_only=False`), never as the value a spreadsheet
program computed and cached in the file. CSV is UTF-8 with or without a byte-order mark,
separated by commas, semicolons (Excel with Vietnamese settings) or tabs.
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from openpyxl import load_workbook

from django.conf import settings
from django.utils.translation import gettext as _

from .columns import BY_KEY, COLUMNS, header_keys, normalise

DATA_SHEET = "Số liệu"
# A row whose first filled cell starts with this is an explanation, not data.
COMMENT = "#"
# Columns read from a sheet: more than any template has, fewer than a malicious file declares.
MAX_COLUMNS = 40
MAX_ZIP_ENTRIES = 500
# An XLSX unpacks to about ten times its size; more is a zip bomb, not a spreadsheet.
UNPACKED_PER_PACKED = 20


class FileRefused(Exception):
    """The file as a whole cannot be read; the message says why, in the user's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """The data rows of a file: (row number in the spreadsheet, {column key: cell value})."""

    rows: list = field(default_factory=list)
    ignored_headers: list = field(default_factory=list)


def read_table(content, name=""):
    """The rows of an uploaded file, or FileRefused."""
    if not content:
        raise FileRefused(_("The file is empty."))
    if len(content) > settings.IMPORT_MAX_BYTES:
        raise FileRefused(
            _("The file is larger than %(size)s MB. Split it into smaller files.")
            % {"size": megabytes(settings.IMPORT_MAX_BYTES)}
        )
    lines = _xlsx_lines(content) if _is_xlsx(content, name) else _csv_lines(content)
    return _table(lines)


def megabytes(size):
    return f"{size / 1024 / 1024:g}"


def _is_xlsx(content, name):
    if content.startswith(b"PK"):
        return True
    if content.startswith(b"%PDF"):
        raise FileRefused(
            _("This is a PDF document, not a spreadsheet. Upload an XLSX or CSV file.")
        )
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRefused(
            _("This is an old Excel (.xls) or other Office file. Save it as XLSX and upload again.")
        )
    if name.lower().endswith((".xlsx", ".xlsm")):
        raise FileRefused(_("This file is named .xlsx but is not an Excel workbook."))
    return False


def _not_a_workbook():
    return FileRefused(
        _("This is not an Excel workbook (XLSX) or it is damaged. Download the template again.")
    )


def _xlsx_lines(content):
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _not_a_workbook() from error
    if (
        len(entries) > MAX_ZIP_ENTRIES
        or sum(e.file_size for e in entries) > max(len(content), 1024 * 1024) * UNPACKED_PER_PACKED
    ):
        raise FileRefused(
            _("This file unpacks to far more than a spreadsheet does; it is refused.")
        )
    if "xl/workbook.xml" not in {e.filename for e in entries}:
        raise _not_a_workbook()
    try:
        workbook = load_workbook(
            io.BytesIO(content), read_only=True, data_only=False, keep_links=False
        )
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise _not_a_workbook() from error
    # Rows are read one by one (a generator), so a file with too many rows stops at the limit.
    try:
        sheet = (
            workbook[DATA_SHEET] if DATA_SHEET in workbook.sheetnames else workbook.worksheets[0]
        )
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        for number, row in enumerate(rows, start=1):
            yield number, [_cell_value(cell) for cell in row]
    except Exception as error:
        raise _not_a_workbook() from error
    finally:
        workbook.close()


def _cell_value(value):
    """A cell as Python: text, number, date or None. A formula is its text ("=SUM(A1:A3)"), an
    array formula too; anything else openpyxl might return becomes text."""
    if value is None or isinstance(value, (str, int, float, datetime.date, datetime.time)):
        return value
    return str(getattr(value, "text", None) or value)


def _csv_lines(content):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(
            _(
                "This file is not an XLSX workbook nor a CSV file in UTF-8. In your spreadsheet "
                "program, save it as “CSV UTF-8” or as XLSX."
            )
        ) from error
    if "\x00" in text:
        raise FileRefused(_("This file is not a spreadsheet. Upload an XLSX or CSV file."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        for row in reader:
            yield reader.line_num, row[:MAX_COLUMNS]
    except csv.Error as error:
        raise FileRefused(
            _("The CSV file is damaged near line %(line)s.") % {"line": reader.line_num}
        ) from error


def _delimiter(text):
    """The separator that splits the header line into the most known columns."""
    known = header_keys()
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith(COMMENT):
            return max(
                (",", ";", "\t"),
                key=lambda sep: sum(normalise(cell) in known for cell in line.split(sep)),
            )
    return ","


def is_blank(value):
    """An empty cell: nothing, or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def _table(lines):
    """Find the header (the first row that is neither blank nor a comment), map its columns,
    and collect the data rows below it."""
    known = header_keys()
    table = Table()
    columns = None
    for number, cells in lines:
        filled = [cell for cell in cells if not is_blank(cell)]
        if not filled or (isinstance(filled[0], str) and filled[0].strip().startswith(COMMENT)):
            continue
        if columns is None:
            columns = _header(cells, known, table)
            continue
        if len(table.rows) >= settings.IMPORT_MAX_ROWS:
            raise FileRefused(
                _("The file has more than %(rows)s rows. Split it into smaller files.")
                % {"rows": f"{settings.IMPORT_MAX_ROWS:,}".replace(",", ".")}
            )
        table.rows.append((number, {key: cells[i] for i, key in columns.items() if i < len(cells)}))
    if columns is None:
        raise FileRefused(_("The file has no header row and no data."))
    if not table.rows:
        raise FileRefused(_("The file has a header row but no data rows."))
    return table


def _header(cells, known, table):
    """{cell index: column key}; FileRefused when a required column is missing or repeated."""
    columns = {}
    for index, cell in enumerate(cells):
        if is_blank(cell):
            continue
        key = known.get(normalise(cell))
        if key is None:
            table.ignored_headers.append(str(cell).strip())
        elif key in columns.values():
            raise FileRefused(
                _("The column “%(column)s” appears twice in the header row.")
                % {"column": BY_KEY[key].label}
            )
        else:
            columns[index] = key
    missing = [str(c.label) for c in COLUMNS if c.required and c.key not in columns.values()]
    if missing:
        raise FileRefused(
            _(
                "The header row lacks the columns %(columns)s. Use the template's first row as it "
                "is."
            )
            % {"columns": ", ".join(f"“{name}”" for name in missing)}
        )
    return columns
