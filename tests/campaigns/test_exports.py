"""Every spreadsheet download (records list, report totals, audit log) is safe to open: text that
looks like a formula stays text, Vietnamese survives, and district staff get only their units."""

import csv
import datetime
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.log_actions import LogContext

from campaigns import exports
from core.spreadsheets import FORMULA_STARTS
from tests.factories import ActivityRecordFactory, CampaignFactory, IndicatorFactory, UserFactory

PAYLOADS = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "\t=1", "\r=1"]
VIETNAMESE = ["Biên Hòa", "Xuân Lộc", "tuyên truyền"]


def csv_cells(response):
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return lines, {cell for line in lines for cell in line}


def xlsx_cells(response):
    assert response["Content-Type"] == exports.XLSX_TYPE
    book = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in book.worksheets for line in sheet.iter_rows() for cell in line]
    return book, cells


def assert_safe(response, payloads):
    """Each payload is in the file as text: '-prefixed in CSV, a string cell in XLSX."""
    if response["Content-Type"].startswith("text/csv"):
        _lines, cells = csv_cells(response)
        assert {f"'{p}" for p in payloads} <= cells
        assert not any(c.startswith(FORMULA_STARTS) for c in cells)
    else:
        _book, cells = xlsx_cells(response)
        strings = {c.value: c.data_type for c in cells if isinstance(c.value, str)}
        for payload in payloads:
            assert strings[exports.xlsx_text(payload)] == "s"
        assert not any(c.data_type == "f" for c in cells)


@pytest.fixture
def leaflets(db):
    return IndicatorFactory(code="leaflets", name="Tờ rơi tuyên truyền", unit_label="tờ")


@pytest.fixture
def hostile(district, other_district, leaflets, district_staff):
    """Formulas typed into every text a download shows: unit, indicator and campaign names, the
    place, the note and the recorder's name."""
    district.name, district.designation = PAYLOADS[0], ""
    district.save()
    leaflets.name = PAYLOADS[1]
    leaflets.save()
    campaign = CampaignFactory(name=PAYLOADS[2], units=[district])
    # Family name first, as full names are shown: "=cmd |calc".
    recorder = UserFactory(username="@SUM(A1)", first_name="|calc", last_name="=cmd")
    with LogContext(user=recorder):
        mine = ActivityRecordFactory(
            unit=district,
            indicator=leaflets,
            campaign=campaign,
            place=PAYLOADS[4],
            note=PAYLOADS[5] + " Xuân Lộc",
            recorded_by=recorder,
        )
    theirs = ActivityRecordFactory(
        unit=other_district, indicator=leaflets, place="Biên Hòa", note="tuyên truyền"
    )
    return mine, theirs


@pytest.mark.django_db
class TestRecordsList:
    @pytest.mark.parametrize("export", ["csv", "xlsx"])
    def test_payloads_are_text(self, client, coordinator, hostile, export):
        client.force_login(coordinator)
        response = client.get(reverse("activity_records:index"), {"export": export})
        assert response.status_code == 200
        assert 'filename="ghi-nhan-hoat-dong.' in response["Content-Disposition"]
        assert_safe(response, [*PAYLOADS[:5], "@SUM(A1)"])

    def test_csv_carries_vietnamese_and_the_list_filters(self, client, coordinator, hostile):
        client.force_login(coordinator)
        _mine, theirs = hostile
        response = client.get(
            reverse("activity_records:index"), {"export": "csv", "unit": theirs.unit.pk}
        )
        lines, cells = csv_cells(response)
        assert lines[0][:3] == ["Ngày", "Mã đơn vị", "Đơn vị"]
        assert len(lines) == 2
        assert {"Huyện Xuân Lộc", "Biên Hòa", "tuyên truyền"} <= cells

    def test_xlsx_keeps_numbers_and_dates(self, client, coordinator, hostile):
        client.force_login(coordinator)
        response = client.get(reverse("activity_records:index"), {"export": "xlsx"})
        book, _cells = xlsx_cells(response)
        header, *rows = book.active.iter_rows(values_only=True)
        assert book.active.title == "Bản ghi hoạt động"
        line = dict(zip(header, rows[0], strict=True))
        assert line["Số lượng"] == 10 and line["Ngày"].date() == datetime.date(2024, 7, 30)

    @pytest.mark.parametrize("export", ["csv", "xlsx"])
    def test_district_staff_get_only_their_units(self, client, district_staff, hostile, export):
        client.force_login(district_staff)
        response = client.get(reverse("activity_records:index"), {"export": export})
        if export == "csv":
            lines, _cells = csv_cells(response)
            codes = [line[1] for line in lines[1:]]
        else:
            book, _cells = xlsx_cells(response)
            codes = [line[1] for line in list(book.active.iter_rows(values_only=True))[1:]]
        assert codes == ["731"]
        # Asking for the other district's records by filter gives nothing, not its records.
        other = client.get(
            reverse("activity_records:index"), {"export": "csv", "unit": hostile[1].unit.pk}
        )
        assert b"741" not in other.content

    def test_the_list_offers_both_downloads(self, client, district_staff, hostile):
        client.force_login(district_staff)
        html = client.get(reverse("activity_records:index")).content.decode()
        assert "export=xlsx" in html and "export=csv" in html


@pytest.mark.django_db
class TestReportTotals:
    @pytest.mark.parametrize("name", ["campaigns_report_csv", "campaigns_report_xlsx"])
    def test_payloads_are_text(self, client, coordinator, hostile, name):
        client.force_login(coordinator)
        response = client.get(reverse(name), {"year": 2024, "figures": "all"})
        assert response.status_code == 200
        assert_safe(response, [PAYLOADS[0], PAYLOADS[1] + " (tờ)"])

    def test_vietnamese_round_trips(self, client, coordinator, district, other_district, leaflets):
        ActivityRecordFactory(unit=district, indicator=leaflets)
        ActivityRecordFactory(unit=other_district, indicator=leaflets)
        client.force_login(coordinator)
        every_record = {"year": 2024, "figures": "all"}
        _lines, cells = csv_cells(client.get(reverse("campaigns_report_csv"), every_record))
        assert {"Huyện Biên Hòa", "Huyện Xuân Lộc", "Tờ rơi tuyên truyền (tờ)"} <= cells
        response = client.get(reverse("campaigns_report_xlsx"), every_record)
        _book, xlsx = xlsx_cells(response)
        assert {"Huyện Biên Hòa", "Huyện Xuân Lộc"} <= {c.value for c in xlsx}


@pytest.mark.django_db
class TestAuditLog:
    @pytest.mark.parametrize("export", ["csv", "xlsx"])
    def test_payloads_are_text(self, client, coordinator, hostile, export):
        client.force_login(coordinator)
        response = client.get(reverse("campaigns_audit_log"), {"export": export})
        assert response.status_code == 200
        assert 'filename="nhat-ky-bao-cao.' in response["Content-Disposition"]
        # The recorder's full name, the place and the note as the log keeps them.
        assert_safe(response, ["=cmd |calc", PAYLOADS[4], PAYLOADS[5] + " Xuân Lộc"])

    def test_xlsx_keeps_the_filters_and_vietnamese(self, client, coordinator, hostile):
        client.force_login(coordinator)
        response = client.get(reverse("campaigns_audit_log"), {"export": "xlsx", "unit": "741"})
        book, _cells = xlsx_cells(response)
        header, *rows = book.active.iter_rows(values_only=True)
        assert header[:3] == ("Thời điểm", "Người dùng", "Thao tác")
        assert {row[3] for row in rows} == {"741"}
        assert {"Biên Hòa", "tuyên truyền"} <= {row[8] for row in rows}
        assert all(isinstance(row[0], datetime.datetime) for row in rows)

    def test_the_screen_offers_both_downloads(self, client, coordinator):
        client.force_login(coordinator)
        html = client.get(reverse("campaigns_audit_log"), {"unit": "731"}).content.decode()
        assert "unit=731&amp;export=xlsx" in html and "unit=731&amp;export=csv" in html


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["activity_records:index", "campaigns_audit_log"])
def test_downloads_cost_the_same_queries_for_more_rows(client, coordinator, hostile, name):
    client.force_login(coordinator)
    mine, _theirs = hostile
    client.get(reverse(name), {"export": "xlsx"})  # warm Wagtail's per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(name), {"export": "xlsx"})
    ActivityRecordFactory.create_batch(20, unit=mine.unit, indicator=mine.indicator)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse(name), {"export": "xlsx"})
    assert len(many) == len(few) <= 20


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_no_csv_cell_can_start_a_formula(text):
    cell = exports.safe_text(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell in (text, "'" + text)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=30), min_size=1, max_size=5)
)
def test_any_text_reads_back_from_xlsx_as_the_same_string(texts):
    content = exports.workbook_bytes([exports.Sheet("Dữ liệu: thử/1", [texts])])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Dữ liệu  thử 1"
    for cell, text in zip(sheet[1], texts, strict=False):
        expected = ILLEGAL_CHARACTERS_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
        assert cell.data_type == "s" if expected else cell.value is None
        assert (cell.value or "") == expected
