"""The record form's date field: written and shown the Vietnamese way, never silently replaced."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import AdminDateInput

# How staff write a day everywhere else on the site (SHORT_DATE_FORMAT): 01/12/2026.
DAY_MONTH_YEAR = "%d/%m/%Y"


class DayMonthYearInput(AdminDateInput):
    """Wagtail's date picker showing and reading dd/mm/yyyy.

    The picker (jQuery datetimepicker) replaces text it cannot read with today's date when the
    field loses focus (`validateOnBlur`), so a typed date in another format was saved as today.
    Here the typed text stays as it is and the server says what is wrong with it.
    """

    def __init__(self, attrs=None, format=None):
        attrs = {"inputmode": "numeric", "placeholder": _("dd/mm/yyyy"), **(attrs or {})}
        super().__init__(attrs=attrs, format=format or DAY_MONTH_YEAR)

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}
