"""A figure far outside a unit's own history is not refused but confirmed with a short comment,
and the coordinator sees it on the review screen, the home screen and in the report.

The case from the issue: Biên Hòa handed out 8,753 leaflets in the whole of 2024, yet one record
of 50,000 saved without a word."""

import datetime

import pytest

from django.urls import reverse

from accounts.roles import Role
from campaigns.models import ActivityRecord
from campaigns.records.unusual import modified_z
from tests.campaigns.record_forms import form_data
from tests.factories import ActivityRecordFactory, IndicatorFactory

DECEMBER = "15/12/2024"


@pytest.fixture
def leaflets(db):
    return IndicatorFactory(code="leaflets", name="Tờ rơi", unit_label="tờ")


@pytest.fixture
def bien_hoa_2024(district, leaflets):
    """January to November 2024: about 730 leaflets a month."""
    for month, quantity in enumerate([700, 760, 690, 800, 720, 710, 750, 730, 705, 790, 740], 1):
        ActivityRecordFactory(
            unit=district, indicator=leaflets, quantity=quantity,
            date=datetime.date(2024, month, 10),
        )  # fmt: skip


def post(client, unit, indicator, **fields):
    return client.post(
        reverse("activity_records:add"), form_data(unit, indicator, date=DECEMBER, **fields)
    )


class TestModifiedZ:
    def test_a_usual_month_is_near_zero_and_an_extra_zero_far_above(self):
        history = [700, 760, 690, 800, 720, 710, 750, 730, 705, 790, 740]
        assert abs(modified_z(735, history)) < 1
        assert modified_z(7_300, history) > 3.5

    def test_a_history_without_spread_flags_only_more_than_twice_the_usual(self):
        assert modified_z(150, [100, 100, 100]) == 0
        assert modified_z(250, [100, 100, 100]) > 3.5


@pytest.mark.django_db
class TestAtEntry:
    def test_fifty_thousand_leaflets_must_be_confirmed_and_nothing_is_saved_without(
        self, client, district_staff, district, leaflets, bien_hoa_2024
    ):
        client.force_login(district_staff)
        response = post(client, district, leaflets, quantity="50000")
        assert response.status_code == 200
        [error] = response.context["form"].errors["unusual_note"]
        assert "50.000 tờ Tờ rơi trong 12/2024" in error
        assert "730 trong một tháng điển hình của 11 tháng" in error
        assert "hãy ghi ngắn gọn lý do" in error
        assert ActivityRecord.objects.filter(date__month=12).count() == 0

    def test_with_a_reason_it_is_saved_and_marked(
        self, client, district_staff, district, leaflets, bien_hoa_2024
    ):
        client.force_login(district_staff)
        response = post(
            client, district, leaflets, quantity="50000", unusual_note="Ngày hội tại KCN Amata"
        )
        assert response.status_code == 302
        record = ActivityRecord.objects.get(date__month=12)
        assert (record.quantity, record.unusual) == (50_000, True)
        assert record.unusual_note == "Ngày hội tại KCN Amata"

    def test_a_usual_figure_saves_without_a_question(
        self, client, district_staff, district, leaflets, bien_hoa_2024
    ):
        client.force_login(district_staff)
        assert post(client, district, leaflets, quantity="800").status_code == 302
        assert ActivityRecord.objects.get(date__month=12).unusual is False

    def test_without_enough_history_nothing_is_asked(
        self, client, district_staff, district, leaflets
    ):
        client.force_login(district_staff)
        assert post(client, district, leaflets, quantity="50000").status_code == 302

    def test_a_ceiling_the_coordinator_set_asks_for_a_reason(
        self, client, district_staff, district
    ):
        posters = IndicatorFactory(code="posters", name="Áp phích", unit_label="cái", ceiling=200)
        client.force_login(district_staff)
        response = post(client, district, posters, quantity="250")
        [error] = response.context["form"].errors["unusual_note"]
        assert "250 vượt mức 200 cái" in error
        assert not ActivityRecord.objects.exists()

    def test_more_than_any_activity_is_refused_in_vietnamese(
        self, client, district_staff, district, leaflets
    ):
        client.force_login(district_staff)
        response = post(client, district, leaflets, quantity="150000")
        assert response.context["form"].errors["quantity"] == [
            "Không hoạt động nào đạt tới 100.000: hãy kiểm tra xem có thừa số 0 không, "
            "hoặc tách hoạt động thành nhiều bản ghi."
        ]
        assert not ActivityRecord.objects.exists()


@pytest.fixture
def confirmed(district, leaflets, bien_hoa_2024):
    return ActivityRecordFactory(
        unit=district, indicator=leaflets, quantity=50_000, date=datetime.date(2024, 12, 15),
        unusual=True, unusual_note="Ngày hội tại KCN Amata",
    )  # fmt: skip


@pytest.mark.django_db
class TestCoordinatorSees:
    def test_on_the_review_screen(self, client, coordinator, district, confirmed):
        client.force_login(coordinator)
        html = client.get(
            reverse("campaigns_reporting_period", args=[district.code, "2024-12"])
        ).content.decode()
        section = html.split("data-unusual-records")[1]
        assert "Ngày hội tại KCN Amata" in section

    def test_in_the_report(self, client, coordinator, confirmed):
        client.force_login(coordinator)
        html = client.get(
            reverse("campaigns_report"), {"year": 2024, "figures": "all"}
        ).content.decode()
        assert "Ngày hội tại KCN Amata" in html.split("data-unusual-records")[1]

    def test_local_staff_of_another_unit_never_see_it(
        self, client, make_staff, other_district, district, confirmed
    ):
        other = make_staff(Role.LOCAL, [other_district], username="xuan-loc")
        client.force_login(other)
        url = reverse("campaigns_reporting_period", args=[district.code, "2024-12"])
        assert client.get(url).status_code == 404
