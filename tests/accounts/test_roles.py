"""Each role can do exactly its job. District staff reach neither pages nor user management."""

import io

import pytest

from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from accounts.models import UnitAssignment
from accounts.roles import GROUP_NAMES, Role


def admin_get(client, user, url_name, *args):
    client.force_login(user)
    return client.get(reverse(url_name, args=args))


def can_reach(response):
    return response.status_code == 200


@pytest.mark.django_db
class TestGroups:
    def test_the_four_roles_exist_as_groups(self):
        assert set(Group.objects.values_list("name", flat=True)) == set(GROUP_NAMES.values())

    def test_editors_can_edit_pages_but_not_publish(self, editor, home_page):
        policy = PagePermissionPolicy()
        assert policy.user_has_permission_for_instance(editor, "change", home_page)
        assert policy.user_has_permission_for_instance(editor, "add", home_page)
        assert not home_page.permissions_for_user(editor).can_publish()

    def test_moderators_can_publish(self, moderator, home_page):
        assert home_page.permissions_for_user(moderator).can_publish()

    def test_pages_go_through_the_moderators_before_publishing(self, home_page):
        workflow = home_page.get_workflow()
        assert workflow is not None
        task = workflow.tasks.get().specific
        assert list(task.groups.values_list("name", flat=True)) == [GROUP_NAMES[Role.MODERATOR]]

    @pytest.mark.parametrize("role", [Role.LOCAL, Role.COORDINATOR])
    def test_data_roles_cannot_touch_pages(self, make_staff, district, home_page, role):
        user = make_staff(role, [district])
        policy = PagePermissionPolicy()
        for action in ["add", "change", "publish"]:
            assert not policy.user_has_permission_for_instance(user, action, home_page)
            assert not policy.user_has_permission_for_instance(
                user, action, Page.get_first_root_node()
            )


@pytest.mark.django_db
class TestDistrictStaffInTheAdmin:
    def test_can_sign_in_to_the_dashboard(self, client, district_staff):
        assert can_reach(admin_get(client, district_staff, "wagtailadmin_home"))

    @pytest.mark.parametrize(
        ("url_name", "args"),
        [
            ("wagtailadmin_explore_root", []),
            ("wagtailadmin_pages:add_subpage", [1]),
            ("wagtailusers_users:index", []),
            ("wagtailusers_users:add", []),
            ("wagtailusers_groups:index", []),
            ("wagtailimages:index", []),
            ("wagtaildocs:index", []),
            ("wagtailsnippets_taxonomy_administrativeunit:add", []),
            ("wagtailsnippets_accounts_unitassignment:list", []),
            ("wagtailsnippets_accounts_unitassignment:add", []),
            ("wagtailsettings:edit", ["core", "sitesettings"]),
        ],
    )
    def test_cannot_reach_pages_users_or_settings(self, client, district_staff, url_name, args):
        assert not can_reach(admin_get(client, district_staff, url_name, *args))

    def test_cannot_assign_themselves_another_district(
        self, client, district_staff, other_district
    ):
        client.force_login(district_staff)
        client.post(
            reverse("wagtailsnippets_accounts_unitassignment:add"),
            {"user": district_staff.pk, "unit": other_district.pk},
        )
        assert list(
            UnitAssignment.objects.filter(user=district_staff).values_list("unit__code", flat=True)
        ) == ["731"]


@pytest.mark.django_db
class TestCoordinatorsInTheAdmin:
    def test_can_add_a_commune_under_a_district(self, client, coordinator, district):
        client.force_login(coordinator)
        response = client.post(
            reverse("wagtailsnippets_taxonomy_administrativeunit:add"),
            {
                "code": "25993",
                "level": 3,
                "designation": "phường",
                "name": "Thanh Bình",
                "parent": district.pk,
                **nested_form_data({"successions": inline_formset([])}),
            },
        )
        assert response.status_code == 302
        assert district.children.get().code == "25993"

    def test_can_assign_a_district_to_a_staff_account(self, client, coordinator, editor, district):
        client.force_login(coordinator)
        response = client.post(
            reverse("wagtailsnippets_accounts_unitassignment:add"),
            {"user": editor.pk, "unit": district.pk},
        )
        assert response.status_code == 302

    @pytest.mark.parametrize("url_name", ["wagtailusers_users:index", "wagtailusers_groups:index"])
    def test_cannot_manage_users(self, client, coordinator, url_name):
        assert not can_reach(admin_get(client, coordinator, url_name))


@pytest.mark.django_db
class TestStaffAccountCommand:
    def test_creates_a_district_account_tied_to_its_unit(self, district):
        out = io.StringIO()
        call_command(
            "staff_account", "canbo.moi", "--role", "district", "--unit", "731", stdout=out
        )
        assert "canbo.moi" in out.getvalue()
        assignment = UnitAssignment.objects.get(user__username="canbo.moi")
        assert assignment.unit == district
        assert list(assignment.user.groups.values_list("name", flat=True)) == [
            GROUP_NAMES[Role.LOCAL]
        ]

    def test_running_it_again_moves_the_account_to_the_new_role(self, district):
        call_command(
            "staff_account", "nguoi", "--role", "district", "--unit", "731", stdout=io.StringIO()
        )
        call_command("staff_account", "nguoi", "--role", "coordinator", stdout=io.StringIO())
        assert not UnitAssignment.objects.filter(user__username="nguoi").exists()
        group_names = Group.objects.filter(user__username="nguoi").values_list("name", flat=True)
        assert list(group_names) == [GROUP_NAMES[Role.COORDINATOR]]

    def test_an_unknown_unit_code_is_refused_and_nothing_is_created(self, district):
        with pytest.raises(CommandError, match="999"):
            call_command(
                "staff_account", "sai", "--role", "district", "--unit", "999", stdout=io.StringIO()
            )
        assert not Group.objects.filter(user__username="sai").exists()

    def test_district_staff_need_a_unit(self, db):
        with pytest.raises(CommandError):
            call_command("staff_account", "khong", "--role", "district", stdout=io.StringIO())
