"""Text a spreadsheet program shows as typed: never a formula, never a broken file.

A cell starting with = + - @ (or a tab, carriage return or line feed) is a formula to Excel and
LibreOffice: a unit name or a user name typed that way could run one on the machine of whoever
opens the download. In CSV, which has no types, such text gets a leading apostrophe. In XLSX a
string cell is never a formula, but XML cannot carry most control characters (openpyxl refuses
the whole file), so they are dropped.

Our own downloads write through `campaigns.exports`, which uses these. Wagtail's own listing
downloads (site history, snippet listings, the page reports, redirects) write every value through
`SpreadsheetExportMixin.preprocess_field_value` and offer no hook of their own (Wagtail holds
that the program opening the file is responsible), so `formula_safe_wagtail_exports()`, called
once from `core.apps`, passes that method's text through the same two functions.
"""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_text(text):
    """A CSV cell's text, with an apostrophe before anything a spreadsheet would run."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def xlsx_text(text):
    """Text as an XLSX cell holds it: without the control characters XML cannot carry, and with
    Excel's line break, a line feed (XML reads a carriage return as one anyway)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def formula_safe_wagtail_exports():
    """Make every Wagtail listing download write text the way ours do (see the module's docstring)."""
    wagtails = SpreadsheetExportMixin.preprocess_field_value
    if getattr(wagtails, "formula_safe", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        value = wagtails(self, field, value, export_format)
        if not isinstance(value, str):
            return value
        return csv_text(value) if export_format == self.FORMAT_CSV else xlsx_text(value)

    preprocess_field_value.formula_safe = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
