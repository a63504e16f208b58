"""The public Results page: province totals per year and per campaign, aggregates only."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.test.utils import WagtailPageTestCase

from campaigns.models import ActivityRecord, ResultsPage
from home.models import HomePage
from taxonomy.models import AdministrativeUnit
from tests.factories import (
    ActivityRecordFactory,
    CampaignFactory,
    CampaignTargetFactory,
    IndicatorFactory,
    ResultsPageFactory,
    SessionsIndicatorFactory,
    UserFactory,
    approve_months,
    approve_recorded_months,
)


@pytest.fixture
def leaflets(db):
    return IndicatorFactory(code="leaflets", name="Tờ rơi phát ra", unit_label="tờ", sort_order=1)


@pytest.fixture
def sessions(db):
    return SessionsIndicatorFactory(sort_order=0)


@pytest.fixture
def results_page(home_page, site_settings):
    return ResultsPageFactory(parent=home_page)


@pytest.fixture
def records(district, other_district, leaflets, sessions):
    recorder = UserFactory(username="can-bo-bi-mat")
    rows = [
        (district, leaflets, datetime.date(2024, 3, 1), 61_000, None),
        (district, leaflets, datetime.date(2024, 7, 30), 7_777, None),
        (other_district, sessions, datetime.date(2024, 7, 15), 12, 480),
        (other_district, leaflets, datetime.date(2023, 5, 5), 900, None),
    ]
    made = [
        ActivityRecordFactory(
            unit=unit,
            indicator=indicator,
            date=day,
            quantity=quantity,
            attendees=attendees,
            place="Ấp Bí Mật",
            note="Ghi chú nội bộ",
            recorded_by=recorder,
        )
        for unit, indicator, day, quantity, attendees in rows
    ]
    approve_recorded_months()
    return made


def table_values(response):
    table = response.context["table"]
    found = {}
    for row in [*table.rows, table.total]:
        for column, value in zip(table.columns, row.values, strict=True):
            unit = row.unit.code if row.unit else "total"
            found[unit, column.indicator.code, column.measure] = value
    return found


def expected(indicator, year, unit=None, measure="quantity"):
    """Straight from the records, without the totals service."""
    records = ActivityRecord.objects.filter(indicator=indicator, date__year=year)
    if unit is not None:
        records = records.filter(unit=unit)
    return sum(getattr(r, measure) or 0 for r in records)


class TestResultsPageType(WagtailPageTestCase):
    def test_lives_once_under_the_home_page(self):
        self.assertAllowedParentPageTypes(ResultsPage, {HomePage})
        self.assertAllowedSubpageTypes(ResultsPage, {})
        home = HomePage.objects.get()
        self.assertCanCreateAt(HomePage, ResultsPage)
        ResultsPageFactory(parent=home)
        self.assertFalse(ResultsPage.can_create_at(home))


@pytest.mark.django_db
@pytest.mark.usefixtures("records")
class TestResultsPage:
    def test_shows_the_latest_years_totals_by_district_and_indicator(
        self, client, results_page, district, other_district, leaflets, sessions
    ):
        response = client.get(results_page.url)
        assert response.status_code == 200
        assert response.context["period"].label == "2024"
        values = table_values(response)
        assert values["731", "leaflets", "quantity"] == expected(leaflets, 2024, district)
        assert values["741", "sessions", "attendees"] == expected(
            sessions, 2024, other_district, "attendees"
        )
        assert values["total", "leaflets", "quantity"] == expected(leaflets, 2024) == 68_777
        html = response.content.decode()
        assert "68.777" in html  # Vietnamese grouping
        assert "<caption" in html and 'scope="row"' in html

    def test_english_edition_formats_numbers_for_english_readers(self, client, results_page):
        # The request switches this thread to English; switch back so later page URLs are Vietnamese.
        with translation.override("vi"):
            response = client.get(f"/en{results_page.url}")
        assert "68,777" in response.content.decode()

    def test_another_year_can_be_chosen(self, client, results_page, leaflets):
        response = client.get(results_page.url, {"year": 2023})
        assert table_values(response)["total", "leaflets", "quantity"] == 900
        assert '<option value="2023" selected>' in response.content.decode()

    def test_a_campaign_shows_its_totals_and_target_progress(
        self, client, results_page, district, leaflets
    ):
        campaign = CampaignFactory(
            name="Tháng hành động 2024",
            start_date=datetime.date(2024, 7, 1),
            end_date=datetime.date(2024, 7, 31),
            units=[district.parent],
        )
        CampaignTargetFactory(campaign=campaign, indicator=leaflets, quantity=10_000)
        CampaignTargetFactory(campaign=campaign, indicator=leaflets, unit=district, quantity=5)
        response = client.get(results_page.url, {"campaign": campaign.pk})
        values = table_values(response)
        assert values["total", "leaflets", "quantity"] == 7_777
        assert values["total", "sessions", "quantity"] == 12
        [target] = response.context["targets"]  # the province-wide one only
        assert (target.actual, target.target) == (7_777, 10_000)
        html = response.content.decode()
        assert "<h2" in html and "Tháng hành động 2024" in html
        assert "78%" in html

    def test_ranks_the_units_of_the_chosen_indicator_beside_a_map(
        self, client, results_page, leaflets
    ):
        AdministrativeUnit.objects.filter(code="731").update(latitude=10.95, longitude=106.82)
        AdministrativeUnit.objects.filter(code="741").update(latitude=10.93, longitude=107.24)
        response = client.get(results_page.url, {"indicator": "leaflets"})
        ranking = response.context["display"].ranking
        assert [(r.rank, r.unit.full_name, r.value) for r in ranking.rows] == [
            (1, "Huyện Biên Hòa", 68_777),
            (2, "Huyện Xuân Lộc", 0),
        ]
        html = response.content.decode()
        assert html.count('<svg class="chart dot-map" role="img"') == 1
        assert '<desc id="unit-map-desc">' in html
        assert "Huyện Biên Hòa, 68.777" in html
        assert html.count("<circle") == 2 and "<title>Huyện Xuân Lộc: 0</title>" in html
        # Every indicator stays readable in the full table.
        assert 'id="results-table"' in html

    def test_shows_aggregates_only(self, client, results_page):
        html = client.get(results_page.url).content.decode()
        for private in ("Ấp Bí Mật", "Ghi chú nội bộ", "can-bo-bi-mat"):
            assert private not in html

    @pytest.mark.parametrize(
        "params",
        [
            {"year": "abc"},
            {"year": "1066"},
            {"campaign": "999999"},
            {"campaign": "x'--"},
            {"year": "2024", "campaign": "1"},
        ],
    )
    def test_a_bad_choice_explains_and_shows_the_latest_year(
        self, client, results_page, params, leaflets
    ):
        response = client.get(results_page.url, params)
        assert response.status_code == 400
        assert 'class="form-error" role="alert"' in response.content.decode()
        assert response.context["period"].label == "2024"
        assert table_values(response)["total", "leaflets", "quantity"] == 68_777

    def test_query_count_is_small_and_stays_the_same_as_records_grow(
        self, client, results_page, district, leaflets, django_assert_num_queries
    ):
        client.get(results_page.url)  # warm the site root cache, as a running server would be
        with CaptureQueriesContext(connection) as few:
            client.get(results_page.url)
        assert len(few) <= 15
        ActivityRecordFactory.create_batch(
            40, unit=district, indicator=leaflets, date=datetime.date(2024, 9, 9)
        )
        with django_assert_num_queries(len(few)):
            client.get(results_page.url)


@pytest.mark.django_db
def test_without_records_the_page_says_so(client, home_page, site_settings):
    page = ResultsPageFactory(parent=home_page)
    response = client.get(page.url)
    assert response.status_code == 200
    assert response.context["table"].rows == ()
    assert '<svg class="chart"' not in response.content.decode()


@pytest.mark.django_db
class TestApprovedFiguresOnly:
    """The public sees what coordinators approved, and is told up to when."""

    def test_a_record_shows_once_its_month_is_approved(
        self, client, results_page, province, district, leaflets
    ):
        approved = ActivityRecordFactory(unit=district, indicator=leaflets, quantity=300)
        approve_months(district, approved.date.replace(day=1))
        ActivityRecordFactory(
            unit=district, indicator=leaflets, quantity=50_000, date=datetime.date(2024, 8, 2)
        )
        response = client.get(results_page.url, {"year": 2024})
        assert table_values(response)["total", "leaflets", "quantity"] == 300
        assert "50.300" not in response.content.decode()
        approve_months(province, datetime.date(2024, 8, 1))  # the province's month covers all
        response = client.get(results_page.url, {"year": 2024})
        assert table_values(response)["total", "leaflets", "quantity"] == 50_300

    def test_says_up_to_which_month_the_figures_are_approved(
        self, client, results_page, province, district, leaflets
    ):
        ActivityRecordFactory(unit=district, indicator=leaflets, date=datetime.date(2024, 2, 3))
        approve_months(province, *(datetime.date(2024, month, 1) for month in range(1, 11)))
        html = client.get(results_page.url, {"year": 2024}).content.decode()
        assert "Số liệu đã duyệt đến hết tháng 10/2024." in html
        approve_months(province, datetime.date(2024, 12, 1))  # November is still missing
        html = client.get(results_page.url, {"year": 2024}).content.decode()
        assert "Số liệu đã duyệt đến hết tháng 10/2024." in html

    def test_a_unit_not_yet_approved_holds_the_month_back(
        self, client, results_page, district, other_district, leaflets
    ):
        ActivityRecordFactory(unit=district, indicator=leaflets, date=datetime.date(2024, 1, 3))
        approve_months(district, datetime.date(2024, 1, 1))  # Xuân Lộc's January is not
        html = client.get(results_page.url, {"year": 2024}).content.decode()
        assert "chưa có tháng nào trong kỳ này được duyệt cho mọi đơn vị" in html
        approve_months(other_district, datetime.date(2024, 1, 1))
        html = client.get(results_page.url, {"year": 2024}).content.decode()
        assert "Số liệu đã duyệt đến hết tháng 01/2024." in html

    def test_the_year_list_has_only_years_with_approved_figures(
        self, client, results_page, district, leaflets
    ):
        ActivityRecordFactory(unit=district, indicator=leaflets, date=datetime.date(2024, 5, 5))
        approve_months(district, datetime.date(2024, 5, 1))
        ActivityRecordFactory(unit=district, indicator=leaflets, date=datetime.date(2020, 5, 5))
        response = client.get(results_page.url)
        assert response.context["years"] == [2024]
        assert response.context["period"].label == "2024"
