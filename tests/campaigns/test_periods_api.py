"""The API follows the monthly locking and audit rules; periods are listed and reviewed by role."""

import datetime

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from campaigns.audit.models import ReportingLogEntry
from campaigns.models import ActivityRecord
from campaigns.periods.models import ReportingPeriod
from campaigns.reporting.review import act
from tests.factories import ActivityRecordFactory, IndicatorFactory

JULY = datetime.date(2024, 7, 1)


@pytest.fixture
def leaflets(db):
    return IndicatorFactory(code="leaflets")


@pytest.fixture
def own_record(district, leaflets):
    return ActivityRecordFactory(unit=district, indicator=leaflets, quantity=120)


def client_for(user):
    api = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT_LANGUAGE="en")
    return api


@pytest.fixture
def as_district(district_staff):
    return client_for(district_staff)


@pytest.fixture
def as_coordinator(coordinator):
    return client_for(coordinator)


@pytest.fixture
def approved_july(district, district_staff, coordinator, own_record):
    act(district_staff, district, JULY, "submit")
    return act(coordinator, district, JULY, "approve")


@pytest.mark.django_db
class TestRecordsFollowTheLock:
    def test_create_in_an_approved_month_is_400_with_the_reason(self, as_district, approved_july):
        response = as_district.post(
            "/api/v1/records/",
            {"unit": "731", "date": "2024-07-15", "indicator": "leaflets", "quantity": 5},
            format="json",
        )
        assert response.status_code == 400
        assert "approved" in response.json()["date"][0]
        assert "coordinator can reopen" in response.json()["date"][0]
        assert ActivityRecord.objects.count() == 1

    def test_update_is_400_and_delete_is_403(self, as_district, approved_july, own_record):
        url = f"/api/v1/records/{own_record.pk}/"
        response = as_district.patch(url, {"quantity": 7}, format="json")
        assert response.status_code == 400
        assert "approved" in response.json()["date"][0]
        response = as_district.delete(url)
        assert response.status_code == 403
        assert "approved" in response.json()["detail"]
        own_record.refresh_from_db()
        assert own_record.quantity == 120

    def test_writes_are_logged_under_the_caller(self, as_district, district_staff, leaflets):
        response = as_district.post(
            "/api/v1/records/",
            {"unit": "731", "date": "2024-07-15", "indicator": "leaflets", "quantity": 5},
            format="json",
        )
        pk = response.json()["id"]
        as_district.patch(f"/api/v1/records/{pk}/", {"quantity": 8}, format="json")
        as_district.delete(f"/api/v1/records/{pk}/")
        entries = ReportingLogEntry.objects.filter(object_id=str(pk)).order_by("id")
        assert [(e.action, e.user) for e in entries] == [
            ("campaigns.record.create", district_staff),
            ("campaigns.record.edit", district_staff),
            ("campaigns.record.delete", district_staff),
        ]
        assert entries[1].data["before"]["quantity"] == 5
        assert entries[1].data["after"]["quantity"] == 8


@pytest.mark.django_db
class TestPeriodsApi:
    def test_lists_each_month_of_the_year(self, as_district, approved_july):
        response = as_district.get("/api/v1/periods/", {"unit": "731", "year": 2024})
        assert response.status_code == 200
        months = response.json()["results"]
        assert [m["month"] for m in months][:2] == ["2024-01", "2024-02"]
        assert len(months) == 12
        assert months[6]["status"] == "approved"
        assert months[6]["decided_by"] == "test-coordinator"
        assert months[5]["status"] == "open"
        assert months[5]["actions"] == ["submit"]

    def test_another_units_periods_are_404(self, as_district, other_district):
        response = as_district.get("/api/v1/periods/", {"unit": "741", "year": 2024})
        assert response.status_code == 404

    def test_bad_query_is_400(self, as_district, district):
        response = as_district.get("/api/v1/periods/", {"unit": "nope", "year": "x"})
        assert response.status_code == 400
        assert set(response.json()) == {"unit", "year"}

    def test_needs_authentication(self, district):
        response = APIClient().get("/api/v1/periods/", {"unit": "731", "year": 2024})
        assert response.status_code in (401, 403)

    def test_the_full_cycle(self, as_district, as_coordinator, district, own_record):
        base = "/api/v1/periods/731/2024-07/"
        assert as_district.post(base + "submit").json()["status"] == "submitted"
        response = as_coordinator.post(base + "return", {"comment": "Thiếu địa điểm"})
        assert (response.json()["status"], response.json()["comment"]) == (
            "returned",
            "Thiếu địa điểm",
        )
        as_district.post(base + "submit")
        assert as_coordinator.post(base + "approve").json()["status"] == "approved"
        response = as_coordinator.post(base + "reopen", {"comment": "Sửa số liệu"})
        assert response.json()["status"] == "reopened"
        actions = list(
            ReportingLogEntry.objects.filter(unit=district, month=JULY)
            .filter(action__startswith="campaigns.period.")
            .order_by("id")
            .values_list("action", flat=True)
        )
        assert actions == [
            "campaigns.period.submit",
            "campaigns.period.return",
            "campaigns.period.submit",
            "campaigns.period.approve",
            "campaigns.period.reopen",
        ]

    @pytest.mark.parametrize("action", ["approve", "return", "reopen"])
    def test_district_staff_cannot_decide(self, as_district, district, action):
        as_district.post("/api/v1/periods/731/2024-07/submit")
        response = as_district.post(f"/api/v1/periods/731/2024-07/{action}", {"comment": "x"})
        assert response.status_code == 403
        assert ReportingPeriod.objects.get(unit=district).status == "submitted"

    def test_district_staff_cannot_submit_another_unit(self, as_district, other_district):
        response = as_district.post("/api/v1/periods/741/2024-07/submit")
        assert response.status_code == 404
        assert not ReportingPeriod.objects.filter(unit=other_district).exists()

    def test_an_action_the_status_does_not_allow_is_400(self, as_coordinator, district):
        response = as_coordinator.post("/api/v1/periods/731/2024-07/approve")
        assert response.status_code == 400
        assert "open" in response.json()["detail"][0]

    def test_a_return_without_comment_is_400(self, as_district, as_coordinator, district):
        as_district.post("/api/v1/periods/731/2024-07/submit")
        response = as_coordinator.post("/api/v1/periods/731/2024-07/return")
        assert response.status_code == 400

    @pytest.mark.parametrize("month", ["2024-7", "24-07", "2024-13", "julio"])
    def test_a_malformed_month_is_400_or_404(self, as_coordinator, district, month):
        response = as_coordinator.post(f"/api/v1/periods/731/{month}/submit")
        assert response.status_code in (400, 404)
        assert not ReportingPeriod.objects.exists()

    def test_unknown_action_is_404(self, as_coordinator, district):
        assert as_coordinator.post("/api/v1/periods/731/2024-07/delete").status_code == 404
