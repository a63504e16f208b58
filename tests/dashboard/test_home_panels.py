"""Each role's home screen: what a person comes to the admin to do, first, in a fixed number of
queries, and never another unit's figures for local staff."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from campaigns.months import month_start, months_before
from campaigns.periods.models import ReportingPeriod
from tests.factories import (
    ActivityRecordFactory,
    AdministrativeUnitFactory,
    DistrictFactory,
    IndicatorFactory,
)
from tests.news.test_editorial_workflow import article_form

Status = ReportingPeriod.Status
THIS_MONTH = month_start(timezone.localdate())
LAST_MONTH = months_before(THIS_MONTH, 1)


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def queries_for_home(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
    return len(queries)


@pytest.fixture
def leaflets(db):
    return IndicatorFactory(code="leaflets", name="Tờ rơi")


@pytest.fixture
def posters(db):
    return IndicatorFactory(code="posters", name="Áp phích")


@pytest.mark.django_db
class TestLocalStaffHome:
    def test_the_big_button_this_months_status_and_what_is_missing(
        self, client, district_staff, district, leaflets, posters
    ):
        commune = AdministrativeUnitFactory(level=3, parent=district, name="Tân Hạnh")
        ActivityRecordFactory(
            unit=commune, indicator=leaflets, date=THIS_MONTH, recorded_by=district_staff
        )
        html = home(client, district_staff)
        assert "Ghi kết quả" in html
        assert f'href="{reverse("activity_records:add")}"' in html
        missing = html.split("data-missing-indicators>")[1].split("</ul>")[0]
        assert "Áp phích" in missing
        assert "Tờ rơi" not in missing  # recorded by the commune below the district
        assert "period-status--open" in html

    def test_last_month_not_submitted_is_a_reminder(
        self, client, district_staff, district, leaflets
    ):
        html = home(client, district_staff)
        assert "data-last-month-missing" in html
        ReportingPeriod.objects.create(unit=district, month=LAST_MONTH, status=Status.SUBMITTED)
        assert "data-last-month-missing" not in home(client, district_staff)

    def test_their_last_records_only_never_another_units(
        self, client, district_staff, district, other_district, leaflets, make_staff
    ):
        ActivityRecordFactory(
            unit=district, indicator=leaflets, place="Ấp Một", quantity=321,
            recorded_by=district_staff,
        )  # fmt: skip
        other_staff = make_staff(Role.LOCAL, [other_district], username="xuan-loc")
        ActivityRecordFactory(
            unit=other_district, indicator=leaflets, quantity=987, recorded_by=other_staff
        )
        ReportingPeriod.objects.create(
            unit=other_district, month=THIS_MONTH, status=Status.SUBMITTED
        )
        html = home(client, district_staff)
        assert "Tờ rơi: 321" in html
        assert "987" not in html
        assert "Xuân Lộc" not in html
        # No coordinator's panel for local staff.
        assert "coordinator-home" not in html

    def test_costs_the_same_with_one_record_or_many(
        self, client, district_staff, district, leaflets, posters
    ):
        ActivityRecordFactory(unit=district, indicator=leaflets, recorded_by=district_staff)
        client.force_login(district_staff)
        client.get(reverse("wagtailadmin_home"))
        few = queries_for_home(client)
        for day in range(1, 11):
            commune = AdministrativeUnitFactory(level=3, parent=district, name=f"Xã {day}")
            ActivityRecordFactory(
                unit=commune,
                indicator=posters,
                date=datetime.date(2024, 6, day),
                recorded_by=district_staff,
            )
        assert queries_for_home(client) == few


@pytest.mark.django_db
class TestEditorHome:
    def test_write_an_article_and_my_drafts(self, client, editor, news_index):
        client.force_login(editor)
        add_url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])
        client.post(add_url, article_form("Bản nháp về việc làm"))
        html = home(client, editor)
        assert "Viết bài" in html
        assert f'href="{add_url}"' in html
        drafts = html.split("data-my-drafts>")[1].split("</ul>")[0]
        assert "Bản nháp về việc làm" in drafts
        assert "local-staff-home" not in html
        assert "coordinator-home" not in html

    def test_a_moderator_sees_what_awaits_their_review(self, client, editor, moderator, news_index):
        client.force_login(editor)
        add_url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])
        client.post(add_url, {**article_form("Bài chờ duyệt"), "action-submit": "Submit"})
        html = home(client, moderator)
        assert "editor-home" in html
        assert "Bài chờ duyệt" in html.split('id="awaiting-review', 1)[1]

    def test_another_editors_draft_is_not_mine(self, client, editor, make_staff, news_index):
        other = make_staff(Role.EDITOR, username="bien-tap-2")
        client.force_login(other)
        add_url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])
        client.post(add_url, article_form("Nháp của người khác"))
        client.logout()
        html = home(client, editor)
        assert "Nháp của người khác" not in html.split("data-my-drafts>")[1]


@pytest.mark.django_db
class TestCoordinatorHome:
    def test_awaiting_approval_reporting_rate_and_units_not_reported(
        self, client, coordinator, province, district, other_district
    ):
        ReportingPeriod.objects.create(unit=district, month=LAST_MONTH, status=Status.SUBMITTED)
        html = home(client, coordinator)
        awaiting = html.split("data-awaiting>")[1].split("</ul>")[0]
        assert "Biên Hòa" in awaiting
        assert "1 trên 2 đơn vị đã báo cáo (50%)" in html
        not_reported = html.split("data-not-reported>")[1].split("</ul>")[0]
        assert "Xuân Lộc" in not_reported
        assert "Biên Hòa" not in not_reported
        assert f'href="{reverse("campaigns_report")}"' in html

    def test_flags_a_month_far_above_the_units_usual(
        self, client, coordinator, province, district, leaflets
    ):
        for back in range(2, 6):
            ActivityRecordFactory(
                unit=district, indicator=leaflets, quantity=100,
                date=months_before(LAST_MONTH, back - 1),
            )  # fmt: skip
        ActivityRecordFactory(unit=district, indicator=leaflets, quantity=50_000, date=LAST_MONTH)
        html = home(client, coordinator)
        flags = html.split("data-flags>")[1].split("</ul>")[0]
        assert "Biên Hòa" in flags
        assert "Tờ rơi" in flags

    def test_costs_the_same_for_two_units_or_ten(
        self, client, coordinator, province, district, other_district, leaflets
    ):
        ActivityRecordFactory(unit=district, indicator=leaflets, date=LAST_MONTH)
        client.force_login(coordinator)
        client.get(reverse("wagtailadmin_home"))
        few = queries_for_home(client)
        for code in range(750, 758):
            unit = DistrictFactory(code=str(code), name=f"Huyện {code}", parent=province)
            ActivityRecordFactory(unit=unit, indicator=leaflets, date=LAST_MONTH)
            ReportingPeriod.objects.filter(unit=unit, month=LAST_MONTH).update(
                status=Status.SUBMITTED
            )
        assert queries_for_home(client) == few


@pytest.mark.django_db
def test_coordinators_see_figures_confirmed_as_unusual(client, coordinator, district, leaflets):
    ActivityRecordFactory(
        unit=district, indicator=leaflets, quantity=50_000, date=LAST_MONTH,
        unusual=True, unusual_note="Ngày hội tại KCN Amata",
    )  # fmt: skip
    html = home(client, coordinator)
    assert "Ngày hội tại KCN Amata" in html.split("data-unusual-records>")[1]
