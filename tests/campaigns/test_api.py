"""The JSON API: public lists and totals, records limited to the caller's units, clear 400s."""

import datetime
import io

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from django.core.management import call_command

from campaigns.models import ActivityRecord
from tests.factories import (
    ActivityRecordFactory,
    AdministrativeUnitFactory,
    BroadcastsIndicatorFactory,
    CampaignFactory,
    IndicatorFactory,
    SessionsIndicatorFactory,
    approve_months,
    approve_recorded_months,
)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def leaflets(db):
    return IndicatorFactory(code="leaflets")


@pytest.fixture
def sessions(db):
    return SessionsIndicatorFactory()


@pytest.fixture
def own_record(district, leaflets):
    return ActivityRecordFactory(unit=district, indicator=leaflets, quantity=120)


@pytest.fixture
def other_record(other_district, leaflets):
    return ActivityRecordFactory(unit=other_district, indicator=leaflets, quantity=340)


@pytest.fixture
def as_district(api, district_staff):
    token, _ = Token.objects.get_or_create(user=district_staff)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api


def record(**overrides):
    return {
        "unit": "731",
        "date": "2024-07-30",
        "indicator": "leaflets",
        "quantity": 300,
        **overrides,
    }


@pytest.mark.django_db
class TestPublicLists:
    def test_units_indicators_and_campaigns_by_code(self, api, district, leaflets):
        CampaignFactory(name="Tháng hành động 2024", units=[district.parent])
        units = api.get("/api/v1/units/").json()["results"]
        assert {"code": "731", "parent": "75"}.items() <= next(
            u for u in units if u["code"] == "731"
        ).items()
        assert api.get("/api/v1/indicators/").json()["results"][0]["code"] == "leaflets"
        campaign = api.get("/api/v1/campaigns/").json()["results"][0]
        assert (campaign["name"], campaign["units"]) == ("Tháng hành động 2024", ["75"])

    def test_records_need_authentication(self, api, own_record):
        assert api.get("/api/v1/records/").status_code in (401, 403)

    def test_openapi_schema(self, api):
        response = api.get("/api/v1/schema/")
        assert response.status_code == 200
        assert "/api/v1/records/" in response.json()["paths"]


@pytest.mark.django_db
class TestRecordIsolation:
    def test_lists_only_the_callers_units(self, as_district, own_record, other_record):
        ids = [r["id"] for r in as_district.get("/api/v1/records/").json()["results"]]
        assert ids == [own_record.pk]

    def test_filter_by_another_unit_reveals_nothing(self, as_district, other_record):
        assert as_district.get("/api/v1/records/", {"unit": "741"}).json()["results"] == []

    @pytest.mark.parametrize("method", ["get", "patch", "delete"])
    def test_another_units_record_is_404(self, as_district, other_record, method):
        response = getattr(as_district, method)(
            f"/api/v1/records/{other_record.pk}/", {"quantity": 1}, format="json"
        )
        assert response.status_code == 404
        other_record.refresh_from_db()
        assert other_record.quantity == 340

    def test_writing_to_another_unit_is_403_and_writes_nothing(
        self, as_district, other_district, leaflets
    ):
        response = as_district.post("/api/v1/records/", record(unit="741"), format="json")
        assert response.status_code == 403
        assert not ActivityRecord.objects.exists()

    def test_moving_a_record_to_another_unit_is_403(self, as_district, own_record, other_district):
        response = as_district.patch(
            f"/api/v1/records/{own_record.pk}/", {"unit": "741"}, format="json"
        )
        assert response.status_code == 403
        own_record.refresh_from_db()
        assert own_record.unit.code == "731"

    def test_creates_reads_updates_and_deletes_its_own(
        self, as_district, district, leaflets, district_staff
    ):
        created = as_district.post("/api/v1/records/", record(place="Ấp 3"), format="json")
        assert created.status_code == 201, created.json()
        url = f"/api/v1/records/{created.json()['id']}/"
        assert as_district.get(url).json()["recorded_by"] == district_staff.username
        assert as_district.patch(url, {"quantity": 301}, format="json").json()["quantity"] == 301
        assert as_district.delete(url).status_code == 204
        assert not ActivityRecord.objects.exists()

    def test_list_query_count_is_constant(
        self, as_district, district, leaflets, django_assert_max_num_queries
    ):
        ActivityRecordFactory.create_batch(2, unit=district, indicator=leaflets)
        with django_assert_max_num_queries(20) as few:
            as_district.get("/api/v1/records/")
        ActivityRecordFactory.create_batch(30, unit=district, indicator=leaflets)
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert len(as_district.get("/api/v1/records/").json()["results"]) == 32


@pytest.mark.django_db
class TestRecordValidation:
    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"quantity": 0}, "quantity"),
            ({"quantity": -5}, "quantity"),
            ({"quantity": 2.5}, "quantity"),
            ({"quantity": 10_000_000}, "quantity"),
            ({"date": "2999-01-01"}, "date"),
            ({"date": "1990-01-01"}, "date"),
            ({"indicator": "no-such"}, "indicator"),
            ({"unit": "99999"}, "unit"),
            ({"attendees": 40}, "attendees"),
        ],
    )
    def test_bad_input_is_400_with_an_error_per_field(
        self, as_district, district, leaflets, overrides, field
    ):
        district.valid_from = datetime.date(2004, 1, 1)
        district.save()
        response = as_district.post("/api/v1/records/", record(**overrides), format="json")
        assert response.status_code == 400
        assert field in response.json()
        assert not ActivityRecord.objects.exists()

    def test_second_measure_is_required_where_the_indicator_has_one(
        self, as_district, district, sessions
    ):
        response = as_district.post("/api/v1/records/", record(indicator="sessions"), format="json")
        assert "attendees" in response.json()
        BroadcastsIndicatorFactory()
        ok = as_district.post(
            "/api/v1/records/", record(indicator="broadcasts", minutes=15), format="json"
        )
        assert ok.status_code == 201

    def test_campaign_must_cover_the_date(self, as_district, district):
        IndicatorFactory(code="leaflets")
        july = CampaignFactory(
            units=[district.parent],
            start_date=datetime.date(2024, 7, 1),
            end_date=datetime.date(2024, 7, 31),
        )
        response = as_district.post(
            "/api/v1/records/", record(campaign=july.pk, date="2024-08-02"), format="json"
        )
        assert response.status_code == 400
        assert "campaign" in response.json()

    def test_errors_are_vietnamese_by_default_and_english_on_request(
        self, as_district, district, leaflets
    ):
        vi = as_district.post("/api/v1/records/", record(date="2999-01-01"), format="json")
        en = as_district.post(
            "/api/v1/records/", record(date="2999-01-01"), format="json", HTTP_ACCEPT_LANGUAGE="en"
        )
        assert en.json()["date"] == ["The date cannot be in the future."]
        assert vi.headers["Content-Language"] == "vi"


@pytest.mark.django_db
class TestTotalsApi:
    def test_groups_by_unit_indicator_and_month(
        self, api, district, other_district, leaflets, sessions
    ):
        commune = AdministrativeUnitFactory(level=3, parent=district)
        ActivityRecordFactory(
            unit=commune, indicator=leaflets, quantity=5, date=datetime.date(2024, 7, 2)
        )
        ActivityRecordFactory(
            unit=district, indicator=leaflets, quantity=7, date=datetime.date(2024, 7, 9)
        )
        ActivityRecordFactory(unit=other_district, indicator=sessions, quantity=2, attendees=80)
        approve_recorded_months()
        response = api.get(
            "/api/v1/totals/", {"group_by": "unit,indicator,month", "level": 2, "year": 2024}
        )
        rows = response.json()["results"]
        assert {
            "unit": "731",
            "indicator": "leaflets",
            "month": "2024-07",
            "quantity": 12,
        }.items() <= rows[0].items()
        assert {"unit": "741", "indicator": "sessions", "attendees": 80}.items() <= rows[1].items()
        only_731 = api.get("/api/v1/totals/", {"unit": "731"}).json()["results"]
        assert only_731 == [
            {"quantity": 12, "attendees": None, "minutes": None, "provisional": False}
        ]

    def test_the_public_gets_approved_months_only(
        self, api, province, district, other_district, leaflets
    ):
        ActivityRecordFactory(unit=district, indicator=leaflets, quantity=7)
        ActivityRecordFactory(unit=other_district, indicator=leaflets, quantity=50_000)
        approve_months(district, datetime.date(2024, 7, 1))
        body = api.get("/api/v1/totals/", {"group_by": "unit"}).json()
        assert body["status"] == "approved"
        assert [(row["unit"], row["quantity"]) for row in body["results"]] == [("731", 7)]
        approve_months(province, datetime.date(2024, 7, 1))  # the province's July: every unit's
        rows = api.get("/api/v1/totals/", {"group_by": "unit"}).json()["results"]
        assert [(row["unit"], row["quantity"]) for row in rows] == [("731", 7), ("741", 50_000)]

    def test_only_staff_may_ask_for_every_record(self, api, own_record):
        response = api.get("/api/v1/totals/", {"status": "all"})
        assert response.status_code == 403
        assert "chưa được duyệt" in response.json()["detail"]

    def test_staff_see_every_record_with_the_provisional_rows_marked(
        self, as_district, district, other_district, leaflets
    ):
        ActivityRecordFactory(unit=district, indicator=leaflets, quantity=7)
        ActivityRecordFactory(unit=other_district, indicator=leaflets, quantity=50_000)
        approve_months(district, datetime.date(2024, 7, 1))
        body = as_district.get("/api/v1/totals/", {"group_by": "unit", "status": "all"}).json()
        assert body["status"] == "all"
        assert [(r["unit"], r["quantity"], r["provisional"]) for r in body["results"]] == [
            ("731", 7, False),
            ("741", 50_000, True),
        ]
        (total,) = as_district.get("/api/v1/totals/", {"status": "all"}).json()["results"]
        assert (total["quantity"], total["provisional"]) == (50_007, True)

    def test_public_totals_never_show_who_recorded(self, api, own_record):
        assert (
            "recorded_by" not in api.get("/api/v1/totals/", {"group_by": "unit"}).content.decode()
        )

    def test_bad_parameters_are_400(self, api, db):
        response = api.get(
            "/api/v1/totals/", {"group_by": "unit,recorded_by", "unit": "nope", "from": "x"}
        )
        assert response.status_code == 400
        assert {"group_by", "unit", "from"} <= set(response.json())


@pytest.mark.django_db
def test_staff_account_prints_the_api_token_last(district, api):
    out = io.StringIO()
    call_command("staff_account", "canbo.api", "--role", "district", "--unit", "731", stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/records/").status_code == 200
