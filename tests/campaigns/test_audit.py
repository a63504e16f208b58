"""The audit trail: every change logged with before and after, visible to the right people only,
exportable without formula injection, and not editable."""

import csv
import datetime
import io

import pytest

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wagtail.log_actions import LogContext

from campaigns.audit.log import export_lines
from campaigns.audit.models import ReportingLogEntry
from campaigns.models import ActivityRecord
from campaigns.reporting.review import act
from tests.campaigns.record_forms import form_data
from tests.factories import ActivityRecordFactory, IndicatorFactory

JULY = datetime.date(2024, 7, 1)


@pytest.fixture
def leaflets(db):
    return IndicatorFactory(code="leaflets", name="Tờ rơi")


@pytest.mark.django_db
class TestRecordChangesAreLogged:
    def test_admin_create_edit_delete_with_before_and_after(
        self, client, district_staff, district, leaflets
    ):
        client.force_login(district_staff)
        client.post(reverse("activity_records:add"), form_data(district, leaflets))
        record = ActivityRecord.objects.get()
        client.post(
            reverse("activity_records:edit", args=[record.pk]),
            form_data(district, leaflets, quantity="75", place="Ấp Hai"),
        )
        client.post(reverse("activity_records:delete", args=[record.pk]))
        entries = list(ReportingLogEntry.objects.filter(object_id=str(record.pk)).order_by("id"))
        # One entry per change: Wagtail's own value-less create/edit/delete entries are not doubled.
        assert [e.action for e in entries] == [
            "campaigns.record.create",
            "campaigns.record.edit",
            "campaigns.record.delete",
        ]
        assert all(e.user == district_staff for e in entries)
        assert all((e.unit, e.month) == (district, JULY) for e in entries)
        create, edit, delete = entries
        assert create.after["quantity"] == 50
        assert create.after["unit"] == "731"
        assert edit.changes() == [("quantity", 50, 75), ("place", "Xã Tân Hạnh", "Ấp Hai")]
        assert delete.before["quantity"] == 75
        assert delete.deleted

    def test_a_save_without_changes_logs_nothing(self, district, leaflets):
        record = ActivityRecordFactory(unit=district, indicator=leaflets)
        record.save()
        assert ReportingLogEntry.objects.filter(object_id=str(record.pk)).count() == 1

    def test_period_actions_are_logged_with_comment(self, district, district_staff, coordinator):
        act(district_staff, district, JULY, "submit")
        act(coordinator, district, JULY, "return", "Thiếu số người dự")
        entry = ReportingLogEntry.objects.filter(action="campaigns.period.return").get()
        assert (entry.user, entry.unit, entry.month) == (coordinator, district, JULY)
        assert entry.data == {
            "before": {"status": "submitted"},
            "after": {"status": "returned"},
            "comment": "Thiếu số người dự",
        }


@pytest.mark.django_db
class TestWhoSeesTheLog:
    def test_staff_see_their_records_history(self, client, district_staff, district, leaflets):
        record = ActivityRecordFactory(unit=district, indicator=leaflets, quantity=120)
        record.quantity = 130
        record.save()
        client.force_login(district_staff)
        html = client.get(reverse("activity_records:history", args=[record.pk])).content.decode()
        assert "số lượng: 120 → 130" in html

    def test_usage_screen_of_their_record_renders(self, client, district_staff, district, leaflets):
        record = ActivityRecordFactory(unit=district, indicator=leaflets)
        client.force_login(district_staff)
        response = client.get(reverse("activity_records:usage", args=[record.pk]))
        assert response.status_code == 200

    def test_district_staff_cannot_open_the_audit_log(self, client, district_staff):
        client.force_login(district_staff)
        assert client.get(reverse("campaigns_audit_log")).status_code == 302

    def test_site_history_shows_a_district_only_its_units(
        self, district_staff, district, other_district, leaflets
    ):
        ActivityRecordFactory(unit=district, indicator=leaflets)
        ActivityRecordFactory(unit=other_district, indicator=leaflets)
        visible = ReportingLogEntry.objects.viewable_by_user(district_staff)
        assert {e.unit for e in visible} == {district}

    def test_coordinator_filters_by_unit_month_and_person(
        self, client, coordinator, district_staff, district, other_district, leaflets
    ):
        ActivityRecordFactory(unit=district, indicator=leaflets, place="Ấp Một")
        ActivityRecordFactory(unit=other_district, indicator=leaflets, place="Ấp Hai")
        ActivityRecordFactory(
            unit=district, indicator=leaflets, date=datetime.date(2024, 8, 1), place="Ấp Ba"
        )
        act(district_staff, district, JULY, "submit")
        client.force_login(coordinator)
        url = reverse("campaigns_audit_log")

        def shown(**query):
            return list(client.get(url, query).context["page"].object_list)

        assert len(shown()) == 4
        assert {e.unit.code for e in shown(unit="731")} == {"731"}
        assert {e.month for e in shown(unit="731", month="2024-07")} == {JULY}
        assert [e.action for e in shown(user=district_staff.pk)] == ["campaigns.period.submit"]
        assert shown(month="not-a-month") == []

    def test_csv_export_is_safe_and_carries_vietnamese(
        self, client, coordinator, district, leaflets
    ):
        ActivityRecordFactory(
            unit=district, indicator=leaflets, place='=HYPERLINK("http://x")', note="Ấp Một"
        )
        client.force_login(coordinator)
        response = client.get(reverse("campaigns_audit_log"), {"export": "csv", "unit": "731"})
        assert response["Content-Type"].startswith("text/csv")
        text = response.content.decode("utf-8")
        assert text.startswith("\ufeff")
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
        cells = [cell for row in rows[1:] for cell in row]
        assert "Ấp Một" in cells
        assert '\'=HYPERLINK("http://x")' in cells
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


@pytest.mark.django_db
class TestTheLogCannotBeChanged:
    def test_entries_refuse_save_and_delete(self, district, leaflets):
        ActivityRecordFactory(unit=district, indicator=leaflets)
        entry = ReportingLogEntry.objects.get()
        entry.label = "đã sửa"
        with pytest.raises(PermissionDenied):
            entry.save()
        with pytest.raises(PermissionDenied):
            entry.delete()
        assert ReportingLogEntry.objects.get().label != "đã sửa"

    def test_coordinators_have_no_change_or_delete_permission(self, coordinator):
        assert coordinator.has_perm("campaigns.view_reportinglogentry")
        for action in ("add", "change", "delete"):
            assert not coordinator.has_perm(f"campaigns.{action}_reportinglogentry")


@pytest.mark.django_db
def test_export_lines_have_a_line_per_changed_field(district, leaflets):
    record = ActivityRecordFactory(unit=district, indicator=leaflets, quantity=3, place="A")
    record.quantity, record.place = 4, "B"
    record.save()
    lines = list(export_lines(ReportingLogEntry.objects.filter(action="campaigns.record.edit")))
    assert [(line[6], line[7], line[8]) for line in lines[1:]] == [
        ("quantity", 3, 4),
        ("place", "A", "B"),
    ]


@pytest.mark.django_db
def test_the_filtered_log_costs_the_same_for_five_entries_as_for_fifty(
    client, coordinator, district_staff, district, leaflets, django_assert_max_num_queries
):
    client.force_login(coordinator)
    url = reverse("campaigns_audit_log")
    query = {"unit": "731", "month": "2024-07", "user": district_staff.pk}
    with LogContext(user=district_staff):
        ActivityRecordFactory.create_batch(5, unit=district, indicator=leaflets)
    with django_assert_max_num_queries(25) as five:
        assert client.get(url, query).status_code == 200
    with LogContext(user=district_staff):
        ActivityRecordFactory.create_batch(45, unit=district, indicator=leaflets)
    with django_assert_max_num_queries(len(five.captured_queries)):
        response = client.get(url, query)
    assert len(response.context["page"].object_list) == 50


@pytest.mark.django_db
def test_the_history_speaks_peoples_language_not_codes(client, district_staff, district, leaflets):
    client.force_login(district_staff)
    client.post(reverse("activity_records:add"), form_data(district, leaflets))
    record = ActivityRecord.objects.get()
    client.post(
        reverse("activity_records:edit", args=[record.pk]),
        form_data(district, leaflets, quantity="75", date="20/07/2024"),
    )
    html = client.get(reverse("campaigns_reporting_period", args=["731", "2024-07"])).content
    history = html.decode().split("<h2>Lịch sử</h2>", 1)[1]
    # The indicator by its name, the unit by its name, dates as dd/mm/yyyy.
    assert "chỉ tiêu Tờ rơi" in history and "leaflets" not in history
    assert "đơn vị Biên Hòa" in history and ">731<" not in history
    assert "ngày: 30/07/2024 → 20/07/2024" in history and "2024-07" not in history
