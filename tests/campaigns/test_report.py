"""The coordinator's report: totals by unit and indicator, charts, targets and downloads."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import ActivityRecord
from taxonomy.models import AdministrativeUnit
from tests.factories import (
    ActivityRecordFactory,
    AdministrativeUnitFactory,
    CampaignFactory,
    CampaignTargetFactory,
    IndicatorFactory,
    SessionsIndicatorFactory,
    approve_recorded_months,
)

REPORT_URLS = ["campaigns_report", "campaigns_report_csv", "campaigns_report_xlsx"]


@pytest.fixture
def leaflets(db):
    return IndicatorFactory(code="leaflets", name="Tờ rơi phát ra", unit_label="tờ", sort_order=1)


@pytest.fixture
def sessions(db):
    return SessionsIndicatorFactory(sort_order=0)


@pytest.fixture
def commune(district):
    return AdministrativeUnitFactory(
        code="26000", name="Tân Hạnh", level=AdministrativeUnit.Level.COMMUNE, parent=district
    )


@pytest.fixture
def records(district, other_district, commune, leaflets, sessions):
    """Records in two districts (one through its commune), over 2023 and 2024."""
    rows = [
        (district, leaflets, datetime.date(2024, 1, 15), 300, None),
        (commune, leaflets, datetime.date(2024, 7, 30), 1_250, None),
        (other_district, leaflets, datetime.date(2024, 7, 2), 4_000, None),
        (district, sessions, datetime.date(2024, 4, 10), 2, 90),
        (other_district, sessions, datetime.date(2024, 11, 5), 3, 160),
        (other_district, leaflets, datetime.date(2023, 12, 31), 777, None),
    ]
    made = [
        ActivityRecordFactory(unit=u, indicator=i, date=d, quantity=q, attendees=a)
        for u, i, d, q, a in rows
    ]
    approve_recorded_months()
    return made


def expected(unit, indicator, start, end, measure="quantity"):
    """The sum computed straight from the records, without the totals service."""
    below = AdministrativeUnit.descendant_ids([unit.pk])
    return sum(
        getattr(r, measure) or 0
        for r in ActivityRecord.objects.filter(indicator=indicator, date__range=(start, end))
        if r.unit_id in below
    )


def cells(table):
    """{(unit code or "total", indicator code, measure): value} from a ResultsTable."""
    found = {}
    for row in [*table.rows, table.total]:
        for column, value in zip(table.columns, row.values, strict=True):
            found[row.unit.code if row.unit else "total", column.indicator.code, column.measure] = (
                value
            )
    return found


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.mark.django_db
@pytest.mark.usefixtures("records")
class TestReportScreen:
    def test_table_shows_each_districts_totals_of_the_year(
        self, as_coordinator, district, other_district, leaflets, sessions
    ):
        response = as_coordinator.get(reverse("campaigns_report"), {"year": 2024})
        assert response.status_code == 200
        table = cells(response.context["table"])
        year = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
        for unit in (district, other_district):
            assert table[unit.code, "leaflets", "quantity"] == expected(unit, leaflets, *year)
            assert table[unit.code, "sessions", "quantity"] == expected(unit, sessions, *year)
            assert table[unit.code, "sessions", "attendees"] == expected(
                unit, sessions, *year, measure="attendees"
            )
        assert table["731", "leaflets", "quantity"] == 1_550  # the commune counts for its district
        assert table["total", "leaflets", "quantity"] == 5_550
        assert table["total", "sessions", "attendees"] == 250
        html = response.content.decode()
        assert "5.550" in html and "1.550" in html

    def test_shows_approved_months_unless_every_record_is_asked_for(
        self, as_coordinator, district, leaflets
    ):
        ActivityRecordFactory(
            unit=district, indicator=leaflets, date=datetime.date(2024, 12, 3), quantity=50_000
        )
        approved = as_coordinator.get(reverse("campaigns_report"), {"year": 2024})
        assert cells(approved.context["table"])["total", "leaflets", "quantity"] == 5_550
        assert "Chỉ các tháng đã duyệt" in approved.content.decode()
        every = as_coordinator.get(reverse("campaigns_report"), {"year": 2024, "figures": "all"})
        assert cells(every.context["table"])["total", "leaflets", "quantity"] == 55_550
        assert "Tạm tính" in every.content.decode()
        download = as_coordinator.get(
            reverse("campaigns_report_csv"), {"year": 2024, "figures": "all"}
        )
        assert "bao-cao-20240101-20241231-tam-tinh.csv" in download["Content-Disposition"]

    def test_defaults_to_the_latest_year_with_records(self, as_coordinator):
        response = as_coordinator.get(reverse("campaigns_report"))
        assert response.context["period"].label == "2024"

    @pytest.mark.parametrize(
        "params, leaflets_total",
        [
            ({"year": 2023}, 777),
            ({"period_kind": "quarter", "year": 2024, "quarter": 3}, 5_250),
            ({"period_kind": "month", "year": 2024, "month": 1}, 300),
            (
                {"period_kind": "range", "date_from": "2023-12-01", "date_to": "2024-01-31"},
                1_077,
            ),
        ],
    )
    def test_periods_filter_the_records(self, as_coordinator, params, leaflets_total):
        response = as_coordinator.get(reverse("campaigns_report"), params)
        assert cells(response.context["table"])["total", "leaflets", "quantity"] == leaflets_total

    def test_a_campaign_counts_its_units_and_dates_and_shows_target_progress(
        self, as_coordinator, district, leaflets
    ):
        campaign = CampaignFactory(
            name="Tháng hành động",
            start_date=datetime.date(2024, 7, 1),
            end_date=datetime.date(2024, 7, 31),
            units=[district],
        )
        CampaignTargetFactory(campaign=campaign, indicator=leaflets, quantity=1_000)
        response = as_coordinator.get(
            reverse("campaigns_report"), {"period_kind": "campaign", "campaign": campaign.pk}
        )
        # Only Biên Hòa takes part: Xuân Lộc's 4,000 leaflets in July do not count.
        table = response.context["table"]
        assert [row.unit.code for row in table.rows] == ["731"]
        assert cells(table)["total", "leaflets", "quantity"] == 1_250
        [target] = response.context["targets"]
        assert (target.actual, target.target, target.percentage) == (1_250, 1_000, 125.0)
        html = response.content.decode()
        assert "<caption>" in html and "Tháng hành động" in html
        assert "125%" in html

    def test_units_are_ranked_beside_a_map_with_a_text_alternative(self, as_coordinator):
        AdministrativeUnit.objects.filter(code="741").update(latitude=10.93, longitude=107.24)
        response = as_coordinator.get(
            reverse("campaigns_report"), {"year": 2024, "indicator": "leaflets"}
        )
        ranking = response.context["display"].ranking
        assert [(r.rank, r.unit.full_name, r.value) for r in ranking.rows] == [
            (1, "Huyện Xuân Lộc", 4_000),
            (2, "Huyện Biên Hòa", 1_550),
        ]
        html = response.content.decode()
        svg = html.split('<svg class="chart dot-map"', 1)[1].split("</svg>", 1)[0]
        assert 'role="img"' in svg and 'aria-labelledby="unit-map-title unit-map-desc"' in svg
        assert '<desc id="unit-map-desc">' in svg and "Huyện Xuân Lộc, 4.000" in svg
        assert svg.count("<circle") == 1 and "<title>Huyện Xuân Lộc: 4.000</title>" in svg
        # A unit without coordinates is named under the map; the table has it.
        assert response.context["display"].map.missing == ("Huyện Biên Hòa",)
        assert "Không có trên bản đồ (chưa có tọa độ): Huyện Biên Hòa" in html
        assert 'id="ranked-table"' in html

    def test_trend_chart_has_every_month_of_the_period(self, as_coordinator):
        response = as_coordinator.get(
            reverse("campaigns_report"), {"year": 2024, "indicator": "leaflets"}
        )
        months = dict(response.context["months"])
        assert len(months) == 12
        assert (months["01/2024"], months["07/2024"], months["02/2024"]) == (300, 5_250, 0)
        assert len(response.context["trend"].marks) == 12
        assert response.content.decode().count('<svg class="chart"') == 1

    def test_trend_chart_month_labels_never_overlap(self, as_coordinator):
        response = as_coordinator.get(reverse("campaigns_report"), {"year": 2024})
        chart = response.context["trend"]
        # Under the axis: the month's number, the year once, under January.
        assert [m.axis_label for m in chart.marks] == [f"{n:02d}" for n in range(1, 13)]
        assert [m.axis_second for m in chart.marks] == ["2024"] + [""] * 11
        # Each line of 12-unit text is narrower than its column's slot (a character of a
        # sans-serif font is at most 0.7 of its size wide), so neighbours never meet.
        slot = chart.width / len(chart.marks)
        widest = max(len(t) for m in chart.marks for t in (m.axis_label, m.axis_second))
        assert widest * 12 * 0.7 < slot
        # The text alternative keeps the whole labels.
        assert [m.label for m in chart.marks][6] == "07/2024"
        assert "/2024" in chart.description

    def test_query_count_stays_the_same_as_records_grow(
        self, as_coordinator, district, leaflets, django_assert_num_queries
    ):
        url = reverse("campaigns_report")
        params = {"year": 2024}
        as_coordinator.get(url, params)  # warm Wagtail's per-process caches
        with CaptureQueriesContext(connection) as few:
            as_coordinator.get(url, params)
        ActivityRecordFactory.create_batch(
            30, unit=district, indicator=leaflets, date=datetime.date(2024, 3, 3)
        )
        with django_assert_num_queries(len(few)):
            as_coordinator.get(url, params)
        assert len(few) <= 30


@pytest.mark.django_db
@pytest.mark.usefixtures("records")
class TestReportDownloads:
    def test_csv_is_the_same_table_in_utf8_with_a_bom(self, as_coordinator):
        screen = as_coordinator.get(reverse("campaigns_report"), {"year": 2024})
        response = as_coordinator.get(reverse("campaigns_report_csv"), {"year": 2024})
        assert response["Content-Type"].startswith("text/csv")
        assert 'filename="bao-cao-20240101-20241231.csv"' in response["Content-Disposition"]
        assert response.content.startswith(b"\xef\xbb\xbf")
        lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        table = screen.context["table"]
        assert lines[0] == [str(cell) for cell in table.header]
        assert "Buổi truyền thông (buổi)" in lines[0]
        assert lines[1:] == [[str(cell) for cell in line] for line in table.as_lines()[1:]]
        column = lines[0].index("Tờ rơi phát ra (tờ)")
        assert [(line[0], line[column]) for line in lines[1:]] == [
            ("731", "1550"),
            ("741", "4000"),
            ("", "5550"),
        ]

    def test_xlsx_opens_with_the_same_numbers(self, as_coordinator, leaflets):
        response = as_coordinator.get(reverse("campaigns_report_xlsx"), {"year": 2024})
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        column = rows[0].index("Tờ rơi phát ra (tờ)")
        by_unit = {row[0]: row[column] for row in rows[1:]}
        assert by_unit == {"731": 1_550, "741": 4_000, None: 5_550}

    def test_text_that_looks_like_a_formula_is_written_as_text(self, as_coordinator, district):
        district.name = '=HYPERLINK("http://example.com","x")'
        district.designation = ""
        district.save()
        response = as_coordinator.get(reverse("campaigns_report_csv"), {"year": 2024})
        lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert ["731", '\'=HYPERLINK("http://example.com","x")'] in [line[:2] for line in lines]
        response = as_coordinator.get(reverse("campaigns_report_xlsx"), {"year": 2024})
        sheet = load_workbook(io.BytesIO(response.content)).active
        cell = next(row[1] for row in sheet.iter_rows() if row[0].value == "731")
        assert cell.data_type == "s"
        assert cell.value == '=HYPERLINK("http://example.com","x")'


@pytest.mark.django_db
@pytest.mark.usefixtures("records")
class TestBadChoices:
    @pytest.mark.parametrize(
        "params, field",
        [
            ({"year": "hai nghìn"}, "year"),
            ({"year": "99999"}, "year"),
            ({"period_kind": "quarter", "year": 2024}, "quarter"),
            ({"period_kind": "quarter", "year": 2024, "quarter": 7}, "quarter"),
            ({"period_kind": "month", "month": "13"}, "month"),
            ({"period_kind": "range", "date_from": "2024-05-01"}, "date_to"),
            (
                {"period_kind": "range", "date_from": "2024-05-01", "date_to": "2024-04-01"},
                "date_to",
            ),
            (
                {"period_kind": "range", "date_from": "2010-01-01", "date_to": "2024-04-01"},
                "date_to",
            ),
            (
                {"period_kind": "range", "date_from": "1990-01-01", "date_to": "1990-04-01"},
                "date_from",
            ),
            (
                {"period_kind": "range", "date_from": "9999-01-01", "date_to": "9999-12-31"},
                "date_from",
            ),
            (
                {"period_kind": "range", "date_from": "30/02/2024", "date_to": "2024-04-01"},
                "date_from",
            ),
            ({"period_kind": "campaign", "campaign": "999999"}, "campaign"),
            ({"period_kind": "campaign"}, "campaign"),
            ({"period_kind": "week"}, "period_kind"),
            ({"indicator": "<script>"}, "indicator"),
        ],
    )
    def test_get_a_clear_error_on_every_url(self, as_coordinator, params, field):
        screen = as_coordinator.get(reverse("campaigns_report"), params)
        assert screen.status_code == 400
        assert screen.context["form"].errors[field]
        assert "table" not in screen.context
        assert 'class="error-message"' in screen.content.decode()
        for name in ("campaigns_report_csv", "campaigns_report_xlsx"):
            download = as_coordinator.get(reverse(name), params)
            assert download.status_code == 400
            assert download.content.decode().startswith(f"{field}:")


@pytest.mark.django_db
@pytest.mark.usefixtures("records")
class TestWhoGetsTheReport:
    @pytest.mark.parametrize("name", REPORT_URLS)
    @pytest.mark.parametrize("who", ["district_staff", "editor", "moderator"])
    def test_others_are_refused_by_every_url(self, client, request, name, who):
        client.force_login(request.getfixturevalue(who))
        for params in ({}, {"year": 2024}, {"period_kind": "range", "date_from": "2024-01-01"}):
            response = client.get(reverse(name), params)
            assert response.status_code == 302
            assert response.url == reverse("wagtailadmin_home")
            assert b"5550" not in response.content and b"5.550" not in response.content

    @pytest.mark.parametrize("name", REPORT_URLS)
    def test_visitors_are_sent_to_sign_in(self, client, name):
        response = client.get(reverse(name), {"year": 2024})
        assert response.status_code == 302
        assert response.url.startswith(reverse("wagtailadmin_login"))

    def test_the_menu_offers_the_report_to_coordinators_only(
        self, client, coordinator, district_staff
    ):
        url = reverse("campaigns_report")
        client.force_login(coordinator)
        assert url in client.get(reverse("wagtailadmin_home")).content.decode()
        client.force_login(district_staff)
        assert url not in client.get(reverse("wagtailadmin_home")).content.decode()
