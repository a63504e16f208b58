"""The portable backup: all campaign data out to one file and back into an empty database, with
the same totals and the same audit trail, all or nothing (on SQLite and on PostgreSQL)."""

import datetime
import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.utils import timezone

from wagtail.log_actions import LogContext
from wagtail.models import Page

from accounts.models import UnitAssignment
from accounts.roles import Role
from campaigns import backup
from campaigns.audit.models import ReportingLogEntry
from campaigns.importing import batches
from campaigns.importing.models import ImportBatch, ImportedRow
from campaigns.models import ActivityRecord, Campaign, CampaignTarget, Indicator
from campaigns.periods.locks import PeriodLocked
from campaigns.periods.models import ReportingPeriod
from campaigns.reporting.review import act
from campaigns.totals import totals
from taxonomy.models import AdministrativeUnit, UnitSuccession
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
# Written by format version 1 (the code before version 2, commit b5eeaab) from `campaign_data`
# below, with the material left out of its records (the page's address changes from run to run).
VERSION_1_FILE = Path(__file__).parent / "data" / "campaigns-v1.json"


@pytest.fixture
def district_staff(make_staff, district):
    """Local staff under the name the archived version 1 file holds."""
    return make_staff(Role.LOCAL, [district], username="test-district")


@pytest.fixture
def campaign_data(province, district, other_district, district_staff, coordinator, materials_index):
    """A bit of everything: a commune and a merged district, three indicators, a campaign with a
    province-wide and a unit target, records made, edited and deleted through `save()` (so the
    audit log has them), one with a material, an approved month and a reopened one, a spreadsheet
    imported and another only previewed."""
    commune = AdministrativeUnitFactory(
        code="25993",
        name="Tân Hạnh",
        name_en="Tan Hanh",
        designation="xã",
        level=3,
        parent=district,
        valid_from=datetime.date(2008, 8, 1),
        latitude=10.98,
        longitude=106.87,
        area_km2=12.5,
    )
    merged = DistrictFactory(
        code="730", name="Cũ", parent=province, valid_to=datetime.date(2023, 12, 31)
    )
    # The staff's assignment has dates, as one given in a reorganisation does.
    district_staff.unit_assignments.update(
        valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2099, 12, 31)
    )
    # Divided between the two districts, as a few communes were in 2025.
    UnitSuccession.objects.create(
        predecessor=merged, successor=district, share="0.75", sort_order=0
    )
    UnitSuccession.objects.create(
        predecessor=merged, successor=other_district, share="0.25", sort_order=1
    )
    leaflets = IndicatorFactory(code="leaflets", name="Tờ rơi", sort_order=1, ceiling=20_000)
    sessions = SessionsIndicatorFactory(sort_order=0)
    broadcasts = BroadcastsIndicatorFactory(sort_order=2, second_measure_required=False)
    plan = CampaignFactory(
        name="Kế hoạch năm 2024",
        name_en="The 2024 plan",
        description="Tuyên truyền cả năm ở mọi huyện.",
        description_en="A year of awareness work in every district.",
        units=[province, district],
    )
    CampaignTargetFactory(campaign=plan, indicator=leaflets, quantity=5_000, sort_order=1)
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
        ActivityRecordFactory(
            unit=other_district, indicator=leaflets, quantity=4_000, date=JULY,
            unusual=True, unusual_note="Ngày hội việc làm",
        )  # fmt: skip
    act(district_staff, district, JULY, "submit")
    act(coordinator, district, JULY, "approve")
    act(coordinator, district, JULY, "reopen", "Sửa số người dự")
    act(district_staff, district, AUGUST, "submit")
    act(coordinator, district, AUGUST, "approve", "Số liệu khớp với biên bản họp.")
    imported = batches.upload(district_staff, district, SEPTEMBER, "thang-9.xlsx", SEPTEMBER_FILE)
    batches.write_all(imported, district_staff)
    # Its rows again with one more: three skipped as already imported, one written.
    again = xlsx_bytes([*SEPTEMBER_ROWS, row(date="20/09/2024", quantity=7)])
    batches.write_all(
        batches.upload(district_staff, district, SEPTEMBER, "thang-9-bo-sung.xlsx", again),
        district_staff,
    )
    batches.upload(
        district_staff, district, SEPTEMBER, "nhap.xlsx", xlsx_bytes([row(date="2/9/2024")])
    )
    return plan


# Two identical rows stay two rows (each keyed by how many came before it in the file).
SEPTEMBER_ROWS = [
    row(date="15/09/2024", quantity=40),
    row(date="15/09/2024", quantity=40),
    row(date="16/09/2024"),
]
SEPTEMBER_FILE = xlsx_bytes(SEPTEMBER_ROWS)


# Not in the file, each for a reason backup.NOT_CARRIED gives; units and indicators are named by
# their code there, so their ids are new after a restore.
LEFT_OUT = {(ReportingLogEntry, "revision")}
NAMED_BY_CODE = {Indicator}
# What a restore must bring back of a reference: what names it in another database.
SURVIVING_NAME = {
    AdministrativeUnit: "code",
    Indicator: "code",
    get_user_model(): "username",
    Page: "url_path",
    ContentType: "model",
}
# Only finished imports travel.
TRAVELLING = {
    ImportBatch: {"status": ImportBatch.Status.IMPORTED},
    ImportedRow: {"batch__status": ImportBatch.Status.IMPORTED},
}


def stored_fields(model):
    """Every field `model` stores (columns and many-to-many links), read from Django's own
    description of the model: a field added to it is here without a change to this test."""
    return [
        field
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False)
        and (model, field.name) not in LEFT_OUT
        and not (field.primary_key and model in NAMED_BY_CODE)
    ]


def lookup(field):
    name = SURVIVING_NAME.get(field.related_model) if field.is_relation else None
    return f"{field.name}__{name}" if name else field.name


def rows(model):
    found = model._base_manager.filter(**TRAVELLING.get(model, {}))
    return sorted(found.values_list(*map(lookup, stored_fields(model))), key=repr)


def snapshot():
    """Every value of every field of every model the backup carries, references by the names that
    survive a restore; and the totals by unit, indicator and month."""
    return {
        "totals": sorted(
            (row["unit"].code, row["indicator"].code, row["month"], *_measures(row))
            for row in totals(("unit", "indicator", "month"), roll_up=True)
        ),
        **{model._meta.label: rows(model) for model in backup.MODELS},
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
        UnitSuccession,
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


def opened(path):
    content = path.read_bytes()
    return json.loads(gzip.decompress(content) if path.suffix == ".gz" else content)


def sealed(envelope):
    """The envelope with the checksum of what it now holds, as if written so."""
    checksum = hashlib.sha256(backup.canonical(envelope)).hexdigest()
    return json.dumps({**envelope, "sha256": checksum}, ensure_ascii=False).encode()


def rewrite(path, change):
    """Change the file's data as someone editing it by hand would, checksum included."""
    envelope = opened(path)
    change(envelope["data"])
    path.write_bytes(sealed(envelope))


def nothing_written():
    return not any(model._base_manager.exists() for model in backup.MODELS)


@pytest.mark.django_db
@pytest.mark.usefixtures("campaign_data")
class TestRoundTrip:
    @pytest.mark.parametrize("name", ["campaigns.json", "campaigns.json.gz"])
    def test_everything_comes_back_the_same(self, tmp_path, name):
        before = snapshot()
        assert before["campaigns.ReportingLogEntry"] and before["totals"]
        path, said = export(tmp_path, name)
        assert f"{ActivityRecord.objects.count()} bản ghi hoạt động" in said
        flush()
        said = run_import(path)
        assert said.startswith("Đã nhập")
        assert snapshot() == before

    def test_english_campaign_names_come_back(self, tmp_path):
        path, _said = export(tmp_path)
        flush()
        run_import(path)
        campaign = Campaign.objects.get()
        assert (campaign.name_en, campaign.description_en) == (
            "The 2024 plan",
            "A year of awareness work in every district.",
        )

    def test_every_field_of_every_model_travels(self, tmp_path):
        """A field added to one of these models and not written to the file fails here."""
        data = opened(export(tmp_path)[0])["data"]
        for section, model in backup.SECTIONS.items():
            assert data[section], section
            expected = {field.name for field in stored_fields(model)}
            for written in data[section]:
                assert set(written) == expected, section
        assert backup.NOT_CARRIED == LEFT_OUT

    def test_the_data_here_fills_every_field(self):
        """So that the round trip above would notice any field coming back empty. A field added
        to a model fails here until this file's data sets it."""
        always_empty = {(ImportBatch, "content")}  # a finished import has forgotten its file
        for model in backup.MODELS:
            for field in stored_fields(model):
                if (model, field.name) in always_empty:
                    continue
                found = model._base_manager.filter(**TRAVELLING.get(model, {}))
                values = found.values_list(field.name, flat=True)
                default = field.get_default()
                assert any(v not in (None, "", {}, []) and v != default for v in values), (
                    f"{model._meta.label}.{field.name}"
                )

    def test_a_file_imported_before_the_backup_is_not_counted_again(self, tmp_path, district_staff):
        before = snapshot()
        assert len(before["campaigns.ImportedRow"]) == 4
        assert len(before["campaigns.ImportBatch"]) == 2
        path, _said = export(tmp_path)
        flush()
        run_import(path)
        district = AdministrativeUnit.objects.get(code="731")
        again = batches.upload(district_staff, district, SEPTEMBER, "lai.xlsx", SEPTEMBER_FILE)
        assert batches.earlier_import(again).file_name == "thang-9.xlsx"
        batches.write_all(again, district_staff)
        assert (again.written, again.skipped) == (0, 3)
        assert snapshot()["totals"] == before["totals"]

    def test_the_file_is_json_by_natural_keys_with_its_checksum(self, tmp_path):
        path, _said = export(tmp_path, "campaigns.json.gz")
        envelope = opened(path)
        assert (envelope["format"], envelope["version"]) == (backup.FORMAT, backup.VERSION)
        assert envelope["sha256"] == hashlib.sha256(backup.canonical(envelope)).hexdigest()
        data = envelope["data"]
        # Units by id: since the 2025 reform one code can name an old and a new commune.
        codes = {unit["id"]: unit["code"] for unit in data["units"]}
        record = next(r for r in data["records"] if r["material"])
        assert codes[record["unit"]] in {"731", "25993"} and record["indicator"] == "leaflets"
        assert record["material"].endswith("/")
        assert {"user", "unit"} <= set(data["unit_assignments"][0])
        assert ("test-district", "731") in {
            (a["user"], codes[a["unit"]]) for a in data["unit_assignments"]
        }
        assert {
            (codes[s["predecessor"]], codes[s["successor"]], s["share"])
            for s in data["unit_successions"]
        } == {("730", "731", "0.750000"), ("730", "741", "0.250000")}
        assert "password" not in json.dumps(data["users"])
        assert any(r["note"] == "Tuyên truyền ở Biên Hòa" for r in data["records"])
        assert all(batch["status"] == "imported" for batch in data["imports"])

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
        # The import wrote the file's times; a record saved afterwards gets its own again.
        assert record.created_at > timezone.now() - datetime.timedelta(minutes=5)
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
        assert nothing_written()

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

        def elsewhere(data):
            for record in data["records"]:
                if record["material"]:
                    record["material"] = "/khong-co/"

        rewrite(path, elsewhere)
        with pytest.raises(CommandError, match="/khong-co/"):
            run_import(path)
        assert nothing_written()
        run_import(path, "--unlink-missing-materials")
        assert ActivityRecord.objects.exists()
        assert not ActivityRecord.objects.filter(material__isnull=False).exists()

    def test_a_row_the_database_refuses_writes_nothing(self, tmp_path, district_staff):
        """Even the very last row, and even the accounts made for the file go."""
        path, _said = export(tmp_path)
        flush()
        district_staff.delete()

        def clash(data):
            data["unit_assignments"].append(dict(data["unit_assignments"][0]))

        rewrite(path, clash)
        with pytest.raises(CommandError, match="cơ sở dữ liệu đã từ chối"):
            run_import(path, "--create-missing-users")
        assert nothing_written()
        assert not get_user_model().objects.filter(username="test-district").exists()

    def test_the_import_command_fails_in_words_with_a_non_zero_exit(self, tmp_path):
        path = tmp_path / "campaigns.json.gz"
        path.write_bytes(gzip.compress(b'{"format": "campaign-data"}')[:20])
        ran = subprocess.run(
            [sys.executable, "manage.py", "import_campaign_data", str(path)],
            cwd=django_settings.BASE_DIR,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert ran.returncode == 1
        assert "Traceback" not in ran.stderr
        assert ran.stderr.strip() == (
            f"CommandError: {path} bị cắt cụt: tệp kết thúc trước khi phần nén gzip kết thúc. "
            "Hãy sao chép lại tệp từ nơi lưu bản sao lưu."
        )


def without(key):
    def change(data):
        del data[key]

    return change


def in_row(section, field, value):
    def change(data):
        data[section][0][field] = value

    return change


# How a file can be damaged, and what the import says: each kind one message, in Vietnamese.
DAMAGED_BYTES = {
    "truncated-gzip": (lambda good: gzip.compress(good)[:-30], "bị cắt cụt"),
    "corrupt-gzip": (
        lambda good: (lambda z: z[:40] + bytes(b ^ 0xFF for b in z[40:80]) + z[80:])(
            gzip.compress(good)
        ),
        "không giải nén gzip được",
    ),
    "not-gzip-not-text": (lambda good: b"\x00\xff" * 50, "không phải văn bản JSON"),
    "not-json": (lambda good: good[: len(good) // 2], "không phải văn bản JSON"),
    "empty": (lambda good: b"", "không phải văn bản JSON"),
    "json-list": (lambda good: b"[]", "không phải tệp dữ liệu chiến dịch."),
    "other-format": (
        lambda good: good.replace(b'"campaign-data"', b'"page-data"', 1),
        "không phải tệp dữ liệu chiến dịch.",
    ),
    "one-byte-changed": (
        lambda good: good.replace(
            b"Tuy\xc3\xaan truy\xe1\xbb\x81n", b"Tuy\xc3\xaan truy\xe1\xbb\x83n", 1
        ),
        "mã kiểm tra (checksum) không khớp",
    ),
    "not-a-number": (
        lambda good: good[:-1] + b',"extra":NaN}',
        "mã kiểm tra (checksum) không khớp",
    ),
    "lone-surrogate": (
        lambda good: good[:-1] + b',"extra":"\\ud800"}',
        "mã kiểm tra (checksum) không khớp",
    ),
    "no-checksum": (
        lambda good: good.replace(b'"sha256":', b'"sha-256":', 1),
        "mã kiểm tra (checksum) không khớp",
    ),
}
DAMAGED_DATA = {
    "no-section": (without("periods"), "không có phần “periods”"),
    "no-users": (without("users"), "không có phần “users”"),
    "section-not-a-list": (
        lambda data: data.update(records={}),
        "“records” không phải danh sách các dòng",
    ),
    "row-not-an-object": (
        lambda data: data["records"].insert(0, [1, 2]),
        "dòng 1 của “records” không phải một tập trường",
    ),
    "field-missing": (
        lambda data: data["records"][0].pop("quantity"),
        "dòng 1 của “records” thiếu trường “quantity”",
    ),
    "unknown-field": (
        in_row("campaigns", "colour", "đỏ"),
        "dòng 1 của “campaigns” có trường mà trang này không biết, “colour”",
    ),
    "text-for-a-number": (
        in_row("records", "quantity", "12"),
        'dòng 1 của “records” có giá trị mà trường “quantity” không thể chứa: "12"',
    ),
    "fraction": (in_row("records", "quantity", 1.5), "“quantity” không thể chứa: 1.5"),
    "negative": (in_row("records", "quantity", -3), "“quantity” không thể chứa: -3"),
    "true-for-a-number": (in_row("records", "attendees", True), "“attendees” không thể chứa"),
    "empty-where-required": (in_row("records", "date", None), "“date” không thể chứa: null"),
    "not-a-date": (in_row("records", "date", "hôm qua"), '“date” không thể chứa: "hôm qua"'),
    "impossible-date": (in_row("periods", "month", "2024-02-30"), "“month” không thể chứa"),
    "time-without-offset": (
        in_row("records", "created_at", "2024-07-01T08:00:00"),
        "“created_at” không thể chứa",
    ),
    "not-a-choice": (in_row("periods", "status", "pending"), "“status” không thể chứa"),
    "too-long": (in_row("units", "code", "7" * 500), "“code” không thể chứa"),
    "not-text": (in_row("records", "note", ["a"]), "“note” không thể chứa"),
    "not-true-or-false": (in_row("audit_log", "deleted", "no"), "“deleted” không thể chứa"),
    "not-a-uuid": (in_row("audit_log", "uuid", "abc"), "“uuid” không thể chứa"),
    "not-base64": (in_row("imports", "content", "***"), "“content” không thể chứa"),
    "id-not-a-number": (in_row("campaigns", "id", [1]), "“id” không thể chứa: [1]"),
    "code-not-text": (in_row("units", "code", {"75": 1}), "“code” không thể chứa"),
    "unknown-unit": (
        in_row("records", "unit", 99999),
        "dòng 1 của “records” ghi 99999 ở trường “unit”, nhưng tệp không có mục đó",
    ),
    "unknown-campaign": (in_row("records", "campaign", 4242), "ghi 4242 ở trường “campaign”"),
    "unknown-person": (in_row("records", "recorded_by", "ai-do"), "ở trường “recorded_by”"),
    "unit-list-of-codes": (in_row("campaigns", "units", ["75"]), "“units” không thể chứa"),
    "unknown-object-type": (
        in_row("audit_log", "content_type", "campaigns.nothing"),
        "loại đối tượng mà trang này không có, campaigns.nothing",
    ),
    "users-not-text": (in_row("users", "first_name", 7), "dòng 1 của “users”"),
}


@pytest.mark.django_db
@pytest.mark.usefixtures("campaign_data")
class TestDamagedFiles:
    """Every damaged file: one clear message, an error (non-zero exit from the command line), no
    traceback, and nothing written."""

    @pytest.fixture
    def good(self, tmp_path):
        path, _said = export(tmp_path, "good.json")
        flush()
        return path

    @pytest.mark.parametrize("damage", DAMAGED_BYTES.values(), ids=DAMAGED_BYTES.keys())
    def test_a_damaged_file_is_refused_in_words(self, good, tmp_path, damage):
        spoil, said = damage
        path = tmp_path / "damaged.json.gz"
        path.write_bytes(spoil(good.read_bytes()))
        with pytest.raises(CommandError) as refused:
            run_import(path)
        assert said in str(refused.value)
        assert nothing_written()

    @pytest.mark.parametrize("damage", DAMAGED_DATA.values(), ids=DAMAGED_DATA.keys())
    def test_damaged_data_with_a_matching_checksum_is_refused_in_words(self, good, damage):
        change, said = damage
        rewrite(good, change)
        with pytest.raises(CommandError) as refused:
            run_import(good)
        message = str(refused.value)
        assert said in message
        assert message.startswith("Tệp bị hỏng: ") and message.endswith("Không có gì được nhập.")
        assert nothing_written()

    @pytest.mark.parametrize("version", [None, 0, 4, "3", 99])
    def test_another_format_version_is_refused_naming_ours(self, good, version):
        envelope = opened(good)
        envelope["version"] = version
        good.write_bytes(sealed(envelope))
        with pytest.raises(CommandError, match=f"phiên bản {version}; trang này đọc phiên bản 3"):
            run_import(good)
        assert nothing_written()

    def test_a_missing_file_is_refused(self, tmp_path):
        with pytest.raises(CommandError, match="không tồn tại"):
            run_import(tmp_path / "none.json")

    def test_any_damage_is_refused_or_changes_nothing(self, good, tmp_path):
        """Whatever bytes are cut or changed, gzip or not, the import refuses with its message
        (never another exception) and writes nothing, or, where the damage changes nothing it
        reads, imports all of it."""
        plain = good.read_bytes()
        packed = gzip.compress(plain)

        @settings(max_examples=60, deadline=None)
        @given(
            gzipped=st.booleans(),
            cut=st.integers(0, 40),
            flips=st.lists(st.tuples(st.integers(0), st.integers(1, 255)), max_size=4),
        )
        def damaged(gzipped, cut, flips):
            content = bytearray(packed if gzipped else plain)
            for position, xor in flips:
                content[position % len(content)] ^= xor
            path = tmp_path / "random.json"
            path.write_bytes(bytes(content[: len(content) - cut]))
            try:
                run_import(path)
            except CommandError:
                assert nothing_written()
            else:
                flush()

        damaged()


@pytest.mark.django_db
@pytest.mark.usefixtures("campaign_data")
class TestVersion1Files:
    """Files of format version 1 are kept for good (docs/backup.md), so they are still read."""

    def test_a_version_1_file_comes_back_with_all_it_held(self, tmp_path):
        before = {
            "totals": snapshot()["totals"],
            "counts": {model: model._base_manager.count() for model in backup.MODELS},
            "periods": sorted(
                ReportingPeriod.objects.values_list("unit__code", "month", "status", "comment")
            ),
            "log": Counter(ReportingLogEntry.objects.values_list("action", "unit__code")),
            "keys": set(ImportedRow.objects.values_list("key", flat=True)),
        }
        imported_rows = before["counts"].pop(ImportedRow)
        # Version 1 knew one `replaced_by`; the data here has since divided the old district.
        before["counts"].pop(UnitSuccession)
        batches_in_file = ImportBatch.objects.filter(status="imported").count()
        before["counts"].pop(ImportBatch)
        flush()
        said = run_import(VERSION_1_FILE)
        assert said.startswith("Đã nhập")
        assert snapshot()["totals"] == before["totals"]
        assert {
            model: model._base_manager.count()
            for model in backup.MODELS
            if model not in {ImportedRow, ImportBatch, UnitSuccession}
        } == before["counts"]
        assert (ImportedRow.objects.count(), ImportBatch.objects.count()) == (
            imported_rows,
            batches_in_file,
        )
        assert (
            sorted(ReportingPeriod.objects.values_list("unit__code", "month", "status", "comment"))
            == before["periods"]
        )
        assert (
            Counter(ReportingLogEntry.objects.values_list("action", "unit__code")) == before["log"]
        )
        assert set(ImportedRow.objects.values_list("key", flat=True)) == before["keys"]
        # What version 1 did not carry is empty, not made up.
        campaign = Campaign.objects.get()
        assert (campaign.name, campaign.name_en, campaign.description_en) == (
            "Kế hoạch năm 2024",
            "",
            "",
        )
        assert campaign.targets.count() == 2
        # Its `replaced_by` is a succession of the whole unit.
        assert list(
            UnitSuccession.objects.values_list("predecessor__code", "successor__code", "share")
        ) == [("730", "731", 1)]

    def test_a_version_1_file_out_of_shape_is_refused_in_words(self, tmp_path):
        old = json.loads(VERSION_1_FILE.read_text())
        old["campaigns"][0]["targets"] = "none"
        flush()
        path = tmp_path / "v1.json"
        path.write_text(json.dumps(old))
        with pytest.raises(CommandError, match="phần của phiên bản 1 không đúng như phiên bản 1"):
            run_import(path)
        assert nothing_written()
