"""A month's status reads at a glance and without colour: each of the five has its own colour
class, its own icon and its name, on the months grid and on a unit's month."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.periods.models import ReportingPeriod
from tests.factories import DistrictFactory

Status = ReportingPeriod.Status
ICONS = {
    "open": "edit",
    "submitted": "time",
    "approved": "lock",
    "returned": "warning",
    "reopened": "lock-open",
}


def badge(html, status):
    """The badge's markup for `status` in the page."""
    start = html.index(f'<span class="period-status period-status--{status}"')
    return html[start : html.index("</span></span>", start)]


@pytest.mark.django_db
class TestStatusBadges:
    def test_each_status_on_the_grid_has_its_colour_icon_and_name(
        self, client, coordinator, district
    ):
        for month, status in enumerate(
            [Status.SUBMITTED, Status.APPROVED, Status.RETURNED, Status.REOPENED], start=1
        ):
            ReportingPeriod.objects.create(
                unit=district, month=datetime.date(2024, month, 1), status=status
            )
        client.force_login(coordinator)
        response = client.get(reverse("campaigns_reporting_months"), {"year": 2024})
        html = response.content.decode()
        names = dict(Status.choices)
        for status, icon in ICONS.items():
            markup = badge(html, status)
            assert f"#icon-{icon}" in markup
            assert str(names[status]) in markup
        # The five icons differ, so the grid is not told apart by colour alone.
        assert len(set(ICONS.values())) == 5
        assert "Đã duyệt" in badge(html, "approved")

    def test_a_units_month_shows_its_badge(self, client, coordinator, district):
        ReportingPeriod.objects.create(
            unit=district, month=datetime.date(2024, 7, 1), status=Status.RETURNED, comment="Sai"
        )
        client.force_login(coordinator)
        html = client.get(
            reverse("campaigns_reporting_period", args=[district.code, "2024-07"])
        ).content.decode()
        assert "#icon-warning" in badge(html, "returned")

    def test_the_stylesheet_is_on_every_admin_screen(self, client, coordinator):
        client.force_login(coordinator)
        assert "css/admin-campaigns" in client.get(reverse("wagtailadmin_home")).content.decode()

    def test_the_grid_costs_the_same_for_two_units_or_eight(
        self, client, coordinator, province, district, django_assert_num_queries
    ):
        client.force_login(coordinator)
        url = reverse("campaigns_reporting_months")
        client.get(url, {"year": 2024})  # warm the session and site caches
        with CaptureQueriesContext(connection) as few:
            client.get(url, {"year": 2024})
        for code in range(750, 756):
            unit = DistrictFactory(code=str(code), name=f"Huyện {code}", parent=province)
            ReportingPeriod.objects.create(
                unit=unit, month=datetime.date(2024, 3, 1), status=Status.SUBMITTED
            )
        with django_assert_num_queries(len(few)):
            client.get(url, {"year": 2024})
