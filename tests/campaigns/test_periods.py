"""Monthly periods: submit, approve, return, reopen; an approved or closed month is locked on every route."""

import contextlib
import datetime
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from accounts.roles import Role
from accounts.staff import save_staff_account
from campaigns.models import ActivityRecord
from campaigns.months import last_year
from campaigns.periods.locks import PeriodLocked
from campaigns.periods.models import ReportingPeriod
from campaigns.reporting.review import ReviewRefused, act
from taxonomy.models import AdministrativeUnit
from tests.campaigns.record_forms import form_data
from tests.factories import (
    ActivityRecordFactory,
    AdministrativeUnitFactory,
    DistrictFactory,
    IndicatorFactory,
    SessionsIndicatorFactory,
)

JULY = datetime.date(2024, 7, 1)
Status = ReportingPeriod.Status


@pytest.fixture
def leaflets(db):
    return IndicatorFactory(code="leaflets", name="Tờ rơi")


@pytest.fixture
def own_record(district, leaflets):
    return ActivityRecordFactory(unit=district, indicator=leaflets, quantity=120, place="Ấp Một")


@pytest.fixture
def approved_july(district, district_staff, coordinator, own_record):
    act(district_staff, district, JULY, "submit")
    return act(coordinator, district, JULY, "approve")


@pytest.mark.django_db
class TestReviewCycle:
    def test_submit_approve_and_reopen(self, district, district_staff, coordinator):
        assert act(district_staff, district, JULY, "submit").status == Status.SUBMITTED
        period = act(coordinator, district, JULY, "approve")
        assert (period.status, period.decided_by) == (Status.APPROVED, coordinator)
        period = act(coordinator, district, JULY, "reopen", "Sai số liệu tờ rơi")
        assert (period.status, period.reopen_reason) == (Status.REOPENED, "Sai số liệu tờ rơi")
        assert act(district_staff, district, JULY, "submit").status == Status.SUBMITTED

    def test_return_needs_a_comment_and_allows_a_new_submission(
        self, district, district_staff, coordinator
    ):
        act(district_staff, district, JULY, "submit")
        with pytest.raises(ReviewRefused, match="cần sửa gì"):
            act(coordinator, district, JULY, "return", "  ")
        period = act(coordinator, district, JULY, "return", "Thiếu số người dự")
        assert (period.status, period.comment) == (Status.RETURNED, "Thiếu số người dự")
        assert act(district_staff, district, JULY, "submit").status == Status.SUBMITTED

    def test_reopen_needs_a_reason(self, approved_july, district, coordinator):
        with pytest.raises(ReviewRefused, match="lý do mở lại"):
            act(coordinator, district, JULY, "reopen", "")

    def test_only_a_submitted_month_can_be_approved(self, district, coordinator):
        with pytest.raises(ReviewRefused, match="đang mở"):
            act(coordinator, district, JULY, "approve")

    def test_a_month_that_has_not_started_cannot_be_submitted(self, district, district_staff):
        with pytest.raises(ReviewRefused, match="chưa bắt đầu"):
            act(district_staff, district, datetime.date(last_year(), 12, 1), "submit")

    @pytest.mark.parametrize("action", ["approve", "return", "reopen"])
    def test_district_staff_cannot_decide(self, district, district_staff, action):
        act(district_staff, district, JULY, "submit")
        with pytest.raises(ReviewRefused) as refused:
            act(district_staff, district, JULY, action, "lý do")
        assert refused.value.forbidden
        assert ReportingPeriod.objects.get(unit=district, month=JULY).status == Status.SUBMITTED

    def test_district_staff_cannot_submit_another_units_month(self, other_district, district_staff):
        with pytest.raises(ReviewRefused) as refused:
            act(district_staff, other_district, JULY, "submit")
        assert refused.value.forbidden
        assert not ReportingPeriod.objects.filter(unit=other_district).exists()


@pytest.mark.django_db
class TestLocking:
    def test_approved_month_refuses_new_edited_and_deleted_records(
        self, approved_july, district, leaflets, own_record
    ):
        with pytest.raises(PeriodLocked, match="đã được duyệt") as locked:
            ActivityRecordFactory(unit=district, indicator=leaflets, date=datetime.date(2024, 7, 2))
        assert "điều phối viên cấp tỉnh mới có thể mở lại" in str(locked.value)
        own_record.quantity = 999
        with pytest.raises(PeriodLocked):
            own_record.save()
        with pytest.raises(PeriodLocked):
            own_record.delete()
        own_record.refresh_from_db()
        assert own_record.quantity == 120

    def test_clean_names_the_reason_on_the_date(self, approved_july, district, leaflets):
        record = ActivityRecord(
            unit=district, indicator=leaflets, date=datetime.date(2024, 7, 9), quantity=5
        )
        with pytest.raises(ValidationError) as error:
            record.full_clean()
        assert "đã được duyệt" in error.value.message_dict["date"][0]

    def test_moving_a_record_out_of_a_locked_month_is_refused(self, approved_july, own_record):
        own_record.date = datetime.date(2024, 8, 1)
        with pytest.raises(PeriodLocked):
            own_record.save()

    def test_moving_a_record_into_a_locked_month_is_refused(
        self, approved_july, district, leaflets
    ):
        august = ActivityRecordFactory(
            unit=district, indicator=leaflets, date=datetime.date(2024, 8, 2)
        )
        august.date = datetime.date(2024, 7, 2)
        with pytest.raises(PeriodLocked):
            august.save()

    def test_other_months_and_units_stay_open(
        self, approved_july, district, other_district, leaflets
    ):
        ActivityRecordFactory(unit=district, indicator=leaflets, date=datetime.date(2024, 8, 2))
        ActivityRecordFactory(unit=other_district, indicator=leaflets, date=JULY)
        assert ActivityRecord.objects.count() == 3

    def test_a_commune_is_locked_by_its_districts_approval(self, approved_july, district, leaflets):
        commune = AdministrativeUnitFactory(
            code="25993", level=AdministrativeUnit.Level.COMMUNE, parent=district
        )
        with pytest.raises(PeriodLocked, match="Biên Hòa"):
            ActivityRecordFactory(unit=commune, indicator=leaflets, date=JULY)

    def test_reopening_unlocks(self, approved_july, district, coordinator, own_record):
        act(coordinator, district, JULY, "reopen", "Bổ sung buổi truyền thông")
        own_record.quantity = 130
        own_record.save()
        own_record.refresh_from_db()
        assert own_record.quantity == 130

    @override_settings(REPORTING_CLOSE_AFTER_DAYS=10)
    def test_a_month_closes_itself_after_the_closing_date(
        self, district, coordinator, leaflets, own_record
    ):
        with pytest.raises(PeriodLocked, match="đã khóa sổ") as locked:
            ActivityRecordFactory(unit=district, indicator=leaflets, date=JULY)
        assert "điều phối viên cấp tỉnh mới có thể mở lại" in str(locked.value)
        act(coordinator, district, JULY, "reopen", "Huyện báo cáo muộn")
        ActivityRecordFactory(unit=district, indicator=leaflets, date=JULY)

    @override_settings(REPORTING_CLOSE_AFTER_DAYS=None)
    def test_without_a_closing_date_months_stay_open(self, district, leaflets):
        ActivityRecordFactory(unit=district, indicator=leaflets, date=datetime.date(2000, 1, 3))
        assert ActivityRecord.objects.count() == 1


@pytest.mark.django_db
class TestAdminRecordScreens:
    """Locked is locked through the admin record screens, with the reason on the page."""

    def test_create_is_refused_with_the_reason(
        self, client, district_staff, approved_july, district, leaflets
    ):
        client.force_login(district_staff)
        response = client.post(reverse("activity_records:add"), form_data(district, leaflets))
        assert response.status_code == 200
        assert "đã được duyệt" in response.content.decode()
        assert ActivityRecord.objects.count() == 1

    def test_edit_is_refused(self, client, district_staff, approved_july, district, own_record):
        client.force_login(district_staff)
        response = client.post(
            reverse("activity_records:edit", args=[own_record.pk]),
            form_data(district, own_record.indicator, quantity="999"),
            follow=True,
        )
        assert "đã được duyệt" in response.content.decode()
        own_record.refresh_from_db()
        assert own_record.quantity == 120

    def test_delete_is_refused(self, client, district_staff, approved_july, own_record):
        client.force_login(district_staff)
        url = reverse("activity_records:delete", args=[own_record.pk])
        assert "đã được duyệt" in client.get(url).content.decode()
        response = client.post(url, follow=True)
        assert "đã được duyệt" in response.content.decode()
        assert ActivityRecord.objects.filter(pk=own_record.pk).exists()


@pytest.mark.django_db
class TestReviewScreens:
    def test_district_submits_and_coordinator_approves_through_the_screens(
        self, client, district_staff, coordinator, district, own_record
    ):
        client.force_login(district_staff)
        url = reverse("campaigns_reporting_period", args=["731", "2024-07"])
        page = client.get(url)
        assert [a for a, _label in page.context["actions"]] == ["submit"]
        client.post(reverse("campaigns_reporting_action", args=["731", "2024-07", "submit"]))
        client.force_login(coordinator)
        page = client.get(url)
        assert [a for a, _label in page.context["actions"]] == ["approve", "return"]
        assert page.context["rows"][0]["quantity"] == 120
        approved = client.post(
            reverse("campaigns_reporting_action", args=["731", "2024-07", "approve"]), follow=True
        )
        assert ReportingPeriod.objects.get(unit=district, month=JULY).status == Status.APPROVED
        # The month as the screens write it, not as the address does (2024-07).
        assert [str(m) for m in approved.context["messages"]] == [
            "Đã duyệt báo cáo tháng 07/2024 của Huyện Biên Hòa; số liệu tháng này đã được khóa."
        ]

    @pytest.mark.parametrize(
        "role, action, question, button",
        [
            ("staff", "submit", "Gửi báo cáo tháng 07/2024 của Huyện Biên Hòa?", "Gửi báo cáo"),
            (
                "coordinator",
                "approve",
                "Duyệt báo cáo tháng 07/2024 của Huyện Biên Hòa?",
                "Duyệt và khóa tháng",
            ),
        ],
    )
    def test_submitting_and_approving_are_asked_first_with_the_months_totals(
        self,
        client,
        district_staff,
        coordinator,
        district,
        own_record,
        role,
        action,
        question,
        button,
    ):
        if action == "approve":
            act(district_staff, district, JULY, "submit")
        client.force_login(district_staff if role == "staff" else coordinator)
        period = client.get(reverse("campaigns_reporting_period", args=["731", "2024-07"]))
        action_url = reverse("campaigns_reporting_action", args=["731", "2024-07", action])
        # The month's button only opens the question; nothing has changed yet.
        assert f'<form method="get" action="{action_url}"' in period.content.decode()
        asked = client.get(action_url)
        html = asked.content.decode()
        assert asked.status_code == 200
        assert question in html and f">{button}</button>" in html
        assert "Tờ rơi" in html and "120" in html  # the totals being sent or locked
        before = ReportingPeriod.objects.filter(unit=district, month=JULY).first()
        assert (before.status if before else Status.OPEN) != Status.APPROVED
        client.post(action_url)
        expected = Status.SUBMITTED if action == "submit" else Status.APPROVED
        assert ReportingPeriod.objects.get(unit=district, month=JULY).status == expected

    def test_asking_for_an_action_not_available_goes_back_to_the_month(
        self, client, district_staff, district
    ):
        client.force_login(district_staff)
        url = reverse("campaigns_reporting_action", args=["731", "2024-07", "approve"])
        response = client.get(url)
        assert response.url == reverse("campaigns_reporting_period", args=["731", "2024-07"])
        assert client.get(url.replace("approve", "reopen")).status_code == 404

    def test_the_screen_names_who_submitted_and_reviewed(
        self, client, district_staff, coordinator, district
    ):
        district_staff.first_name, district_staff.last_name = "Hà", "Lê Thu"
        district_staff.save()
        coordinator.first_name, coordinator.last_name = "Hương", "Võ Thị"
        coordinator.save()
        act(district_staff, district, JULY, "submit")
        act(coordinator, district, JULY, "approve")
        client.force_login(coordinator)
        url = reverse("campaigns_reporting_period", args=["731", "2024-07"])
        html = client.get(url).content.decode()
        assert "do Lê Thu Hà gửi lúc" in html
        assert "do Võ Thị Hương xem xét lúc" in html
        log = client.get(reverse("campaigns_audit_log")).content.decode()
        assert ">Lê Thu Hà</option>" in log and ">Võ Thị Hương</option>" in log

    def test_district_staff_cannot_approve_by_post(self, client, district_staff, district):
        act(district_staff, district, JULY, "submit")
        client.force_login(district_staff)
        response = client.post(
            reverse("campaigns_reporting_action", args=["731", "2024-07", "approve"])
        )
        # Wagtail's admin answers a PermissionDenied with a redirect to the dashboard.
        assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
        assert ReportingPeriod.objects.get(unit=district, month=JULY).status == Status.SUBMITTED

    @pytest.mark.parametrize("view", ["period", "action"])
    def test_another_units_month_is_not_found(self, client, district_staff, other_district, view):
        client.force_login(district_staff)
        if view == "period":
            response = client.get(reverse("campaigns_reporting_period", args=["741", "2024-07"]))
        else:
            response = client.post(
                reverse("campaigns_reporting_action", args=["741", "2024-07", "submit"])
            )
        assert response.status_code == 404
        assert not ReportingPeriod.objects.filter(unit=other_district).exists()

    def test_editors_cannot_open_the_screens(self, client, editor, district):
        client.force_login(editor)
        assert client.get(reverse("campaigns_reporting_months")).status_code == 302
        response = client.get(reverse("campaigns_reporting_period", args=["731", "2024-07"]))
        assert response.status_code == 302

    def test_approval_screen_flags_implausible_figures(
        self, client, coordinator, district, leaflets
    ):
        sessions = SessionsIndicatorFactory()
        ActivityRecordFactory(
            unit=district, indicator=sessions, quantity=30, attendees=12, date=JULY
        )
        for month in range(1, 7):
            ActivityRecordFactory(
                unit=district, indicator=leaflets, quantity=100, date=datetime.date(2024, month, 5)
            )
        ActivityRecordFactory(unit=district, indicator=leaflets, quantity=1500, date=JULY)
        client.force_login(coordinator)
        response = client.get(reverse("campaigns_reporting_period", args=["731", "2024-07"]))
        messages = [flag.message for flag in response.context["flags"]]
        assert any("30 buổi nhưng chỉ có 12 lượt người tham dự" in m for m in messages)
        assert any("gấp hơn mười lần mức thường lệ 100" in m for m in messages)

    def test_approval_screen_query_count_does_not_grow_with_records(
        self, client, coordinator, district, leaflets, django_assert_max_num_queries
    ):
        client.force_login(coordinator)
        url = reverse("campaigns_reporting_period", args=["731", "2024-07"])
        ActivityRecordFactory(unit=district, indicator=leaflets, date=JULY)
        client.get(url)  # warm the caches of the admin frame
        with django_assert_max_num_queries(30) as few:
            client.get(url)
        for day in range(1, 25):
            ActivityRecordFactory(
                unit=district, indicator=leaflets, date=datetime.date(2024, 7, day)
            )
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(url)


@pytest.mark.django_db
class TestCompleteness:
    def test_status_at_a_glance_and_the_reminder_list(
        self, client, coordinator, district_staff, district, other_district
    ):
        act(district_staff, district, JULY, "submit")
        act(coordinator, district, JULY, "approve")
        client.force_login(coordinator)
        response = client.get(reverse("campaigns_reporting_months"), {"year": 2024})
        rows = {unit.code: cells for unit, cells in response.context["rows"]}
        assert set(rows) == {"731", "741"}
        assert rows["731"][6]["period"].status == Status.APPROVED
        assert rows["741"][6]["period"].status == Status.OPEN
        assert response.context["reminder_month"] == datetime.date(2024, 12, 1)
        assert [u.code for u in response.context["waiting"]] == ["731", "741"]

    def test_one_units_months_run_down_the_screen(self, client, district_staff):
        client.force_login(district_staff)
        html = client.get(reverse("campaigns_reporting_months"), {"year": 2024}).content.decode()
        months = re.findall(r'<th scope="row">(\d\d/2024)</th>', html)
        assert months == [f"{m:02d}/2024" for m in range(1, 13)]

    def test_a_long_list_of_units_not_yet_reported_is_folded_with_its_number(
        self, client, coordinator, province
    ):
        for n in range(11):
            DistrictFactory(parent=province, code=f"8{n:02d}")
        client.force_login(coordinator)
        html = client.get(reverse("campaigns_reporting_months"), {"year": 2024}).content.decode()
        assert '<details class="foldable"><summary>11 đơn vị</summary>' in html

    def test_district_staff_see_only_their_units(self, client, district_staff, other_district):
        client.force_login(district_staff)
        response = client.get(reverse("campaigns_reporting_months"), {"year": 2024})
        assert [unit.code for unit, _cells in response.context["rows"]] == ["731"]

    def test_query_count_does_not_grow_with_units(
        self, client, coordinator, province, district, django_assert_max_num_queries
    ):
        client.force_login(coordinator)
        url = reverse("campaigns_reporting_months")
        client.get(url, {"year": 2024})
        with django_assert_max_num_queries(30) as few:
            client.get(url, {"year": 2024})
        for code in range(743, 753):
            unit = DistrictFactory(code=str(code), parent=province)
            staff, _ = save_staff_account(f"canbo-{code}", Role.LOCAL, [unit])
            act(staff, unit, JULY, "submit")
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get(url, {"year": 2024})
        assert len(response.context["rows"]) == 11


ACTION = st.sampled_from(["submit", "approve", "return", "reopen"])


class TestLockedExactlyWhenApproved(TestCase):
    """Whatever order people take the actions in, a record can be written exactly when the
    month is not approved."""

    @classmethod
    def setUpTestData(cls):
        province = AdministrativeUnitFactory(code="75")
        cls.district = DistrictFactory(code="731", parent=province)
        cls.indicator = IndicatorFactory(code="leaflets")
        cls.staff, _ = save_staff_account("canbo", Role.LOCAL, [cls.district])
        cls.coordinator, _ = save_staff_account("dieuphoi", Role.COORDINATOR)

    @settings(max_examples=30, deadline=None)
    @given(st.lists(st.tuples(ACTION, st.booleans()), max_size=12))
    def test_written_exactly_when_not_approved(self, steps):
        for action, by_coordinator in steps:
            user = self.coordinator if by_coordinator else self.staff
            with contextlib.suppress(ReviewRefused):
                act(user, self.district, JULY, action, "vì lý do")
            period = ReportingPeriod.objects.filter(unit=self.district, month=JULY).first()
            approved = period is not None and period.status == Status.APPROVED
            before = ActivityRecord.objects.count()
            try:
                ActivityRecordFactory(unit=self.district, indicator=self.indicator, date=JULY)
            except PeriodLocked:
                assert approved
            else:
                assert not approved
                assert ActivityRecord.objects.count() == before + 1
