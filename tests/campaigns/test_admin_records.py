"""District data entry in the admin: their own unit's records only, by any URL or form field."""

import datetime
import re

import pytest

from django.urls import reverse
from django.utils import timezone

from campaigns.models import ActivityRecord
from tests.campaigns.record_forms import form_data
from tests.factories import (
    ActivityRecordFactory,
    AdministrativeUnitFactory,
    IndicatorFactory,
    SessionsIndicatorFactory,
)


@pytest.fixture
def leaflets(db):
    return IndicatorFactory(code="leaflets", name="Tờ rơi")


@pytest.fixture
def own_record(district, leaflets):
    return ActivityRecordFactory(unit=district, indicator=leaflets, quantity=120, place="Ấp Một")


@pytest.fixture
def other_record(other_district, leaflets):
    return ActivityRecordFactory(
        unit=other_district, indicator=leaflets, quantity=340, place="Ấp Hai"
    )


@pytest.mark.django_db
class TestDistrictStaffRecords:
    def test_list_shows_only_their_units_records(
        self, client, district_staff, own_record, other_record
    ):
        client.force_login(district_staff)
        html = client.get(reverse("activity_records:index")).content.decode()
        assert "Ấp Một" in html
        assert "Ấp Hai" not in html

    def test_filtering_by_another_unit_reveals_nothing(
        self, client, district_staff, own_record, other_record, other_district
    ):
        client.force_login(district_staff)
        response = client.get(reverse("activity_records:index"), {"unit": other_district.pk})
        assert "Ấp Hai" not in response.content.decode()

    def test_the_months_records_link_lists_that_month_each_row_opening_its_form(
        self, client, district_staff, district, leaflets
    ):
        july = ActivityRecordFactory(unit=district, indicator=leaflets, place="Ấp Tháng Bảy")
        ActivityRecordFactory(
            unit=district, indicator=leaflets, date=datetime.date(2024, 8, 2), place="Ấp Tháng Tám"
        )
        client.force_login(district_staff)
        period = client.get(f"/admin/campaigns/reports/{district.code}/2024-07/").content.decode()
        link = re.search(r'href="(/admin/activity_records/\?[^"]+)"', period).group(1)
        html = client.get(link.replace("&amp;", "&")).content.decode()
        assert "Ấp Tháng Bảy" in html
        assert "Ấp Tháng Tám" not in html
        assert reverse("activity_records:edit", args=[july.pk]) in html

    @pytest.mark.parametrize("view", ["edit", "delete", "history", "usage"])
    def test_another_units_record_is_not_found_by_url(
        self, client, district_staff, other_record, view
    ):
        client.force_login(district_staff)
        assert (
            client.get(reverse(f"activity_records:{view}", args=[other_record.pk])).status_code
            == 404
        )

    def test_cannot_change_or_delete_another_units_record_by_post(
        self, client, district_staff, other_record, district, leaflets
    ):
        client.force_login(district_staff)
        edit = client.post(
            reverse("activity_records:edit", args=[other_record.pk]), form_data(district, leaflets)
        )
        delete = client.post(reverse("activity_records:delete", args=[other_record.pk]))
        assert (edit.status_code, delete.status_code) == (404, 404)
        other_record.refresh_from_db()
        assert other_record.quantity == 340

    def test_a_posted_unit_of_another_district_is_refused(
        self, client, district_staff, other_district, leaflets
    ):
        client.force_login(district_staff)
        response = client.post(reverse("activity_records:add"), form_data(other_district, leaflets))
        assert response.status_code == 200
        assert "unit" in response.context["form"].errors
        assert not ActivityRecord.objects.exists()

    def test_cannot_move_their_record_to_another_district(
        self, client, district_staff, own_record, other_district, leaflets
    ):
        client.force_login(district_staff)
        client.post(
            reverse("activity_records:edit", args=[own_record.pk]),
            form_data(other_district, leaflets),
        )
        own_record.refresh_from_db()
        assert own_record.unit.code == "731"

    def test_records_an_activity_for_their_commune(
        self, client, district_staff, district, leaflets
    ):
        commune = AdministrativeUnitFactory(level=3, parent=district, name="Tân Hạnh")
        client.force_login(district_staff)
        response = client.post(reverse("activity_records:add"), form_data(commune, leaflets))
        assert response.status_code == 302
        record = ActivityRecord.objects.get()
        assert (record.unit, record.quantity, record.recorded_by) == (commune, 50, district_staff)

    def test_the_form_defaults_to_today_and_their_unit(self, client, district_staff, district):
        client.force_login(district_staff)
        form = client.get(reverse("activity_records:add")).context["form"]
        assert form["date"].value() == timezone.localdate()
        assert form["unit"].value() == district.pk
        assert set(form.fields["unit"].queryset) == {district}

    def test_edits_and_deletes_their_own_record(
        self, client, district_staff, own_record, district, leaflets
    ):
        client.force_login(district_staff)
        client.post(
            reverse("activity_records:edit", args=[own_record.pk]),
            form_data(district, leaflets, quantity="125"),
        )
        own_record.refresh_from_db()
        assert own_record.quantity == 125
        client.post(reverse("activity_records:delete", args=[own_record.pk]))
        assert not ActivityRecord.objects.exists()

    def test_bad_input_gets_a_clear_error_and_writes_nothing(
        self, client, district_staff, district
    ):
        sessions = SessionsIndicatorFactory()
        client.force_login(district_staff)
        response = client.post(
            reverse("activity_records:add"),
            form_data(district, sessions, quantity="0", date="2999-01-01", minutes="15"),
        )
        errors = response.context["form"].errors
        assert {"quantity", "minutes"} <= set(errors)
        assert not ActivityRecord.objects.exists()

    def test_list_query_count_is_constant(
        self, client, district_staff, district, leaflets, django_assert_max_num_queries
    ):
        client.force_login(district_staff)
        url = reverse("activity_records:index")
        ActivityRecordFactory.create_batch(3, unit=district, indicator=leaflets)
        client.get(url)
        with django_assert_max_num_queries(40) as few:
            client.get(url)
        ActivityRecordFactory.create_batch(40, unit=district, indicator=leaflets)
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(url)


@pytest.mark.django_db
class TestCoordinatorRecords:
    def test_sees_and_edits_every_units_records(
        self, client, coordinator, own_record, other_record, leaflets
    ):
        client.force_login(coordinator)
        html = client.get(reverse("activity_records:index")).content.decode()
        assert "Ấp Một" in html and "Ấp Hai" in html
        response = client.post(
            reverse("activity_records:edit", args=[other_record.pk]),
            form_data(other_record.unit, leaflets, quantity="341"),
        )
        assert response.status_code == 302


@pytest.mark.django_db
class TestMyTotals:
    def test_shows_their_units_month_and_year(
        self, client, district_staff, district, other_district, leaflets
    ):
        ActivityRecordFactory(
            unit=district, indicator=leaflets, quantity=1200, date=datetime.date(2024, 7, 3)
        )
        ActivityRecordFactory(
            unit=district, indicator=leaflets, quantity=34, date=datetime.date(2024, 2, 3)
        )
        ActivityRecordFactory(
            unit=other_district, indicator=leaflets, quantity=999, date=datetime.date(2024, 7, 3)
        )
        client.force_login(district_staff)
        response = client.get(reverse("campaigns_my_totals"), {"year": 2024, "month": 7})
        rows = {indicator.code: sums for indicator, sums in response.context["rows"]}
        assert rows["leaflets"]["month"]["quantity"] == 1200
        assert rows["leaflets"]["year"]["quantity"] == 1234

    def test_editors_cannot_open_it(self, client, editor):
        client.force_login(editor)
        response = client.get(reverse("campaigns_my_totals"))
        assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
