"""The month's entry form of one unit: every indicator on one screen with last month's and the
same month last year's figures, saved as records of that month; all or nothing, own units only."""

import datetime

import pytest

from django.urls import reverse

from accounts.roles import Role
from campaigns.models import ActivityRecord
from campaigns.reporting.review import act
from tests.campaigns.record_forms import month_fields as fields
from tests.campaigns.record_forms import month_indicators
from tests.factories import ActivityRecordFactory


@pytest.fixture
def indicators(db):
    return month_indicators()


def url(unit, month="2024-07"):
    return reverse("campaigns_month_entry", args=[unit.code, month])


@pytest.mark.django_db
class TestMonthEntry:
    def test_every_indicator_on_one_screen_with_last_month_and_last_year(
        self, client, district_staff, district, indicators, django_assert_max_num_queries
    ):
        ActivityRecordFactory(
            unit=district, indicator=indicators["leaflets"], quantity=730,
            date=datetime.date(2024, 6, 12),
        )  # fmt: skip
        ActivityRecordFactory(
            unit=district, indicator=indicators["leaflets"], quantity=690,
            date=datetime.date(2023, 7, 3),
        )  # fmt: skip
        client.force_login(district_staff)
        client.get(url(district))
        with django_assert_max_num_queries(30):
            response = client.get(url(district))
        html = response.content.decode()
        for code in ("sessions", "leaflets", "broadcasts"):
            assert f'data-indicator="{code}"' in html
        leaflets = html.split('data-indicator="leaflets"')[1].split("</fieldset>")[0]
        assert "Tháng trước (06/2024): 730 tờ" in leaflets
        assert "Cùng kỳ năm trước (07/2023): 690 tờ" in leaflets
        sessions = html.split('data-indicator="sessions"')[1].split("</fieldset>")[0]
        assert f'name="attendees-{indicators["sessions"].pk}"' in sessions

    def test_saves_one_record_per_indicator_filled_in_dated_in_the_month(
        self, client, district_staff, district, indicators
    ):
        client.force_login(district_staff)
        response = client.post(
            url(district), fields(indicators, leaflets=300, sessions=(2, 85), broadcasts=4)
        )
        assert response.status_code == 302
        records = {r.indicator.code: r for r in ActivityRecord.objects.select_related("indicator")}
        assert set(records) == {"leaflets", "sessions", "broadcasts"}
        assert {r.date for r in records.values()} == {datetime.date(2024, 7, 31)}
        assert (records["sessions"].quantity, records["sessions"].attendees) == (2, 85)
        assert records["broadcasts"].minutes is None
        assert records["leaflets"].recorded_by == district_staff

    def test_one_bad_row_saves_nothing_and_says_why_in_vietnamese(
        self, client, district_staff, district, indicators
    ):
        client.force_login(district_staff)
        response = client.post(url(district), fields(indicators, leaflets=300, sessions=2))
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert errors[f"attendees-{indicators['sessions'].pk}"] == [
            "Hãy nhập lượt người tham dự cho Buổi truyền thông."
        ]
        assert not ActivityRecord.objects.exists()

    def test_nothing_filled_in_is_an_error(self, client, district_staff, district, indicators):
        client.force_login(district_staff)
        response = client.post(url(district), {})
        assert response.context["form"].non_field_errors() == ["Hãy điền ít nhất một chỉ tiêu."]
        assert not ActivityRecord.objects.exists()

    def test_another_units_month_is_not_found(
        self, client, district_staff, other_district, indicators
    ):
        client.force_login(district_staff)
        assert client.get(url(other_district)).status_code == 404
        response = client.post(url(other_district), fields(indicators, leaflets=300))
        assert response.status_code == 404
        assert not ActivityRecord.objects.exists()

    @pytest.mark.parametrize("month", ["2024-13", "1999-01", "2099-01", "july"])
    def test_a_month_that_is_not_one_is_not_found(
        self, client, district_staff, district, indicators, month
    ):
        client.force_login(district_staff)
        assert client.get(url(district, month)).status_code == 404

    def test_a_locked_month_is_read_only_and_a_post_changes_nothing(
        self, client, district_staff, coordinator, district, indicators
    ):
        act(district_staff, district, datetime.date(2024, 7, 1), "submit")
        act(coordinator, district, datetime.date(2024, 7, 1), "approve")
        client.force_login(district_staff)
        html = client.get(url(district)).content.decode()
        assert "data-month-locked" in html
        assert 'type="submit"' not in html.split("<form")[1]
        client.post(url(district), fields(indicators, leaflets=300))
        assert not ActivityRecord.objects.exists()

    def test_an_unusual_figure_asks_for_a_reason(
        self, client, district_staff, district, indicators
    ):
        leaflets = indicators["leaflets"]
        for month in range(1, 7):
            ActivityRecordFactory(
                unit=district, indicator=leaflets, quantity=700 + month,
                date=datetime.date(2024, month, 5),
            )  # fmt: skip
        client.force_login(district_staff)
        response = client.post(url(district), fields(indicators, leaflets=50_000))
        assert f"reason-{leaflets.pk}" in response.context["form"].errors
        assert ActivityRecord.objects.filter(date__month=7).count() == 0
        response = client.post(
            url(district),
            {**fields(indicators, leaflets=50_000), f"reason-{leaflets.pk}": "Ngày hội việc làm"},
        )
        assert response.status_code == 302
        assert ActivityRecord.objects.get(date__month=7).unusual is True

    def test_the_start_screen_goes_straight_to_the_one_unit(
        self, client, district_staff, district, indicators
    ):
        client.force_login(district_staff)
        response = client.get(reverse("campaigns_month_entry_start"))
        assert response.status_code == 302
        assert f"/campaigns/entry/{district.code}/" in response["Location"]

    def test_editors_cannot_open_it(self, client, make_staff, district, indicators):
        client.force_login(make_staff(Role.EDITOR))
        assert client.get(url(district)).status_code in (302, 403)
