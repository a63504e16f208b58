"""The campaign screens sit in two menu groups, and each role sees the group it works in."""

import pytest

from django.test import RequestFactory
from django.utils import translation

from wagtail.admin.menu import admin_menu

ACTIVITIES = ("Số liệu", ["Bản ghi hoạt động", "Nhập từ bảng tính", "Nhập cả tháng", "Số liệu của tôi", "Báo cáo tháng"])  # fmt: skip
PROVINCE = ("Tổng hợp tỉnh", ["Báo cáo", "Nhật ký báo cáo", "Chỉ tiêu", "Chiến dịch"])


def campaign_groups(user):
    """{group label: [item labels in menu order]} of the campaign groups `user` is shown."""
    request = RequestFactory().get("/admin/")
    request.user = user
    with translation.override("vi"):
        return {
            str(group.label): [
                str(item.label)
                for item in sorted(
                    group.menu.menu_items_for_request(request), key=lambda i: i.order
                )
            ]
            for group in admin_menu.menu_items_for_request(request)
            if group.name.startswith("campaign-")
        }


@pytest.mark.django_db
class TestMenuGroups:
    def test_local_staff_see_their_activities_only(self, district_staff):
        assert campaign_groups(district_staff) == dict([ACTIVITIES])

    def test_coordinators_see_both_groups(self, coordinator):
        assert campaign_groups(coordinator) == dict([ACTIVITIES, PROVINCE])

    def test_editors_see_neither(self, editor):
        assert campaign_groups(editor) == {}

    def test_campaigns_adds_two_items_to_the_main_menu(self, coordinator):
        request = RequestFactory().get("/admin/")
        request.user = coordinator
        ours = [
            item.name
            for item in admin_menu.menu_items_for_request(request)
            if item.name.startswith("campaign")
        ]
        assert sorted(ours) == ["campaign-activities", "campaign-province"]
