"""The record form as staff meet it on a phone: dates the Vietnamese way, indicators as radio
buttons, a one-line list, and a record of a locked month shown read-only with the reason."""

import datetime
import re

import pytest

from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from campaigns.models import ActivityRecord
from campaigns.months import last_year
from campaigns.reporting.review import act
from tests.campaigns.record_forms import form_data
from tests.factories import (
    ActivityRecordFactory,
    BroadcastsIndicatorFactory,
    IndicatorFactory,
    SessionsIndicatorFactory,
)


@pytest.fixture
def leaflets(db):
    return IndicatorFactory(code="leaflets", name="Tờ rơi")


def post_record(client, unit, indicator, **fields):
    return client.post(reverse("activity_records:add"), form_data(unit, indicator, **fields))


@pytest.mark.django_db
class TestDates:
    def test_a_day_written_the_vietnamese_way_is_saved_as_that_day(
        self, client, district_staff, district, leaflets
    ):
        client.force_login(district_staff)
        response = post_record(client, district, leaflets, date="01/07/2024")
        assert response.status_code == 302
        assert ActivityRecord.objects.get().date == datetime.date(2024, 7, 1)

    def test_the_form_shows_the_date_as_dd_mm_yyyy_and_the_picker_keeps_typed_text(
        self, client, district_staff, district, leaflets
    ):
        record = ActivityRecordFactory(unit=district, indicator=leaflets)
        client.force_login(district_staff)
        html = client.get(reverse("activity_records:edit", args=[record.pk])).content.decode()
        assert 'value="30/07/2024"' in html
        # The picker reads and writes day/month/year and leaves text it cannot read alone.
        assert '"format": "d/m/Y"' in html
        assert '"validateOnBlur": false' in html

    @pytest.mark.parametrize("typed", ["32/13/2024", "hôm qua", "2024/07/30", "30.07.2024"])
    def test_a_date_that_cannot_be_read_is_an_error_and_nothing_is_saved(
        self, client, district_staff, district, leaflets, typed
    ):
        client.force_login(district_staff)
        response = post_record(client, district, leaflets, date=typed)
        assert response.status_code == 200
        errors = response.context["form"].errors["date"]
        assert errors == [
            "Không đọc được ngày này. Hãy viết theo dạng ngày/tháng/năm, ví dụ 01/12/2026."
        ]
        # What was typed stays in the field, so the person sees what to correct.
        assert f'value="{typed}"' in response.content.decode()
        assert not ActivityRecord.objects.exists()

    def test_a_missing_date_is_an_error_not_today(self, client, district_staff, district, leaflets):
        client.force_login(district_staff)
        response = post_record(client, district, leaflets, date="")
        assert "date" in response.context["form"].errors
        assert not ActivityRecord.objects.exists()

    @pytest.mark.parametrize("typed", ["01/12/0026", "01/12/1999", "15/03/1900"])
    def test_a_year_outside_the_range_is_refused_in_vietnamese(
        self, client, district_staff, district, leaflets, typed
    ):
        client.force_login(district_staff)
        response = post_record(client, district, leaflets, date=typed)
        assert response.context["form"].errors["date"] == [
            f"Hãy chọn một năm từ 2000 đến {last_year()}."
        ]
        assert not ActivityRecord.objects.exists()

    def test_a_future_day_is_refused(self, client, district_staff, district, leaflets):
        client.force_login(district_staff)
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        response = post_record(client, district, leaflets, date=f"{tomorrow:%d/%m/%Y}")
        assert "date" in response.context["form"].errors
        assert not ActivityRecord.objects.exists()


@pytest.mark.django_db
class TestPhoneForm:
    def test_indicators_are_radio_buttons_without_an_empty_choice(
        self, client, district_staff, leaflets
    ):
        IndicatorFactory(code="posters", name="Áp phích")
        client.force_login(district_staff)
        html = client.get(reverse("activity_records:add")).content.decode()
        radios = re.findall(r'<input type="radio" name="indicator" value="([^"]*)"', html)
        assert len(radios) == 2
        assert "" not in radios
        assert '<select name="indicator"' not in html

    def test_the_list_shows_one_short_line_per_record(
        self, client, district_staff, district, leaflets, django_assert_max_num_queries
    ):
        for day in range(1, 21):
            ActivityRecordFactory(
                unit=district,
                indicator=leaflets,
                quantity=1200,
                date=datetime.date(2024, 7, day),
            )
        client.force_login(district_staff)
        with django_assert_max_num_queries(25):
            html = client.get(reverse("activity_records:index")).content.decode()
        assert "20/07/2024" in html
        assert "Tờ rơi: 1.200" in html
        # Four columns, the place hidden on a narrow screen.
        assert html.count('<td class="record-line record-wide') == 20


@pytest.fixture
def locked_record(district, district_staff, coordinator, leaflets):
    record = ActivityRecordFactory(unit=district, indicator=leaflets, quantity=120)
    act(district_staff, district, record.date.replace(day=1), "submit")
    act(coordinator, district, record.date.replace(day=1), "approve")
    return record


@pytest.mark.django_db
class TestLockedRecord:
    def test_opens_read_only_with_the_reason_and_no_save_button(
        self, client, district_staff, locked_record
    ):
        client.force_login(district_staff)
        response = client.get(reverse("activity_records:edit", args=[locked_record.pk]))
        html = response.content.decode()
        assert "data-record-locked" in html
        assert "đã được duyệt" in html
        assert "Chỉ điều phối viên cấp tỉnh mới có thể mở lại tháng" in html
        form = response.context["form"]
        assert all(field.disabled for field in form.fields.values())
        assert 'type="submit"' not in html.split('id="w-editor-form"')[1]
        assert reverse("activity_records:delete", args=[locked_record.pk]) not in html

    def test_a_forged_post_changes_nothing_and_shows_the_reason(
        self, client, district_staff, district, locked_record, leaflets
    ):
        client.force_login(district_staff)
        url = reverse("activity_records:edit", args=[locked_record.pk])
        response = client.post(url, form_data(district, leaflets, quantity="999"), follow=True)
        assert "đã được duyệt" in response.content.decode()
        locked_record.refresh_from_db()
        assert locked_record.quantity == 120

    def test_an_open_months_record_is_an_ordinary_form(
        self, client, district_staff, district, leaflets
    ):
        record = ActivityRecordFactory(unit=district, indicator=leaflets)
        client.force_login(district_staff)
        html = client.get(reverse("activity_records:edit", args=[record.pk])).content.decode()
        assert "data-record-locked" not in html
        assert reverse("activity_records:delete", args=[record.pk]) in html

    def test_another_units_locked_record_is_still_not_found(
        self, client, make_staff, other_district, locked_record
    ):
        other_staff = make_staff(Role.LOCAL, [other_district], username="xuan-loc")
        client.force_login(other_staff)
        url = reverse("activity_records:edit", args=[locked_record.pk])
        assert client.get(url).status_code == 404


@pytest.mark.django_db
class TestSecondMeasure:
    """Attendees required for sessions; minutes optional for broadcasts nobody timed."""

    def test_a_broadcast_without_minutes_is_saved_when_minutes_are_optional(
        self, client, district_staff, district
    ):
        broadcasts = BroadcastsIndicatorFactory(second_measure_required=False)
        client.force_login(district_staff)
        response = post_record(client, district, broadcasts, quantity="4", minutes="")
        assert response.status_code == 302
        assert ActivityRecord.objects.get().minutes is None

    def test_minutes_given_for_an_optional_measure_are_kept(self, client, district_staff, district):
        broadcasts = BroadcastsIndicatorFactory(second_measure_required=False)
        client.force_login(district_staff)
        post_record(client, district, broadcasts, quantity="4", minutes="60")
        assert ActivityRecord.objects.get().minutes == 60

    def test_a_session_without_attendees_is_refused_in_vietnamese(
        self, client, district_staff, district
    ):
        sessions = SessionsIndicatorFactory()
        client.force_login(district_staff)
        response = post_record(client, district, sessions, quantity="2", attendees="")
        assert response.context["form"].errors["attendees"] == [
            "Hãy nhập lượt người tham dự cho Buổi truyền thông."
        ]
        assert not ActivityRecord.objects.exists()

    def test_a_measure_the_indicator_does_not_have_is_still_refused(
        self, client, district_staff, district, leaflets
    ):
        client.force_login(district_staff)
        response = post_record(client, district, leaflets, minutes="30")
        assert "minutes" in response.context["form"].errors
        assert not ActivityRecord.objects.exists()
