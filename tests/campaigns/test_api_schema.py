"""The API answers as its OpenAPI schema says, whatever it is sent.

Schemathesis reads the schema the API serves (/api/v1/schema/) through the WSGI application and
sends each operation requests built from it, valid and invalid, anonymously and with the token
of district staff and of a coordinator. Every answer must be no server error, a status the
schema lists for that operation, of the documented content type, with the documented headers,
and shaped as documented; a refused request changes no record and no month. Run it alone with `.venv/bin/pytest tests/campaigns/test_api_schema.py`.
"""

import datetime

import hypothesis
import pytest
import schemathesis
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.validation import validate_schema
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from accounts import api_tokens
from accounts.roles import Role
from campaigns.models import ActivityRecord
from campaigns.offline.models import IdempotencyKey
from campaigns.periods.models import ReportingPeriod
from tests.factories import (
    ActivityRecordFactory,
    AdministrativeUnitFactory,
    BroadcastsIndicatorFactory,
    CampaignFactory,
    CampaignTargetFactory,
    IndicatorFactory,
    SessionsIndicatorFactory,
    approve_months,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
CALLERS = ["anonymous", "district staff", "coordinator"]
JULY = datetime.date(2024, 7, 1)


@pytest.fixture
def world(province, district, other_district):
    """A little of everything the API shows: a commune, an ended unit, the three kinds of
    indicator, a campaign with targets, records with and without a second measure, an approved
    and a submitted month."""
    commune = AdministrativeUnitFactory(code="26041", name="Thanh Bình", level=3, parent=district)
    AdministrativeUnitFactory(
        code="26099", level=3, parent=district, valid_to=datetime.date(2025, 6, 30)
    )
    leaflets = IndicatorFactory(code="leaflets")
    sessions, broadcasts = SessionsIndicatorFactory(), BroadcastsIndicatorFactory()
    campaign = CampaignFactory(units=[province])
    CampaignTargetFactory(campaign=campaign, indicator=leaflets)
    ActivityRecordFactory(unit=district, indicator=leaflets, date=JULY, campaign=campaign)
    ActivityRecordFactory(unit=commune, indicator=sessions, date=JULY, attendees=40)
    ActivityRecordFactory(unit=other_district, indicator=broadcasts, date=JULY, minutes=15)
    approve_months(district, JULY)
    ReportingPeriod.objects.create(
        unit=other_district,
        month=datetime.date(2024, 8, 1),
        status=ReportingPeriod.Status.SUBMITTED,
    )


@pytest.fixture(params=CALLERS)
def caller(request, world, make_staff, district):
    """The headers each request carries: none, or a token of that account."""
    if request.param == "anonymous":
        return {}
    user = make_staff(Role.LOCAL, [district]) if request.param == "district staff" else None
    user = user or make_staff(Role.COORDINATOR)
    return {"Authorization": f"Token {api_tokens.issue(user).key}"}


@pytest.fixture
def no_rate_limit(settings):
    """Hundreds of requests from one address: the rate limit (429, documented) would stop the
    fuzzing after the first 120."""
    prefixes, methods, _limit, seconds = settings.RATE_LIMITS["api"]
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": (prefixes, methods, 10**6, seconds)}


@pytest.fixture
def connection_kept_open():
    """Django closes the database connection after each request, and the test's data lives in
    its transaction: keep it open, as Django's own test client does."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


# Loaded once, when the tests are collected; each operation is then a test of its own.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


@pytest.mark.usefixtures("no_rate_limit", "connection_kept_open")
@schema.parametrize()
@hypothesis.settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)
def test_every_operation_answers_as_documented(case, caller):
    # Each request comes first: the fuzzer reuses its few Idempotency-Keys, and after one
    # success every other body would only meet the 409 (test_idempotency.py covers it).
    IdempotencyKey.objects.all().delete()
    before = stored()
    response = case.call_and_validate(headers=caller, checks=CHECKS)
    if response.status_code >= 400:
        assert stored() == before, "a refused request changed the records or the months"


def stored():
    return (
        list(ActivityRecord.objects.order_by("pk").values_list()),
        list(ReportingPeriod.objects.order_by("pk").values_list()),
    )


@pytest.mark.django_db
class TestSchema:
    def test_is_valid_openapi_3(self, client):
        response = client.get("/api/v1/schema/")
        assert response.status_code == 200
        validate_schema(response.json())

    def test_is_generated_without_a_warning(self, client):
        GENERATOR_STATS.reset()
        assert client.get("/api/v1/schema/").status_code == 200
        assert not GENERATOR_STATS, "drf-spectacular could not describe a view or field"

    def test_describes_only_the_api_with_its_errors(self, client):
        document = client.get("/api/v1/schema/").json()
        assert document["openapi"].startswith("3.")
        assert all(path.startswith("/api/v1/") for path in document["paths"])
        records = document["paths"]["/api/v1/records/"]
        assert set(records["post"]["responses"]) >= {
            "201",
            "400",
            "401",
            "403",
            "409",
            "429",
            "503",
        }
        assert set(document["paths"]["/api/v1/records/{id}/"]["get"]["responses"]) >= {"404"}
        header = next(p for p in records["post"]["parameters"] if p["in"] == "header")
        assert header["name"] == "Idempotency-Key"
        assert "tokenAuth" in document["components"]["securitySchemes"]

    def test_every_operation_is_described(self, client):
        paths = client.get("/api/v1/schema/").json()["paths"]
        assert all(op.get("description") for ops in paths.values() for op in ops.values())

    @pytest.mark.parametrize("path", ["/api/v1/records/0.5/", "/api/v1/no-such-thing/"])
    def test_any_other_address_is_a_json_404_in_vietnamese(self, client, path):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json() == {"detail": "Không tìm thấy."}

    def test_is_in_the_callers_language(self, client):
        vi = client.get("/api/v1/schema/").json()["info"]["title"]
        en = client.get("/api/v1/schema/", HTTP_ACCEPT_LANGUAGE="en").json()["info"]["title"]
        assert (vi, en) == (
            "Số liệu tuyên truyền phòng, chống mua bán người",
            "Anti-trafficking campaign data",
        )
