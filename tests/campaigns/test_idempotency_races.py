"""Retries arriving at the same moment on PostgreSQL: one record per key, every answer the same.

SQLite serialises writes on its own; the unique constraint is what holds on PostgreSQL.
"""

import threading

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from django.db import connection, connections

from accounts.roles import Role
from accounts.staff import save_staff_account
from campaigns.models import ActivityRecord
from campaigns.offline.models import IdempotencyKey
from tests.factories import AdministrativeUnitFactory, DistrictFactory, IndicatorFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"
    ),
]


@pytest.fixture(scope="module", autouse=True)
def restore_the_migrations_data(django_db_setup, django_db_blocker):
    yield
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        with django_db_blocker.unblock():
            connection.creation.deserialize_db_from_string(contents)


def test_twenty_simultaneous_retries_of_one_key_write_one_record():
    province = AdministrativeUnitFactory(code="75", name="Đồng Nai")
    district = DistrictFactory(code="731", name="Biên Hòa", parent=province)
    IndicatorFactory(code="leaflets")
    user, _ = save_staff_account("race", Role.LOCAL, [district], password="x-correct-horse")
    token = Token.objects.create(user=user)
    body = {"unit": "731", "date": "2024-07-30", "indicator": "leaflets", "quantity": 7}
    barrier = threading.Barrier(20)
    answers, errors = [], []

    def retry():
        try:
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
            barrier.wait()
            response = client.post(
                "/api/v1/records/", body, format="json", HTTP_IDEMPOTENCY_KEY="same-key"
            )
            answers.append((response.status_code, response.json()))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=retry) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert ActivityRecord.objects.count() == 1
    assert IdempotencyKey.objects.count() == 1
    assert {status for status, _ in answers} == {201}
    assert len({data["id"] for _, data in answers}) == 1
