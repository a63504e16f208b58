"""The portable backup: all campaign data out to one file and back into an empty database, with
the same totals and the same audit trail, all or nothing (on SQLite and on PostgreSQL)."""

import datetime
import gzip
import io
import json

import pytest

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from wagtail.log_actions import LogContext

from accounts.models import UnitAssignment
from campaigns import backup
from campaigns.audit.models import ReportingLogEntry
from campaigns.importing import batches
from campaigns.importing.models import ImportBatch, ImportedRow
from campaigns.models import ActivityRecord, Campaign, CampaignTarget, Indicator
from campaigns.periods.locks import PeriodLocked
from campaigns.periods.models import ReportingPeriod
from campaigns.reporting.review import act
from campaigns.totals import totals
from taxonomy.models import AdministrativeUnit
from tests.factories import (
    ActivityRecordFactory,
    AdministrativeUnitFactory,
    BroadcastsIndicatorFactory,
    CampaignFactory,
    CampaignTargetFactory,
    DistrictFactory,
    IndicatorFactory,
    LeafletPageFactory,
    SessionsIndicatorFactory,
)

from .spreadsheets import row, xlsx_bytes

JULY, AUGUST, SEPTEMBER = (datetime.date(2024, m, 1) for m in (7, 8, 9))


@pytest.fixture
def campaign_data(province, district, other_district, district_staff, coordinator, materials_index):
    """A bit of everything: a commune and a merged district, three indicators, a campaign with a
    province-wide and a unit target, records made, edited and deleted through `save()` (so the
    audit log has them), one with a material, an approved month and a reopened one, a spreadsheet
    imported and another only previewed."""
    commune = AdministrativeUnitFactory(
        code="25993", name="Tân Hạnh", designation="xã", level=3, parent=district
    )
    merged = DistrictFactory(
        code="730", name="Cũ", parent=province, valid_to=datetime.date(2023, 12, 31)
    )
    merged.replaced_by = district
    merged.save()
    leaflets = IndicatorFactory(code="leaflets", name="Tờ rơi", sort_order=1)
    sessions = SessionsIndicatorFactory(sort_order=0)
    broadcasts = BroadcastsIndicatorFactory(sort_order=2)
    plan = CampaignFactory(name="Kế hoạch năm 2024", units=[province])
    CampaignTargetFactory(campaign=plan, indicator=leaflets, quantity=5_000)
    CampaignTargetFactory(campaign=plan, indicator=sessions, unit=district, quantity=12)
    leaflet = LeafletPageFactory(parent=materials_index, title="Tờ rơi cảnh giác")
    with LogContext(user=district_staff):
        for day, unit in ((JULY, district), (JULY, commune), (AUGUST, district)):
            ActivityRecordFactory(
                unit=unit,
                indicator=sessions,
                date=day,
                quantity=2,
                attendees=85,
                campaign=plan,
                note="Tuyên truyền ở Biên Hòa",
                recorded_by=district_staff,
            )
            ActivityRecordFactory(
                unit=unit, indicator=leaflets, date=day, quantity=300, material=leaflet
            )
        edited = ActivityRecordFactory(unit=district, indicator=broadcasts, minutes=30, date=JULY)
        edited.quantity, edited.place = 4, "Ấp Một"
        edited.save()
        ActivityRecordFactory(unit=district, indicator=leaflets, date=JULY).delete()
    with LogContext(user=coordinator):
        ActivityRecordFactory(unit=other_district, indicator=leaflets, quantity=4_000, date=JULY)
    act(district_staff, district, JULY, "submit")
    act(coordinator, district, JULY, "approve")
    act(coordinator, district, JULY, "reopen", "Sửa số người dự")
    act(district_staff, district, AUGUST, "submit")
    act(coordinator, district, AUGUST, "approve")
    imported = batches.upload(district_staff, district, SEPTEMBER, "thang-9.xlsx", SEPTEMBER_FILE)
    batches.write_all(imported, district_staff)
    batches.upload(
        district_staff, district, SEPTEMBER, "nhap.xlsx", xlsx_bytes([row(date="2/9/2024")])
    )
    return plan


# Two identical rows stay two rows (each keyed by how many came before it in the file).
SEPTEMBER_FILE = xlsx_bytes(
    [
        row(date="15/09/2024", quantity=40),
        row(date="15/09/2024", quantity=40),
        row(date="16/09/2024"),
    ]
)


def snapshot():
    """Everything the backup must carry, by natural keys (ids where the file keeps them)."""
    return {
        "totals": sorted(
            (row["unit"].code, row["indicator"].code, row["month"], *_measures(row))
            for row in totals(("unit", "indicator", "month"), roll_up=True)
        ),
        "units": sorted(
            AdministrativeUnit.objects.values_list(
                "code",
                "name",
                "designation",
                "level",
                "parent__code",
                "valid_to",
                "replaced_by__code",
            )
        ),
        "indicators": sorted(
            Indicator.objects.values_list("code", "name", "second_measure", "sort_order")
        ),
        "campaigns": sorted(Campaign.objects.values_list("pk", "name", "units__code")),
        "targets": sorted(
            CampaignTarget.objects.values_list(
                "campaign_id", "indicator__code", "unit__code", "quantity"
            ),
            key=str,
        ),
        "records": list(
            ActivityRecord.objects.order_by("pk").values_list(
                "pk",
                "unit__code",
                "date",
                "indicator__code",
                "quantity",
                "attendees",
                "minutes",
                "campaign_id",
                "material__url_path",
                "place",
                "note",
                "recorded_by__username",
                "created_at",
                "updated_at",
            )
        ),
        "periods": list(
            ReportingPeriod.objects.order_by("pk").values_list(
                "pk",
                "unit__code",
                "month",
                "status",
                "submitted_by__username",
                "submitted_at",
                "decided_by__username",
                "decided_at",
                "reopened_by__username",
                "reopened_at",
                "comment",
                "reopen_reason",
            )
        ),
        "audit_log": [
            (
                e.pk,
                e.content_type.model,
                e.object_id,
                e.label,
                e.action,
                e.data,
                e.timestamp,
                e.uuid,
                e.user.username if e.user else None,
                e.unit.code if e.unit else None,
                e.month,
                e.content_changed,
                e.deleted,
            )
            for e in ReportingLogEntry.objects.select_related("user", "unit").order_by("pk")
        ],
        "assignments": sorted(UnitAssignment.objects.values_list("user__username", "unit__code")),
        "imports": list(
            ImportBatch.objects.filter(status=ImportBatch.Status.IMPORTED)
            .order_by("pk")
            .values_list(
                "pk",
                "user__username",
                "unit__code",
                "month",
                "file_name",
                "sha256",
                "summary",
                "created_at",
                "imported_at",
                "written",
                "skipped",
            )
        ),
        "imported_rows": sorted(
            ImportedRow.objects.values_list("batch_id", "key", "row", "record_id")
        ),
    }


def _measures(row):
    return row["quantity"], row["attendees"], row["minutes"]


def flush():
    """Empty every table the backup holds, as a new database has them."""
    for model in (
        ImportedRow,
        ImportBatch,
        ReportingLogEntry,
        UnitAssignment,
        ActivityRecord,
        ReportingPeriod,
        CampaignTarget,
        Campaign,
        Indicator,
    ):
        model.objects.all().delete()
    for level in (4, 3, 2, 1):
        AdministrativeUnit.objects.filter(level=level).delete()
    assert not any(model.objects.exists() for model in backup.MODELS)


def export(tmp_path, name="campaigns.json"):
    path = tmp_path / name
    out = io.StringIO()
    call_command("export_campaign_data", str(path), stdout=out)
    return path, out.getvalue()


def run_import(path, *args):
    out = io.StringIO()
    call_command("import_campaign_data", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.usefixtures("campaign_data")
class TestRoundTrip:
    @pytest.mark.parametrize("name", ["campaigns.json", "campaigns.json.gz"])
    def test_everything_comes_back_the_same(self, tmp_path, name):
        before = snapshot()
        assert before["audit_log"] and before["periods"] and before["totals"]
        path, said = export(tmp_path, name)
        assert f"{ActivityRecord.objects.count()} bản ghi hoạt động" in said
        flush()
        said = run_import(path)
        assert said.startswith("Đã nhập")
        assert snapshot() == before

    def test_a_file_imported_before_the_backup_is_not_counted_again(self, tmp_path, district_staff):
        before = snapshot()
        assert len(before["imported_rows"]) == 3 and len(before["imports"]) == 1
        path, _said = export(tmp_path)
        flush()
        run_import(path)
        district = AdministrativeUnit.objects.get(code="731")
        again = batches.upload(district_staff, district, SEPTEMBER, "lai.xlsx", SEPTEMBER_FILE)
        assert batches.earlier_import(again).file_name == "thang-9.xlsx"
        batches.write_all(again, district_staff)
        assert (again.written, again.skipped) == (0, 3)
        assert snapshot()["totals"] == before["totals"]

    def test_the_file_is_versioned_json_by_natural_keys(self, tmp_path):
        path, _said = export(tmp_path, "campaigns.json.gz")
        data = json.loads(gzip.decompress(path.read_bytes()))
        assert (data["format"], data["version"]) == (backup.FORMAT, backup.VERSION)
        record = next(r for r in data["records"] if r["material"])
        assert record["unit"] in {"731", "25993"} and record["indicator"] == "leaflets"
        assert record["material"].endswith("/")
        assert {"user": "test-district", "unit": "731"} in data["unit_assignments"]
        assert "password" not in json.dumps(data["users"])
        assert any(r["note"] == "Tuyên truyền ở Biên Hòa" for r in data["records"])

    def test_new_rows_after_an_import_get_new_ids(self, tmp_path, coordinator):
        """On PostgreSQL the id sequences must be moved past the imported ids."""
        path, _said = export(tmp_path)
        flush()
        run_import(path)
        highest = {
            model: model.objects.order_by("-pk").first().pk
            for model in (ActivityRecord, ReportingLogEntry, Campaign)
        }
        unit = AdministrativeUnit.objects.get(code="731")
        record = ActivityRecordFactory(
            unit=unit, indicator=Indicator.objects.get(code="leaflets"), date=SEPTEMBER
        )
        act(coordinator, unit, SEPTEMBER, "submit")
        campaign = CampaignFactory(units=[unit])
        entry = ReportingLogEntry.objects.order_by("-pk").first()
        assert record.pk > highest[ActivityRecord]
        assert entry.action == "campaigns.period.submit" and entry.pk > highest[ReportingLogEntry]
        assert campaign.pk > highest[Campaign]

    def test_an_approved_month_keeps_its_records_and_stays_locked(self, tmp_path):
        path, _said = export(tmp_path)
        flush()
        run_import(path)
        record = ActivityRecord.objects.filter(unit__code="731", date=AUGUST).first()
        record.quantity += 1
        with pytest.raises(PeriodLocked):
            record.save()


@pytest.mark.django_db
@pytest.mark.usefixtures("campaign_data")
class TestRefusals:
    def test_a_database_with_campaign_data_is_refused(self, tmp_path):
        path, _said = export(tmp_path)
        before = snapshot()
        with pytest.raises(CommandError, match="đã có dữ liệu chiến dịch"):
            run_import(path)
        assert snapshot() == before

    def test_missing_users_are_named_and_nothing_is_written(self, tmp_path, district_staff):
        path, _said = export(tmp_path)
        flush()
        district_staff.delete()
        with pytest.raises(CommandError, match="test-district") as refused:
            run_import(path)
        assert "--create-missing-users" in str(refused.value)
        assert not any(model.objects.exists() for model in backup.MODELS)

    def test_missing_users_can_be_created_inactive(self, tmp_path, district_staff):
        before = snapshot()
        path, _said = export(tmp_path)
        flush()
        district_staff.delete()
        run_import(path, "--create-missing-users")
        made = get_user_model().objects.get(username="test-district")
        assert not made.is_active and not made.has_usable_password()
        assert not made.groups.exists()
        assert snapshot() == before

    def test_missing_materials_are_named_or_unlinked(self, tmp_path):
        path, _said = export(tmp_path)
        flush()
        data = json.loads(path.read_text())
        for record in data["records"]:
            if record["material"]:
                record["material"] = "/khong-co/"
        path.write_text(json.dumps(data))
        with pytest.raises(CommandError, match="/khong-co/"):
            run_import(path)
        assert not ActivityRecord.objects.exists()
        run_import(path, "--unlink-missing-materials")
        assert ActivityRecord.objects.exists()
        assert not ActivityRecord.objects.filter(material__isnull=False).exists()

    def test_a_damaged_file_writes_nothing(self, tmp_path, district_staff):
        path, _said = export(tmp_path)
        flush()
        district_staff.delete()
        data = json.loads(path.read_text())
        data["audit_log"][-1]["unit"] = "99999"  # the very last row fails
        path.write_text(json.dumps(data))
        with pytest.raises(CommandError, match="không có gì được nhập"):
            run_import(path, "--create-missing-users")
        assert not any(model.objects.exists() for model in backup.MODELS)
        assert not get_user_model().objects.filter(username="test-district").exists()

    @pytest.mark.parametrize(
        "content",
        [b"not json", b"\x1f\x8b broken gzip", b"[]", b'{"format": "other"}', b"\xff\xfe"],
    )
    def test_a_file_that_is_not_a_backup_is_refused(self, tmp_path, content):
        path = tmp_path / "x.json"
        path.write_bytes(content)
        with pytest.raises(CommandError, match="không phải tệp dữ liệu chiến dịch"):
            run_import(path)

    def test_another_format_version_is_refused(self, tmp_path):
        path, _said = export(tmp_path)
        data = json.loads(path.read_text())
        data["version"] = 99
        path.write_text(json.dumps(data))
        with pytest.raises(CommandError, match="phiên bản 99"):
            run_import(path)

    def test_a_missing_file_is_refused(self, tmp_path):
        with pytest.raises(CommandError, match="không phải tệp dữ liệu chiến dịch"):
            run_import(tmp_path / "none.json")
