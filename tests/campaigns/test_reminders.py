"""`manage.py send_reminders`: staff whose unit's month is not submitted are reminded on the days
around the deadline, once a day; coordinators get a weekly digest; channels are pluggable.

The province goes through the 2025 reform: two districts until 30 June 2025, three communes and
wards from 1 July. With the deadline on the 5th and reminders 3 days before, on the day, 3 and 7
days after, July 2025 is reminded on 2, 5, 8 and 12 August 2025 (a Saturday, Tuesday, Friday and
Tuesday; the digest goes out on Mondays).
"""

import datetime
import io

import pytest
from bs4 import BeautifulSoup

from django.core import mail
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.users.models import UserProfile

from accounts.roles import Role
from campaigns.periods.models import ReportingPeriod
from campaigns.reminders.channels import Channel
from campaigns.reminders.checks import check_reminder_settings
from campaigns.reminders.models import ReminderPreference, ReminderSent
from taxonomy.models import AdministrativeUnit
from tests.factories import ActivityRecordFactory, AdministrativeUnitFactory, IndicatorFactory

Status = ReportingPeriod.Status
DISTRICT = AdministrativeUnit.Level.DISTRICT
COMMUNE = AdministrativeUnit.Level.COMMUNE
LAST_OLD_DAY = datetime.date(2025, 6, 30)
REFORM_DAY = datetime.date(2025, 7, 1)
MAY, JULY = datetime.date(2025, 5, 1), datetime.date(2025, 7, 1)
JULY_DEADLINE = datetime.date(2025, 8, 5)
MONDAY = datetime.date(2025, 8, 4)
JULY_REMINDER_DAYS = [
    datetime.date(2025, 8, 2),
    datetime.date(2025, 8, 5),
    datetime.date(2025, 8, 8),
    datetime.date(2025, 8, 12),
]


@pytest.fixture(autouse=True)
def reminder_settings(settings):
    """The documented defaults, whatever the environment says."""
    settings.REPORTING_DEADLINE_DAY = 5
    settings.REMINDER_DAYS = [-3, 0, 3, 7]
    settings.REMINDER_DIGEST_WEEKDAY = 1
    settings.REMINDER_CHANNELS = ["campaigns.reminders.channels.EmailChannel"]
    return settings


@pytest.fixture
def units(db):
    province = AdministrativeUnitFactory(code="75", name="Đồng Nai", designation="tỉnh")

    def unit(code, name, level, designation, **dates):
        return AdministrativeUnitFactory(
            code=code, name=name, parent=province, level=level, designation=designation, **dates
        )

    return {
        "Biên Hòa": unit("731", "Biên Hòa", DISTRICT, "thành phố", valid_to=LAST_OLD_DAY),
        "Xuân Lộc": unit("741", "Xuân Lộc", DISTRICT, "huyện", valid_to=LAST_OLD_DAY),
        "Trấn Biên": unit("26041", "Trấn Biên", COMMUNE, "phường", valid_from=REFORM_DAY),
        "Biên Hòa 2": unit("26068", "Biên Hòa", COMMUNE, "phường", valid_from=REFORM_DAY),
        "Xuân Lộc 2": unit("26101", "Xuân Lộc", COMMUNE, "xã", valid_from=REFORM_DAY),
    }


@pytest.fixture
def local_staff(make_staff):
    """Local staff of a unit, with an e-mail address, named after it."""

    def make(unit, username, email=True):
        user = make_staff(Role.LOCAL, [unit], username=username)
        user.first_name, user.last_name = "Lan", "Nguyễn Thị"
        user.email = f"{username}@example.vn" if email else ""
        user.save()
        return user

    return make


@pytest.fixture
def staff(units, local_staff):
    """One person for each unit: the districts' until the reform, the communes' after it."""
    return {
        "Biên Hòa": local_staff(units["Biên Hòa"], "bienhoa"),
        "Xuân Lộc": local_staff(units["Xuân Lộc"], "xuanloc"),
        "Trấn Biên": local_staff(units["Trấn Biên"], "tranbien"),
        "Biên Hòa 2": local_staff(units["Biên Hòa 2"], "phuongbienhoa"),
        "Xuân Lộc 2": local_staff(units["Xuân Lộc 2"], "xaxuanloc"),
    }


@pytest.fixture
def coordinator_with_email(coordinator):
    coordinator.email = "dieuphoi@example.vn"
    coordinator.first_name, coordinator.last_name = "Minh", "Trần Văn"
    coordinator.save()
    return coordinator


def period(unit, first, status, **fields):
    return ReportingPeriod.objects.create(unit=unit, month=first, status=status, **fields)


def run(*args):
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def run_on(day, *args):
    return run("--date", day.isoformat(), *args)


def sent_to():
    return sorted(address for message in mail.outbox for address in message.to)


def message_to(address):
    [message] = [message for message in mail.outbox if address in message.to]
    return message


class TestWhoIsReminded:
    def test_exactly_the_units_that_have_not_submitted(self, units, staff):
        period(units["Trấn Biên"], JULY, Status.SUBMITTED)
        period(units["Biên Hòa 2"], JULY, Status.RETURNED, comment="Thiếu số buổi truyền thông.")
        # Xuân Lộc 2 has no period at all: open. An approved month elsewhere changes nothing.
        period(units["Biên Hòa"], MAY, Status.APPROVED)

        output = run_on(JULY_DEADLINE)

        assert sent_to() == ["phuongbienhoa@example.vn", "xaxuanloc@example.vn"]
        returned = message_to("phuongbienhoa@example.vn")
        assert returned.subject == "Phường Biên Hòa: hôm nay là hạn báo cáo tháng 07/2025"
        assert "Thiếu số buổi truyền thông." in returned.body
        assert "Kính gửi Nguyễn Thị Lan," in returned.body
        opened = message_to("xaxuanloc@example.vn").body
        assert "Báo cáo tháng 07/2025 của Xã Xuân Lộc chưa được gửi." in opened
        # The exact month: its entry screen and its report screen, as absolute addresses.
        assert "http://testserver/admin/campaigns/entry/26101/2025-07/" in opened
        assert "http://testserver/admin/campaigns/reports/26101/2025-07/" in opened
        # How to turn them off, in every message.
        assert all(
            "http://testserver/admin/account/#tab-notifications" in m.body for m in mail.outbox
        )
        assert "05/08/2025: đã gửi 2 lời nhắc cho cán bộ của 2 đơn vị (tháng: 07/2025)" in output

    def test_approved_and_submitted_months_are_left_alone(self, units, staff):
        for name in ("Trấn Biên", "Biên Hòa 2"):
            period(units[name], JULY, Status.APPROVED)
        period(units["Xuân Lộc 2"], JULY, Status.SUBMITTED)
        run_on(JULY_DEADLINE)
        assert mail.outbox == []

    def test_a_reopened_month_is_reminded_with_its_reason(self, units, staff):
        for name in ("Trấn Biên", "Biên Hòa 2"):
            period(units[name], JULY, Status.APPROVED)
        period(units["Xuân Lộc 2"], JULY, Status.REOPENED, reopen_reason="Sai số tờ rơi.")
        run_on(JULY_DEADLINE)
        assert sent_to() == ["xaxuanloc@example.vn"]
        assert "Sai số tờ rơi." in mail.outbox[0].body

    def test_staff_who_turned_reminders_off_get_nothing(self, units, staff):
        ReminderPreference.objects.create(user=staff["Trấn Biên"], reminders=False)
        ReminderPreference.objects.create(user=staff["Biên Hòa 2"], reminders=True)
        run_on(JULY_DEADLINE)
        assert sent_to() == ["phuongbienhoa@example.vn", "xaxuanloc@example.vn"]

    def test_inactive_accounts_and_those_without_an_address_get_nothing(
        self, units, staff, local_staff
    ):
        staff["Trấn Biên"].is_active = False
        staff["Trấn Biên"].save()
        local_staff(units["Xuân Lộc 2"], "khongthu", email=False)
        run_on(JULY_DEADLINE)
        assert sent_to() == ["phuongbienhoa@example.vn", "xaxuanloc@example.vn"]

    def test_districts_before_the_reform_and_communes_after(self, units, staff):
        run_on(datetime.date(2025, 6, 5))  # May's deadline
        assert sent_to() == ["bienhoa@example.vn", "xuanloc@example.vn"]
        assert message_to("bienhoa@example.vn").subject == (
            "Thành phố Biên Hòa: hôm nay là hạn báo cáo tháng 05/2025"
        )

        mail.outbox.clear()
        run_on(JULY_DEADLINE)
        assert sent_to() == [
            "phuongbienhoa@example.vn",
            "tranbien@example.vn",
            "xaxuanloc@example.vn",
        ]

    def test_staff_of_an_ended_district_get_nothing_after_it_ended(self, units, staff):
        """Biên Hòa ended on 30 June 2025. Its staff keep their (now ended) assignment until a
        coordinator gives them a commune; they hear nothing about July, nor about June, whose
        month they can no longer submit (the coordinators' digest lists it)."""
        run_on(datetime.date(2025, 7, 5))  # June's deadline
        run_on(JULY_DEADLINE)
        assert "bienhoa@example.vn" not in sent_to()
        assert "xuanloc@example.vn" not in sent_to()

    def test_someone_with_two_units_hears_about_each(self, units, staff):
        """Each message is about one unit's month and links to it."""
        user = staff["Trấn Biên"]
        user.unit_assignments.create(unit=units["Xuân Lộc 2"])
        run_on(JULY_DEADLINE)
        subjects = sorted(m.subject for m in mail.outbox if user.email in m.to)
        assert subjects == [
            "Phường Trấn Biên: hôm nay là hạn báo cáo tháng 07/2025",
            "Xã Xuân Lộc: hôm nay là hạn báo cáo tháng 07/2025",
        ]

    def test_in_the_language_the_person_chose(self, units, staff):
        profile = UserProfile.get_for_user(staff["Trấn Biên"])
        profile.preferred_language = "en"
        profile.save()
        run_on(JULY_DEADLINE)
        english = message_to("tranbien@example.vn")
        assert english.subject == "Tran Bien: the report for 07/2025 is due today"
        assert "Dear Nguyễn Thị Lan," in english.body
        assert message_to("xaxuanloc@example.vn").subject.startswith("Xã Xuân Lộc: hôm nay")


class TestWhen:
    def test_only_on_the_reminder_days(self, units, staff):
        days = {}
        day = datetime.date(2025, 7, 25)
        while day <= datetime.date(2025, 8, 20):
            mail.outbox.clear()
            run_on(day)
            if mail.outbox:
                days[day] = message_to("tranbien@example.vn").subject
            day += datetime.timedelta(days=1)
        assert list(days) == JULY_REMINDER_DAYS
        assert list(days.values()) == [
            "Phường Trấn Biên: báo cáo tháng 07/2025 đến hạn ngày 05/08/2025",
            "Phường Trấn Biên: hôm nay là hạn báo cáo tháng 07/2025",
            "Phường Trấn Biên: báo cáo tháng 07/2025 đã quá hạn 3 ngày",
            "Phường Trấn Biên: báo cáo tháng 07/2025 đã quá hạn 7 ngày",
        ]

    def test_a_month_submitted_after_the_first_reminder_hears_no_more(self, units, staff):
        run_on(JULY_REMINDER_DAYS[0])
        assert "tranbien@example.vn" in sent_to()
        period(units["Trấn Biên"], JULY, Status.SUBMITTED)
        mail.outbox.clear()
        run_on(JULY_REMINDER_DAYS[1])
        assert "tranbien@example.vn" not in sent_to()
        assert sent_to() == ["phuongbienhoa@example.vn", "xaxuanloc@example.vn"]

    def test_the_deadline_day_is_a_setting(self, units, staff, reminder_settings):
        reminder_settings.REPORTING_DEADLINE_DAY = 10
        run_on(JULY_DEADLINE)
        assert mail.outbox == []
        run_on(datetime.date(2025, 8, 10))
        assert len(mail.outbox) == 3


class TestOnce:
    def test_a_second_run_the_same_day_sends_nothing_twice(self, units, staff):
        first = run_on(JULY_DEADLINE)
        assert len(mail.outbox) == 3
        assert ReminderSent.objects.filter(day=JULY_DEADLINE).count() == 3

        second = run_on(JULY_DEADLINE)

        assert len(mail.outbox) == 3
        assert "đã gửi 3 lời nhắc" in first
        assert "đã gửi 0 lời nhắc" in second and "3 đã gửi trong ngày" in second

    def test_someone_added_later_that_day_gets_theirs_alone(self, units, staff, local_staff):
        run_on(JULY_DEADLINE)
        mail.outbox.clear()
        local_staff(units["Trấn Biên"], "canbomoi")
        run_on(JULY_DEADLINE)
        assert sent_to() == ["canbomoi@example.vn"]

    def test_the_next_reminder_day_sends_again(self, units, staff):
        run_on(JULY_REMINDER_DAYS[0])
        run_on(JULY_REMINDER_DAYS[1])
        assert len(mail.outbox) == 6

    def test_a_run_that_meets_another_runs_claims_sends_nothing_twice(
        self, units, staff, reminder_settings
    ):
        """A copy of the command started while this one sends: it finds the rows this one has
        claimed and sends none of them (`NestedRunChannel` starts it from inside a send)."""
        reminder_settings.REMINDER_CHANNELS = ["tests.campaigns.test_reminders.NestedRunChannel"]
        NestedRunChannel.runs = []
        NestedRunChannel.day = JULY_DEADLINE
        run_on(JULY_DEADLINE)
        outer, inner = NestedRunChannel.runs
        assert len(outer) == 3
        assert inner == []

    def test_a_failed_delivery_is_tried_again_at_the_next_run(
        self, units, staff, reminder_settings
    ):
        reminder_settings.REMINDER_CHANNELS = [
            "tests.campaigns.test_reminders.FailingChannel",
            "campaigns.reminders.channels.EmailChannel",
        ]
        with pytest.raises(CommandError, match="3 lời nhắc không gửi được"):
            run_on(JULY_DEADLINE)
        # The other channel still delivered; the failed ones are not marked as sent.
        assert len(mail.outbox) == 3
        assert set(ReminderSent.objects.values_list("channel", flat=True)) == {"email"}

        reminder_settings.REMINDER_CHANNELS = ["campaigns.reminders.channels.EmailChannel"]
        run_on(JULY_DEADLINE)
        assert len(mail.outbox) == 3


class RecordingChannel(Channel):
    """A channel that keeps what it is given, and reaches everyone, with or without e-mail."""

    name = "recording"
    received = []

    def reaches(self, user):
        return True

    def send(self, user, message):
        self.received.append((user.get_username(), message))


class FailingChannel(Channel):
    name = "failing"

    def reaches(self, user):
        return True

    def send(self, user, message):
        raise ConnectionError("the SMS gateway does not answer")


class NestedRunChannel(Channel):
    """Records every run's deliveries; its first delivery starts a second run of the same day."""

    name = "nested"
    runs = []

    def __init__(self):
        self.delivered = []
        self.runs.append(self.delivered)

    def reaches(self, user):
        return True

    def send(self, user, message):
        if len(self.runs) == 1 and not self.delivered:
            run_on(self.day)
        self.delivered.append(user.get_username())


class TestChannels:
    def test_a_fake_channel_receives_the_messages_and_no_email_is_sent(
        self, units, staff, local_staff, reminder_settings
    ):
        reminder_settings.REMINDER_CHANNELS = ["tests.campaigns.test_reminders.RecordingChannel"]
        RecordingChannel.received = []
        local_staff(units["Trấn Biên"], "khongthu", email=False)
        run_on(JULY_DEADLINE)
        assert mail.outbox == []
        received = dict(RecordingChannel.received)
        assert sorted(received) == ["khongthu", "phuongbienhoa", "tranbien", "xaxuanloc"]
        message = received["tranbien"]
        assert message.link == "http://testserver/admin/campaigns/reports/26041/2025-07/"
        assert message.subject == "Phường Trấn Biên: hôm nay là hạn báo cáo tháng 07/2025"
        assert message.link in message.text
        assert set(ReminderSent.objects.values_list("channel", flat=True)) == {"recording"}

    def test_a_wrong_setting_is_named_before_anything_is_sent(self, units, staff, settings):
        settings.REMINDER_CHANNELS = [
            "campaigns.reminders.channels.Pigeon",
            "campaigns.reminders.channels.Message",
        ]
        settings.REPORTING_DEADLINE_DAY, settings.REMINDER_DIGEST_WEEKDAY = 32, 0
        assert [error.id for error in check_reminder_settings(None)] == [
            "campaigns.E001",
            "campaigns.E002",
            "campaigns.E003",
            "campaigns.E003",
        ]
        with pytest.raises(SystemCheckError, match="REMINDER_CHANNELS"):
            call_command("send_reminders", "--date", "2025-08-05", skip_checks=False)
        assert mail.outbox == []

    def test_the_default_settings_pass_the_checks(self):
        assert check_reminder_settings(None) == []


class TestDigest:
    @pytest.fixture
    def july(self, units, staff):
        period(units["Trấn Biên"], JULY, Status.SUBMITTED)
        period(units["Biên Hòa 2"], JULY, Status.APPROVED)
        # Xuân Lộc 2 has not reported July.

    def test_what_awaits_the_coordinators(self, units, july, coordinator_with_email):
        run_on(MONDAY)
        [digest] = mail.outbox
        assert digest.to == ["dieuphoi@example.vn"]
        assert digest.subject == "Báo cáo tháng: tổng hợp trong tuần, 04/08/2025"
        body = digest.body
        assert "Kính gửi Trần Văn Minh," in body
        assert "1 tháng chờ duyệt" in body
        assert (
            "- Phường Trấn Biên · 07/2025: http://testserver/admin/campaigns/reports/26041/2025-07/"
        ) in body
        assert "Báo cáo tháng 07/2025" in body
        assert "2 trên 3 đơn vị đã báo cáo (67%)." in body
        not_reported = body.split("Chưa báo cáo:")[1].split("\n\n")[0]
        assert (
            "Xã Xuân Lộc: http://testserver/admin/campaigns/reports/26101/2025-07/" in not_reported
        )
        assert "Trấn Biên" not in not_reported
        assert "http://testserver/admin/campaigns/reports/" in body
        assert "http://testserver/admin/account/#tab-notifications" in body

    def test_unusual_figures_are_named(self, units, july, coordinator_with_email):
        leaflets = IndicatorFactory(code="leaflets", name="Tờ rơi")
        record = ActivityRecordFactory(
            unit=units["Trấn Biên"],
            indicator=leaflets,
            date=datetime.date(2025, 7, 20),
            quantity=9000,
            unusual=True,
            unusual_note="Hội chợ việc làm.",
        )
        run_on(MONDAY)
        body = mail.outbox[0].body
        assert "Số liệu bất thường đã được xác nhận khi nhập:" in body
        assert "Hội chợ việc làm." in body
        assert f"http://testserver/admin/activity_records/edit/{record.pk}/" in body

    def test_weekly_only(self, units, july, coordinator_with_email):
        days = []
        day = datetime.date(2025, 8, 1)
        while day <= datetime.date(2025, 8, 17):
            mail.outbox.clear()
            run_on(day)
            if "dieuphoi@example.vn" in sent_to():
                days.append(day)
            day += datetime.timedelta(days=1)
        assert days == [MONDAY, datetime.date(2025, 8, 11)]

    def test_nothing_awaiting_sends_nothing(self, units, coordinator_with_email):
        for name in ("Trấn Biên", "Biên Hòa 2", "Xuân Lộc 2"):
            period(units[name], JULY, Status.APPROVED)
        run_on(MONDAY)
        assert mail.outbox == []

    def test_once_a_day_and_opt_out(self, units, july, coordinator_with_email):
        run_on(MONDAY)
        run_on(MONDAY)
        assert len(mail.outbox) == 1
        ReminderPreference.objects.create(user=coordinator_with_email, reminders=False)
        run_on(datetime.date(2025, 8, 11))
        assert len(mail.outbox) == 1


class TestCommand:
    @pytest.mark.parametrize(
        "text", ["2025-13-01", "05/08/2025", "tomorrow", "2025-8-5", "1999-08-05", ""]
    )
    def test_a_bad_date_is_a_clear_error(self, db, text):
        with pytest.raises(CommandError, match="YYYY-MM-DD"):
            run("--date", text)

    def test_a_day_to_come_is_refused(self, db):
        day_after_tomorrow = timezone.localdate() + datetime.timedelta(days=2)
        with pytest.raises(CommandError, match="chưa đến"):
            run("--date", day_after_tomorrow.isoformat())

    def test_a_dry_run_says_who_would_get_what_and_sends_nothing(self, units, staff):
        output = run_on(JULY_DEADLINE, "--dry-run")
        assert mail.outbox == []
        assert not ReminderSent.objects.exists()
        assert "Chạy thử" in output
        assert "tranbien (email): Phường Trấn Biên: hôm nay là hạn báo cáo tháng 07/2025" in output
        assert "sẽ gửi 3 lời nhắc" in output

    def test_the_summary_is_in_the_active_language(self, units, staff):
        with translation.override("en"):
            output = run_on(JULY_DEADLINE)
        assert (
            "05/08/2025: sent 3 reminders to the staff of 3 units (months: 07/2025) and 0 weekly "
            "digests; 0 already sent today."
        ) in output

    def test_a_day_without_reminders_says_so(self, units, staff):
        output = run_on(datetime.date(2025, 8, 6))
        assert mail.outbox == []
        assert "đã gửi 0 lời nhắc" in output

    def test_the_query_count_does_not_grow_with_units(
        self, units, staff, local_staff, coordinator_with_email, reminder_settings,
        django_assert_max_num_queries,
    ):  # fmt: skip
        """The staff's reminders and the digest on one day: the same queries for 3 units as for
        43: the first run on 8 August, the second on 12 August, each the digest's day."""
        first_day, second_day = JULY_REMINDER_DAYS[2], JULY_REMINDER_DAYS[3]
        reminder_settings.REMINDER_DIGEST_WEEKDAY = first_day.isoweekday()
        with CaptureQueriesContext(connection) as few:
            run_on(first_day)
        assert len(mail.outbox) == 3 + 1

        province = units["Trấn Biên"].parent
        for number in range(40):
            commune = AdministrativeUnitFactory(
                code=f"27{number:03d}", name=f"Xã {number}", parent=province, level=COMMUNE,
                designation="xã", valid_from=REFORM_DAY,
            )  # fmt: skip
            local_staff(commune, f"xa{number}")
            if number % 2:
                period(commune, JULY, Status.SUBMITTED)
        reminder_settings.REMINDER_DIGEST_WEEKDAY = second_day.isoweekday()
        mail.outbox.clear()
        with django_assert_max_num_queries(len(few)):
            run_on(second_day)
        assert len(mail.outbox) == 3 + 20 + 1
        assert len(few) <= 20


class TestAccountSettings:
    def test_local_staff_find_the_switch_on_their_account(self, client, units, staff):
        client.force_login(staff["Trấn Biên"])
        html = client.get(reverse("wagtailadmin_account")).content.decode()
        assert 'name="reminders-reminders"' in html
        assert "Nhắc báo cáo tháng" in html

    def test_editors_are_not_offered_it(self, client, editor):
        client.force_login(editor)
        html = client.get(reverse("wagtailadmin_account")).content.decode()
        assert 'name="reminders-reminders"' not in html

    def test_turning_reminders_off_and_on_again(self, client, units, staff):
        """Through the account settings form as the browser sends it: a switch turned off sends
        no value."""
        user = staff["Trấn Biên"]
        client.force_login(user)

        def save(reminders):
            page = BeautifulSoup(client.get(reverse("wagtailadmin_account")).content, "html.parser")
            form = page.select_one('input[name="reminders-reminders"]').find_parent("form")
            data = {
                field["name"]: field.get("value", "")
                for field in form.select("input[name]")
                if field.get("type") not in ("checkbox", "radio", "file")
                or field.has_attr("checked")
            }
            for select in form.select("select[name]"):
                chosen = select.select_one("option[selected]") or select.select_one("option")
                data[select["name"]] = chosen.get("value", "")
            data.pop("reminders-reminders", None)
            if reminders:
                data["reminders-reminders"] = "on"
            assert client.post(reverse("wagtailadmin_account"), data).status_code == 302
            return ReminderPreference.objects.get(user=user).reminders

        assert save(reminders=False) is False
        run_on(JULY_DEADLINE)
        assert "tranbien@example.vn" not in sent_to()
        assert save(reminders=True) is True
        assert ReminderPreference.objects.filter(user=user).count() == 1
