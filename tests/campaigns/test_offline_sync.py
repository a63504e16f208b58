"""The offline queue's server side: the sync endpoint decides like the record form, counts a
record sent twice once, and the service workers and manifest hold nothing private."""

import datetime
import json

import pytest

from campaigns.models import ActivityRecord
from campaigns.offline.models import IdempotencyKey
from campaigns.periods.models import ReportingPeriod
from tests.campaigns.record_forms import form_data, month_fields, month_indicators
from tests.factories import ActivityRecordFactory, IndicatorFactory, approve_months

URL = "/admin/offline/records/"


@pytest.fixture
def leaflets(db):
    return IndicatorFactory(code="leaflets")


@pytest.fixture
def staff_client(client, district_staff):
    client.force_login(district_staff)
    return client


def send(client, user, data, key="queue-1", owner=None):
    return client.post(
        URL,
        data,
        HTTP_IDEMPOTENCY_KEY=key,
        HTTP_X_QUEUE_OWNER=str(user.pk if owner is None else owner),
    )


@pytest.mark.django_db
class TestSync:
    def test_the_session_answer_names_the_account_and_a_token(self, staff_client, district_staff):
        answer = staff_client.get(URL)
        assert answer.json()["user"] == district_staff.pk
        assert answer.json()["csrf"]
        assert "no-store" in answer["Cache-Control"]

    def test_signed_out_the_queue_is_not_sent(self, client, district, leaflets):
        assert client.get(URL).status_code == 302
        assert client.post(URL, form_data(district, leaflets)).status_code == 302
        assert not ActivityRecord.objects.exists()

    def test_a_record_sent_twice_is_counted_once(
        self, staff_client, district_staff, district, leaflets
    ):
        first = send(staff_client, district_staff, form_data(district, leaflets))
        assert first.status_code == 201
        again = send(staff_client, district_staff, form_data(district, leaflets))
        assert again.status_code == 201
        assert again["Idempotent-Replayed"] == "true"
        assert again.json() == first.json()
        record = ActivityRecord.objects.get()
        assert (record.quantity, record.recorded_by) == (50, district_staff)
        assert IdempotencyKey.objects.get().record == record

    def test_a_locked_month_is_refused_with_the_reason_in_vietnamese(
        self, staff_client, district_staff, district, leaflets
    ):
        approve_months(district, datetime.date(2024, 7, 1))
        answer = send(staff_client, district_staff, form_data(district, leaflets))
        assert answer.status_code == 400
        assert "đã được duyệt" in answer.json()["reason"]
        assert not ActivityRecord.objects.exists()
        assert not IdempotencyKey.objects.exists()

    def test_a_validation_error_names_the_field(
        self, staff_client, district_staff, district, leaflets
    ):
        answer = send(staff_client, district_staff, form_data(district, leaflets, quantity="0"))
        assert answer.status_code == 400
        assert "quantity" in answer.json()["errors"]
        assert answer.json()["reason"].startswith("Số lượng")

    def test_another_units_record_is_refused(
        self, staff_client, district_staff, other_district, leaflets
    ):
        answer = send(staff_client, district_staff, form_data(other_district, leaflets))
        assert answer.status_code == 400
        assert "unit" in answer.json()["errors"]
        assert not ActivityRecord.objects.exists()

    def test_another_accounts_queue_is_refused(
        self, staff_client, district_staff, district, leaflets
    ):
        answer = send(staff_client, district_staff, form_data(district, leaflets), owner=999999)
        assert answer.status_code == 403
        assert "tài khoản khác" in answer.json()["reason"]
        assert not ActivityRecord.objects.exists()

    def test_the_same_key_with_another_record_is_a_conflict(
        self, staff_client, district_staff, district, leaflets
    ):
        send(staff_client, district_staff, form_data(district, leaflets))
        answer = send(staff_client, district_staff, form_data(district, leaflets, quantity="9"))
        assert answer.status_code == 409
        assert ActivityRecord.objects.count() == 1

    def test_an_editor_may_not_record(self, client, editor, district, leaflets):
        client.force_login(editor)
        assert send(client, editor, form_data(district, leaflets)).status_code in (302, 403)
        assert not ActivityRecord.objects.exists()

    def test_the_csrf_token_is_required(self, district_staff, district, leaflets):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(district_staff)
        assert send(client, district_staff, form_data(district, leaflets)).status_code == 403
        token = client.get(URL).json()["csrf"]
        answer = client.post(
            URL,
            form_data(district, leaflets),
            HTTP_IDEMPOTENCY_KEY="k",
            HTTP_X_QUEUE_OWNER=str(district_staff.pk),
            HTTP_X_CSRFTOKEN=token,
        )
        assert answer.status_code == 201


@pytest.mark.django_db
class TestWorkersAndManifest:
    def test_the_public_worker_caches_only_help_browse_safely_and_the_stylesheet(
        self, client, help_page
    ):
        answer = client.get("/help-sw.js")
        assert answer.status_code == 200
        assert answer["Content-Type"].startswith("text/javascript")
        assert not answer.cookies
        assert "Set-Cookie" not in answer
        urls = json.loads(answer.content.decode().split("const URLS = ", 1)[1].split(";\n", 1)[0])
        assert help_page.url in urls
        assert "/browse-safely/" in urls or any("duyet" in u or "safely" in u for u in urls)
        assert "/static/css/site.css" in urls
        assert all(u.startswith("/") for u in urls)
        assert len(urls) <= 6

    def test_the_staff_worker_may_control_the_entry_screens(self, client):
        answer = client.get("/offline/staff-sw.js")
        assert answer["Service-Worker-Allowed"] == "/admin/"
        assert not answer.cookies
        body = answer.content.decode()
        assert '"/admin/activity_records/new/"' in body
        assert '"/admin/campaigns/my-totals/"' in body

    def test_the_manifest_opens_the_record_form(self, client):
        manifest = client.get("/offline/manifest.webmanifest").json()
        assert manifest["start_url"] == "/admin/activity_records/new/"
        assert manifest["scope"] == "/admin/"
        assert manifest["name"] == "Ghi nhận hoạt động tuyên truyền"
        assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}

    def test_every_admin_page_carries_the_queue_script(self, client, district_staff):
        client.force_login(district_staff)
        page = client.get("/admin/activity_records/new/").content.decode()
        assert 'id="offline-queue-config"' in page
        assert "js/offline-queue.js" in page
        assert 'rel="manifest"' in page
        config = json.loads(
            page.split('id="offline-queue-config" type="application/json">')[1].split("</script>")[
                0
            ]
        )
        assert config["strings"]["queuedMany"] == "%(count)s bản ghi chờ gửi"
        assert config["strings"]["sendNow"] == "Gửi ngay"

    def test_public_pages_register_the_help_worker(self, client, help_page):
        page = client.get(help_page.url).content.decode()
        assert "js/offline-help.js" in page


MONTHS_URL = "/admin/offline/months/"


@pytest.fixture
def indicators(db):
    return month_indicators()


def send_month(client, user, unit, indicators, key="month-1", month="2024-07", **values):
    data = {"unit": unit.code, "month": month, **month_fields(indicators, **values)}
    return client.post(MONTHS_URL, data, HTTP_IDEMPOTENCY_KEY=key, HTTP_X_QUEUE_OWNER=str(user.pk))


@pytest.mark.django_db
class TestQueuedMonth:
    """A month of the month entry form, queued on a phone: one item, written once, with the
    screen's own checks."""

    def test_a_month_sent_twice_is_counted_once(
        self, staff_client, district_staff, district, indicators
    ):
        first = send_month(
            staff_client, district_staff, district, indicators, leaflets=300, sessions=(2, 85)
        )
        assert first.status_code == 201
        assert first.json()["url"] == "/admin/campaigns/reports/731/2024-07/"
        assert first.json()["message"] == "Đã lưu 2 bản ghi tháng 07/2024 cho Biên Hòa."
        again = send_month(
            staff_client, district_staff, district, indicators, leaflets=300, sessions=(2, 85)
        )
        assert again.status_code == 201
        assert again["Idempotent-Replayed"] == "true"
        assert again.json() == first.json()
        records = ActivityRecord.objects.all()
        assert sorted(r.quantity for r in records) == [2, 300]
        assert {(r.date, r.recorded_by) for r in records} == {
            (datetime.date(2024, 7, 31), district_staff)
        }
        assert IdempotencyKey.objects.count() == 1

    def test_a_locked_month_is_refused_with_the_reason_and_nothing_kept(
        self, staff_client, district_staff, district, indicators
    ):
        approve_months(district, datetime.date(2024, 7, 1))
        answer = send_month(staff_client, district_staff, district, indicators, leaflets=300)
        assert answer.status_code == 400
        assert "đã được duyệt" in answer.json()["reason"]
        assert not ActivityRecord.objects.exists()
        assert not IdempotencyKey.objects.exists()
        # Reopened, the same item (same key) goes through.
        ReportingPeriod.objects.all().delete()
        answer = send_month(staff_client, district_staff, district, indicators, leaflets=300)
        assert answer.status_code == 201
        assert ActivityRecord.objects.count() == 1

    def test_another_units_month_is_refused(
        self, staff_client, district_staff, other_district, indicators
    ):
        answer = send_month(staff_client, district_staff, other_district, indicators, leaflets=300)
        assert answer.status_code == 400
        assert answer.json()["reason"] == "Bạn không được ghi nhận hoạt động cho Xuân Lộc."
        assert not ActivityRecord.objects.exists()

    def test_a_unit_that_had_ended_is_refused(
        self, staff_client, district_staff, district, indicators
    ):
        district.valid_to = datetime.date(2024, 6, 30)
        district.save()
        answer = send_month(staff_client, district_staff, district, indicators, leaflets=300)
        assert answer.status_code == 400
        # As on the screen: an ended unit is no longer one the account records for.
        assert answer.json()["reason"] == "Bạn không được ghi nhận hoạt động cho Biên Hòa."
        assert not ActivityRecord.objects.exists()

    def test_one_bad_row_refuses_the_month_naming_the_indicator(
        self, staff_client, district_staff, district, indicators
    ):
        answer = send_month(
            staff_client, district_staff, district, indicators, leaflets=300, sessions=2
        )
        assert answer.status_code == 400
        sessions = indicators["sessions"]
        assert answer.json()["errors"] == {
            f"attendees-{sessions.pk}": ["Hãy nhập lượt người tham dự cho Buổi truyền thông."]
        }
        assert answer.json()["reason"].startswith("Buổi truyền thông (")
        assert not ActivityRecord.objects.exists()

    def test_an_unusual_figure_needs_its_reason_as_on_the_screen(
        self, staff_client, district_staff, district, indicators
    ):
        leaflets = indicators["leaflets"]
        for month in range(1, 7):
            ActivityRecordFactory(
                unit=district, indicator=leaflets, quantity=700 + month,
                date=datetime.date(2024, month, 5),
            )  # fmt: skip
        answer = send_month(staff_client, district_staff, district, indicators, leaflets=50_000)
        assert answer.status_code == 400
        assert list(answer.json()["errors"]) == [f"reason-{leaflets.pk}"]
        data = {
            "unit": district.code,
            "month": "2024-07",
            **month_fields(indicators, leaflets=50_000),
            f"reason-{leaflets.pk}": "Ngày hội việc làm",
        }
        answer = staff_client.post(
            MONTHS_URL,
            data,
            HTTP_IDEMPOTENCY_KEY="month-2",
            HTTP_X_QUEUE_OWNER=str(district_staff.pk),
        )
        assert answer.status_code == 201
        assert ActivityRecord.objects.get(date__month=7).unusual_note == "Ngày hội việc làm"

    @pytest.mark.parametrize(
        ("month", "reason"),
        [("2027-01", "Tháng này chưa bắt đầu."), ("july", "Hãy ghi tháng theo dạng YYYY-MM")],
    )
    def test_a_month_that_is_not_open_is_refused(
        self, staff_client, district_staff, district, indicators, month, reason
    ):
        answer = send_month(
            staff_client, district_staff, district, indicators, month=month, leaflets=3
        )
        assert answer.status_code == 400
        assert answer.json()["reason"].startswith(reason)
        assert not ActivityRecord.objects.exists()

    def test_another_accounts_month_is_refused(
        self, staff_client, district_staff, district, indicators
    ):
        data = {"unit": district.code, "month": "2024-07", **month_fields(indicators, leaflets=3)}
        answer = staff_client.post(
            MONTHS_URL, data, HTTP_IDEMPOTENCY_KEY="m", HTTP_X_QUEUE_OWNER="999999"
        )
        assert answer.status_code == 403
        assert not ActivityRecord.objects.exists()

    def test_the_month_form_is_marked_for_the_queue_and_its_screens_work_offline(
        self, staff_client, district, indicators
    ):
        page = staff_client.get("/admin/campaigns/entry/731/2024-07/").content.decode()
        assert 'data-offline-month data-unit="731" data-month="2024-07"' in page
        assert 'data-summary="Nhập cả tháng: Huyện Biên Hòa · 07/2024"' in page
        body = staff_client.get("/offline/staff-sw.js").content.decode()
        assert '"/admin/campaigns/entry/"' in body
