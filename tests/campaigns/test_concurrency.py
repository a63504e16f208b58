"""Real threads on PostgreSQL: twenty districts recording at once, and an approval racing an edit.

SQLite locks the whole database and does not lock rows, so these run on PostgreSQL only
(CI runs the suite on both).
"""

import contextlib
import datetime
import threading

import pytest

from django.core import mail
from django.db import connection, connections

from accounts.roles import Role
from accounts.staff import save_staff_account
from campaigns import backup
from campaigns.importing.batches import upload, write_all
from campaigns.importing.models import ImportedRow
from campaigns.models import ActivityRecord
from campaigns.periods.locks import PeriodLocked
from campaigns.periods.models import ReportingPeriod
from campaigns.reminders.channels import EmailChannel
from campaigns.reminders.models import ReminderSent
from campaigns.reminders.sending import send
from campaigns.reporting.review import act
from tests.campaigns.spreadsheets import row, xlsx_bytes
from tests.factories import AdministrativeUnitFactory, DistrictFactory, IndicatorFactory

pytestmark = [
    # serialized_rollback: each test starts with what the migrations made (groups, permissions).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"
    ),
]

JULY = datetime.date(2024, 7, 1)


@pytest.fixture(scope="module", autouse=True)
def restore_the_migrations_data(django_db_setup, django_db_blocker):
    """Django empties the database after a transactional test. Put back what the migrations made
    (groups, permissions, the root page) once this module is done, so that a later run with
    --reuse-db still finds it."""
    yield
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        with django_db_blocker.unblock():
            connection.creation.deserialize_db_from_string(contents)


def run_together(jobs):
    """Start every job at the same moment in its own thread (own connection); return errors."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_twenty_users_recording_at_once_lose_nothing():
    province = AdministrativeUnitFactory(code="75")
    leaflets = IndicatorFactory(code="leaflets")
    districts = [DistrictFactory(code=str(731 + i), parent=province) for i in range(10)]

    def record(unit, quantity):
        def job():
            for day in (1, 2, 3):
                ActivityRecord(
                    unit=unit, indicator=leaflets, date=JULY.replace(day=day), quantity=quantity
                ).save()

        return job

    # Two users per district, twenty in all, three records each.
    jobs = [record(unit, 10 + i) for i, unit in enumerate(districts * 2)]
    assert run_together(jobs) == []
    assert ActivityRecord.objects.count() == 60
    assert sum(ActivityRecord.objects.values_list("quantity", flat=True)) == 3 * sum(
        10 + i for i in range(20)
    )
    assert ReportingPeriod.objects.filter(month=JULY).count() == 11  # ten districts + province


@pytest.mark.parametrize("attempt", range(5))
def test_approving_while_a_district_edits_never_leaves_a_record_in_a_locked_month(attempt):
    province = AdministrativeUnitFactory(code="75")
    district = DistrictFactory(code="731", parent=province)
    leaflets = IndicatorFactory(code="leaflets")
    staff, _ = save_staff_account("canbo", Role.LOCAL, [district])
    coordinator, _ = save_staff_account("dieuphoi", Role.COORDINATOR)
    existing = ActivityRecord(unit=district, indicator=leaflets, date=JULY, quantity=5)
    existing.save()
    act(staff, district, JULY, "submit")
    approved_at = {}

    def approve():
        period = act(coordinator, district, JULY, "approve")
        approved_at["time"] = period.decided_at

    def edit(quantity):
        def job():
            with contextlib.suppress(PeriodLocked):
                ActivityRecord(
                    unit=district, indicator=leaflets, date=JULY, quantity=quantity
                ).save()

        return job

    def change_existing():
        try:
            record = ActivityRecord.objects.get(pk=existing.pk)
            record.quantity = 50
            record.save()
        except PeriodLocked:
            pass

    errors = run_together([approve, change_existing, *(edit(q) for q in range(1, 9))])
    assert errors == []
    period = ReportingPeriod.objects.get(unit=district, month=JULY)
    assert period.status == ReportingPeriod.Status.APPROVED
    # Every record in the approved month was written before the approval committed.
    for record in ActivityRecord.objects.filter(unit=district):
        assert record.updated_at <= approved_at["time"], record


@pytest.mark.parametrize("attempt", range(3))
def test_reminder_runs_at_once_send_each_reminder_once(attempt, settings):
    """Four copies of `send_reminders` started together on July's deadline: each of the ten
    districts' staff gets one message, whichever copy claimed it."""
    settings.REPORTING_DEADLINE_DAY, settings.REMINDER_DAYS = 5, [0]
    province = AdministrativeUnitFactory(code="75")
    addresses = []
    for i in range(10):
        district = DistrictFactory(code=str(731 + i), parent=province)
        addresses.append(f"canbo{i}@example.vn")
        save_staff_account(f"canbo{i}", Role.LOCAL, [district], email=addresses[-1])
    deadline = datetime.date(2024, 8, 5)

    def run():
        send(deadline, [EmailChannel()])

    assert run_together([run] * 4) == []
    assert sorted(address for message in mail.outbox for address in message.to) == addresses
    assert ReminderSent.objects.filter(day=deadline).count() == 10


def test_an_export_while_staff_import_is_of_one_moment(tmp_path, monkeypatch):
    """A spreadsheet imported while the backup is written, between its records and its imports:
    without one snapshot the file would hold the import's rows but not the records they name, and
    its import would refuse it."""
    province = AdministrativeUnitFactory(code="75")
    district = DistrictFactory(code="731", parent=province)
    leaflets = IndicatorFactory(code="leaflets")
    staff, _ = save_staff_account("canbo", Role.LOCAL, [district])
    ActivityRecord(unit=district, indicator=leaflets, date=JULY, quantity=5).save()
    rows = backup._Names.rows

    def meanwhile(names, model):
        found = rows(names, model)
        if model is ActivityRecord:
            content = xlsx_bytes([row(date="02/07/2024", quantity=9)])
            errors = run_together(
                [lambda: write_all(upload(staff, district, JULY, "t7.xlsx", content), staff)]
            )
            assert not errors
        return found

    monkeypatch.setattr(backup._Names, "rows", meanwhile)
    backup.write(tmp_path / "campaigns.json")
    assert ActivityRecord.objects.count() == 2 and ImportedRow.objects.count() == 1
    envelope = backup.read(tmp_path / "campaigns.json")
    assert [r["quantity"] for r in envelope["data"]["records"]] == [5]
    assert envelope["data"]["imported_rows"] == envelope["data"]["imports"] == []
