"""The province's yearly report: one XLSX workbook and a page to print, for coordinators only,
with the numbers the totals service, the report screen and the public Results page give."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.reporting.review import act
from campaigns.totals import Filters, progress, totals
from taxonomy.models import AdministrativeUnit
from tests.factories import (
    ActivityRecordFactory,
    AdministrativeUnitFactory,
    BroadcastsIndicatorFactory,
    CampaignFactory,
    CampaignTargetFactory,
    DistrictFactory,
    IndicatorFactory,
    ResultsPageFactory,
    SessionsIndicatorFactory,
    UserFactory,
)

YEAR = 2024
SHEETS = [
    "Tóm tắt",
    "Theo đơn vị",
    "Số người dự, số phút",
    "Theo tháng",
    "Mục tiêu chiến dịch",
    "Phê duyệt",
]
TITLE_LINES = 4  # title, generation date, a blank line, the header


@pytest.fixture
def indicators(db):
    return {
        "sessions": SessionsIndicatorFactory(sort_order=0),
        "leaflets": IndicatorFactory(
            code="leaflets", name="Tờ rơi phát ra", unit_label="tờ", sort_order=1
        ),
        "broadcasts": BroadcastsIndicatorFactory(sort_order=2),
    }


@pytest.fixture
def demo_like(province, district, other_district, indicators, coordinator, district_staff):
    """Like the demo: districts, a commune, records over the months, the yearly plan with
    province-wide and unit targets, and two approved months of Biên Hòa."""
    commune = AdministrativeUnitFactory(
        code="25993", name="Tân Hạnh", designation="xã", level=3, parent=district
    )
    plan = CampaignFactory(name="Kế hoạch năm 2024", units=[province])
    CampaignTargetFactory(campaign=plan, indicator=indicators["leaflets"], quantity=5_000)
    CampaignTargetFactory(
        campaign=plan, indicator=indicators["sessions"], unit=district, quantity=10
    )
    for month in range(1, 13):
        for unit, factor in ((district, 1), (commune, 2), (other_district, 3)):
            day = datetime.date(YEAR, month, 1 + month)
            ActivityRecordFactory(
                unit=unit, indicator=indicators["leaflets"], date=day, quantity=100 * factor + month
            )
            ActivityRecordFactory(
                unit=unit,
                indicator=indicators["sessions"],
                date=day,
                quantity=factor,
                attendees=40 * factor + month,
            )
        ActivityRecordFactory(
            unit=other_district,
            indicator=indicators["broadcasts"],
            date=datetime.date(YEAR, month, 20),
            quantity=3,
            minutes=45,
        )
    ActivityRecordFactory(
        unit=district, indicator=indicators["leaflets"], date=datetime.date(2023, 12, 31)
    )
    for month in (1, 2):
        act(district_staff, district, datetime.date(YEAR, month, 1), "submit")
        act(coordinator, district, datetime.date(YEAR, month, 1), "approve")
    act(district_staff, district, datetime.date(YEAR, 3, 1), "submit")
    return plan


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client


def workbook(client, year=YEAR, figures="all"):
    """The yearly workbook; of every record by default, since most months here are not approved."""
    response = client.get(
        reverse("campaigns_yearly_report_xlsx", args=[year]), {"figures": figures}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    suffix = "-tam-tinh" if figures == "all" else ""
    assert f'filename="bao-cao-nam-{year}{suffix}.xlsx"' in response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content))


def table(sheet):
    """The sheet's lines under its title lines, as {first cell: {header: value}}."""
    lines = [list(line) for line in sheet.iter_rows(values_only=True)]
    header = lines[TITLE_LINES - 1]
    return {line[0]: dict(zip(header, line, strict=True)) for line in lines[TITLE_LINES:]}


def by_unit(**options):
    """{(unit code, indicator code): row} from the totals service, for the year."""
    rows = totals(("unit", "indicator"), Filters(year=YEAR), **options)
    return {(row["unit"].code, row["indicator"].code): row for row in rows}


def province_total():
    return {row["indicator"].code: row for row in totals(("indicator",), Filters(year=YEAR))}


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_like")
class TestWorkbook:
    def test_sheets_are_in_vietnamese_under_a_title_and_the_date(self, as_coordinator):
        book = workbook(as_coordinator)
        assert book.sheetnames == SHEETS
        for sheet in book.worksheets:
            assert sheet["A1"].value == (
                "Báo cáo năm 2024 về công tác phòng, chống mua bán người: Đồng Nai"
                " (tạm tính: gồm cả các tháng chưa được duyệt)"
            )
            assert sheet["A2"].value.startswith("Lập ngày ")

    def test_units_by_indicator_equal_the_totals_service(self, as_coordinator):
        sheet = table(workbook(as_coordinator)["Theo đơn vị"])
        expected = by_unit(unit_level=AdministrativeUnit.Level.DISTRICT)
        assert set(sheet) == {"731", "741", None}  # None: the total row
        for code in ("731", "741"):
            assert sheet[code]["Tờ rơi phát ra (tờ)"] == expected[code, "leaflets"]["quantity"]
            assert sheet[code]["Buổi truyền thông (buổi)"] == expected[code, "sessions"]["quantity"]
        # Xuân Lộc broadcasts, Biên Hòa does not: its cell is 0, not empty.
        assert sheet["731"]["Tin phát thanh (lần)"] == 0
        total = sheet[None]
        assert total["Đơn vị"] == "Toàn tỉnh"
        assert total["Tờ rơi phát ra (tờ)"] == province_total()["leaflets"]["quantity"]
        # The commune's records count for Biên Hòa, and the 2023 record for nothing.
        assert sheet["731"]["Tờ rơi phát ra (tờ)"] == sum(100 + m + 200 + m for m in range(1, 13))

    def test_second_measures_have_their_own_sheet(self, as_coordinator):
        sheet = table(workbook(as_coordinator)["Số người dự, số phút"])
        expected = by_unit(unit_level=AdministrativeUnit.Level.DISTRICT)
        assert (
            sheet["741"]["Buổi truyền thông: lượt người tham dự"]
            == (expected["741", "sessions"]["attendees"])
        )
        assert sheet["741"]["Tin phát thanh: số phút"] == 12 * 45
        assert (
            sheet[None]["Buổi truyền thông: lượt người tham dự"]
            == (province_total()["sessions"]["attendees"])
        )

    def test_months_and_quarters_equal_the_totals_service(self, as_coordinator):
        sheet = table(workbook(as_coordinator)["Theo tháng"])
        months = {
            (row["month"], row["indicator"].code): row["quantity"]
            for row in totals(("month", "indicator"), Filters(year=YEAR))
        }
        quarters = {
            (row["quarter"], row["indicator"].code): row["quantity"]
            for row in totals(("quarter", "indicator"), Filters(year=YEAR))
        }
        for month in range(1, 13):
            assert (
                sheet[f"{month:02d}/2024"]["Tờ rơi phát ra (tờ)"]
                == (months[f"2024-{month:02d}", "leaflets"])
            )
        assert sheet["Quý 3/2024"]["Tin phát thanh (lần)"] == quarters["2024-Q3", "broadcasts"]
        assert sheet["2024"]["Tờ rơi phát ra (tờ)"] == province_total()["leaflets"]["quantity"]

    def test_campaign_targets_and_progress(self, as_coordinator, demo_like):
        lines = list(workbook(as_coordinator)["Mục tiêu chiến dịch"].iter_rows(values_only=True))
        rows = lines[TITLE_LINES:]
        expected = progress(demo_like)
        assert [(r[0], r[3], r[4], r[5], r[6], r[7]) for r in rows] == [
            (
                "Kế hoạch năm 2024",
                p.indicator.name,
                p.unit.full_name if p.unit else "Tất cả đơn vị",
                p.actual,
                p.target,
                round(p.percentage, 1),
            )
            for p in expected
        ]
        assert {r[5] for r in rows} == {province_total()["leaflets"]["quantity"], 12 * 3}

    def test_approval_counts_the_approved_months_of_each_unit(self, as_coordinator):
        sheet = table(workbook(as_coordinator)["Phê duyệt"])
        assert sheet["731"]["Số tháng đã duyệt"] == 2
        assert sheet["741"]["Số tháng đã duyệt"] == 0
        assert (sheet["731"]["02/2024"], sheet["731"]["03/2024"]) == ("Đã duyệt", "Đã gửi")

    def test_the_numbers_are_the_results_pages(self, as_coordinator, client, home_page):
        """Both show approved months only: Biên Hòa's January and February here."""
        page = ResultsPageFactory(parent=home_page)
        public = client.get(page.url, {"year": YEAR}).context["table"]
        assert public.rows
        sheet = table(workbook(as_coordinator, figures="approved")["Theo đơn vị"])
        for row in public.rows:
            for column, value in zip(public.columns, row.values, strict=True):
                if not column.is_second_measure:
                    assert sheet[row.unit.code][column.label] == value

    def test_text_that_looks_like_a_formula_stays_text(self, as_coordinator, district, demo_like):
        district.name, district.designation = '=HYPERLINK("http://x","y")', ""
        district.save()
        demo_like.name = "+1"
        demo_like.save()
        book = workbook(as_coordinator)
        unit = next(r[1] for r in book["Theo đơn vị"].iter_rows() if r[0].value == "731")
        campaign = book["Mục tiêu chiến dịch"].cell(row=TITLE_LINES + 1, column=1)
        assert (unit.value, unit.data_type) == ('=HYPERLINK("http://x","y")', "s")
        assert (campaign.value, campaign.data_type) == ("+1", "s")

    def test_query_count_does_not_grow_with_the_units(self, as_coordinator, province, indicators):
        url = reverse("campaigns_yearly_report_xlsx", args=[YEAR])
        as_coordinator.get(url)
        with CaptureQueriesContext(connection) as few:
            as_coordinator.get(url)
        for n in range(15):
            unit = DistrictFactory(code=f"8{n:02d}", parent=province)
            ActivityRecordFactory(
                unit=unit, indicator=indicators["leaflets"], date=datetime.date(2024, 5, 5)
            )
        with CaptureQueriesContext(connection) as many:
            as_coordinator.get(url)
        assert len(many) == len(few) <= 25
        with CaptureQueriesContext(connection) as page:
            as_coordinator.get(reverse("campaigns_yearly_report", args=[YEAR]))
        assert len(page) <= len(few) + 2


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_like")
class TestPrintablePage:
    def test_shows_the_same_tables_without_the_admin_frame(self, as_coordinator):
        url = reverse("campaigns_yearly_report", args=[YEAR])
        response = as_coordinator.get(url, {"figures": "all"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Báo cáo năm 2024 về công tác phòng, chống mua bán người" in html
        assert 'href="/static/css/print.css" media="print"' in html
        assert "<caption>" in html and "Quý 4/2024" in html and "2/12" in html
        assert "Tổng cộng" in html  # the results table's total row
        assert "w-sidebar" not in html and "<script" not in html
        total = province_total()["leaflets"]["quantity"]
        assert f"{total:,}".replace(",", ".") in html
        assert "tạm tính" in html

    def test_is_of_approved_months_unless_every_record_is_asked_for(self, as_coordinator):
        html = as_coordinator.get(reverse("campaigns_yearly_report", args=[YEAR])).content.decode()
        approved = Filters(year=YEAR, approved_only=True)
        total = totals(("indicator",), approved)[1]["quantity"]  # leaflets, after sessions
        assert f"{total:,}".replace(",", ".") in html
        assert f"{province_total()['leaflets']['quantity']:,}".replace(",", ".") not in html
        assert "tạm tính" not in html

    def test_the_report_screen_links_to_both(self, as_coordinator):
        html = as_coordinator.get(reverse("campaigns_report"), {"year": YEAR}).content.decode()
        assert reverse("campaigns_yearly_report", args=[YEAR]) in html
        assert reverse("campaigns_yearly_report_xlsx", args=[YEAR]) in html

    @pytest.mark.parametrize("year", [1999, 2101])
    def test_a_year_out_of_range_is_not_found(self, as_coordinator, year):
        assert (
            as_coordinator.get(reverse("campaigns_yearly_report", args=[year])).status_code == 404
        )


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_like")
class TestWhoGetsIt:
    @pytest.mark.parametrize("name", ["campaigns_yearly_report", "campaigns_yearly_report_xlsx"])
    @pytest.mark.parametrize("who", ["district_staff", "editor"])
    def test_others_are_refused_and_see_no_numbers(self, client, request, name, who):
        client.force_login(request.getfixturevalue(who))
        response = client.get(reverse(name, args=[YEAR]))
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
        assert response.content == b""

    @pytest.mark.parametrize("name", ["campaigns_yearly_report", "campaigns_yearly_report_xlsx"])
    def test_visitors_are_sent_to_sign_in(self, client, name):
        response = client.get(reverse(name, args=[YEAR]))
        assert response.url.startswith(reverse("wagtailadmin_login"))

    def test_a_superuser_gets_it(self, client):
        client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
        assert client.get(reverse("campaigns_yearly_report", args=[YEAR])).status_code == 200


@pytest.mark.django_db
class TestOnTheDemo:
    def test_the_2024_workbook_has_the_sources_figures_in_few_queries(self, demo_data, client):
        client.force_login(get_user_model().objects.get(username="dieuphoi"))
        with CaptureQueriesContext(connection) as queries:
            book = workbook(client)
        summary = table(book["Tóm tắt"])
        assert summary["Tờ rơi phát ra (tờ)"]["Toàn tỉnh"] == 68_777
        assert summary["Buổi truyền thông: lượt người tham dự"]["Toàn tỉnh"] == 170_000
        assert len(table(book["Theo đơn vị"])) == 12  # eleven districts and the province row
        assert len(queries) <= 40
