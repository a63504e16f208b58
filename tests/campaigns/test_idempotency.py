"""Idempotency-Key on POST /api/v1/records/: a retried write is counted once (issue 15)."""

import datetime
import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from accounts.roles import Role
from campaigns.models import ActivityRecord
from campaigns.offline.idempotency import body_hash, delete_expired
from campaigns.offline.models import IdempotencyKey
from tests.factories import IndicatorFactory, approve_months

URL = "/api/v1/records/"


@pytest.fixture
def leaflets(db):
    return IndicatorFactory(code="leaflets")


def client_for(user):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api(district_staff):
    return client_for(district_staff)


def record(**overrides):
    return {
        "unit": "731",
        "date": "2024-07-30",
        "indicator": "leaflets",
        "quantity": 300,
        **overrides,
    }


def post(api, body, key):
    return api.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY=key)


@pytest.mark.django_db
class TestApiKey:
    def test_the_same_key_and_body_answers_the_first_response_and_writes_nothing(
        self, api, district, leaflets
    ):
        first = post(api, record(), "k-1")
        assert first.status_code == 201
        for _ in range(30):  # the stall measured before: 30 retries, all saved
            again = post(api, record(), "k-1")
            assert again.status_code == 201
            assert again.json() == first.json()
            assert again["Idempotent-Replayed"] == "true"
        assert ActivityRecord.objects.count() == 1
        kept = IdempotencyKey.objects.get()
        assert kept.record_id == first.json()["id"]

    def test_the_same_key_with_another_body_is_a_conflict(self, api, district, leaflets):
        assert post(api, record(), "k-2").status_code == 201
        conflict = post(api, record(quantity=301), "k-2")
        assert conflict.status_code == 409
        assert "Idempotency-Key" in conflict.json()["detail"]
        assert ActivityRecord.objects.count() == 1

    def test_another_key_is_another_record(self, api, district, leaflets):
        assert post(api, record(), "k-a").status_code == 201
        assert post(api, record(), "k-b").status_code == 201
        assert ActivityRecord.objects.count() == 2

    def test_without_a_key_nothing_changes(self, api, district, leaflets):
        assert api.post(URL, record(), format="json").status_code == 201
        assert api.post(URL, record(), format="json").status_code == 201
        assert ActivityRecord.objects.count() == 2
        assert not IdempotencyKey.objects.exists()

    def test_keys_belong_to_an_account(self, api, make_staff, district, leaflets):
        colleague = client_for(make_staff(Role.LOCAL, [district], username="colleague"))
        assert post(api, record(), "shared").status_code == 201
        assert post(colleague, record(quantity=5), "shared").status_code == 201
        assert ActivityRecord.objects.count() == 2

    def test_a_refused_write_is_not_kept_so_the_key_works_after_the_fix(
        self, api, district, leaflets
    ):
        approve_months(district, datetime.date(2024, 7, 1))
        refused = post(api, record(), "k-3")
        assert refused.status_code == 400
        assert "date" in refused.json()
        assert not IdempotencyKey.objects.exists()
        assert post(api, record(date="2024-08-02"), "k-3").status_code == 201

    def test_another_units_record_is_forbidden_and_not_kept(self, api, other_district, leaflets):
        assert post(api, record(unit="741"), "k-4").status_code == 403
        assert not IdempotencyKey.objects.exists()
        assert not ActivityRecord.objects.exists()

    @pytest.mark.parametrize("key", ["", "x" * 256, "khoá có dấu", "two words"])
    def test_a_malformed_key_is_a_400(self, api, district, leaflets, key):
        answer = post(api, record(), key)
        assert answer.status_code == 400
        assert "Idempotency-Key" in answer.json()
        assert not ActivityRecord.objects.exists()

    def test_after_24_hours_the_key_is_forgotten(self, api, district, leaflets):
        assert post(api, record(), "k-5").status_code == 201
        IdempotencyKey.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
        again = post(api, record(), "k-5")
        assert again.status_code == 201
        assert "Idempotent-Replayed" not in again
        assert ActivityRecord.objects.count() == 2
        assert IdempotencyKey.objects.count() == 1

    def test_cleanup_deletes_only_expired_keys(self, api, district, leaflets, capsys):
        for key in ("old", "new"):
            post(api, record(), key)
        IdempotencyKey.objects.filter(key="old").update(
            created_at=timezone.now() - datetime.timedelta(hours=24, seconds=1)
        )
        call_command("clear_idempotency_keys")
        assert "1 idempotency keys" in capsys.readouterr().out
        assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]
        assert delete_expired() == 0
        assert ActivityRecord.objects.count() == 2  # records stay


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=6), json_values, max_size=5))
def test_the_body_hash_ignores_key_order_and_whitespace(body):
    reordered = dict(reversed(list(body.items())))
    spaced = json.loads(json.dumps(body, indent=2))
    assert body_hash(body) == body_hash(reordered) == body_hash(spaced)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.text(max_size=6), st.integers(), min_size=1, max_size=5), st.integers())
def test_a_changed_value_changes_the_hash(body, change):
    key = next(iter(body))
    changed = {**body, key: body[key] + (change or 1)}
    assert body_hash(body) != body_hash(changed)


@pytest.mark.django_db
# Each example uses its own indicator and keys, so sharing the account between them is intended.
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    retries=st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=12),
    quantities=st.lists(st.integers(1, 3), min_size=12, max_size=12),
)
def test_any_sequence_of_retries_writes_one_record_per_key_and_body(
    district_staff, district, retries, quantities
):
    """Whatever order keys are retried in, with whichever bodies: one record per key, and a
    different body for a used key is always a 409."""
    cache.clear()  # the API's rate limit counts every example's requests otherwise
    indicator = IndicatorFactory(code=f"leaflets-{uuid.uuid4().hex[:6]}")
    api = client_for(district_staff)
    first_body = {}
    before = ActivityRecord.objects.count()
    for key, quantity in zip(retries, quantities, strict=False):
        body = record(indicator=indicator.code, quantity=quantity)
        key = f"{indicator.code}-{key}"
        answer = post(api, body, key)
        if key not in first_body:
            first_body[key] = quantity
            assert answer.status_code == 201
        elif first_body[key] == quantity:
            assert answer.status_code == 201
        else:
            assert answer.status_code == 409
    assert ActivityRecord.objects.count() - before == len(first_body)
