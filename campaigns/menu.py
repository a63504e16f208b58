"""The two admin menu groups of the campaign data, so its screens read as two places, not eight.

- "Figures" (Số liệu): what everyone who counts does, a commune's staff as much as a
  coordinator: the records, the spreadsheet import, their own totals, the monthly reports.
- "Province summary" (Tổng hợp tỉnh): what only coordinators see: the province report, the
  reporting audit log, the indicators and the campaigns.

Each room registers its screens with `ACTIVITIES_HOOK` or `PROVINCE_HOOK`; a group whose items a
user may see none of is not shown to that user.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

ACTIVITIES_HOOK = "register_campaigns_activities_menu_item"
PROVINCE_HOOK = "register_campaigns_province_menu_item"


class PermissionMenuItem(MenuItem):
    """A menu item shown to those who hold `permission`, or pass `test(user)` when it is given."""

    def __init__(self, *args, permission=None, test=None, **kwargs):
        self.permission = permission
        self.test = test
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        if self.test is not None:
            return self.test(request.user)
        return request.user.has_perm(self.permission)


def menu_group(label, hook, name, icon_name, order):
    """A maker of the main-menu item that opens the items registered with `hook`."""

    def make():
        menu = Menu(register_hook_name=hook)
        return SubmenuMenuItem(label, menu, name=name, icon_name=icon_name, order=order)

    return make


activities_menu_item = menu_group(
    _("Figures"), ACTIVITIES_HOOK, "campaign-activities", "clipboard-list", 200
)
province_menu_item = menu_group(
    _("Province summary"), PROVINCE_HOOK, "campaign-province", "table", 210
)
