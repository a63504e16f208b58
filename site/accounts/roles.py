"""The four staff roles. Each is a Django group created by migration; code checks permissions,
never group names, so renaming a group in the admin breaks nothing but `staff_account --role`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EDITOR = "editor", _("Editor")
    MODERATOR = "moderator", _("Moderator")
    DISTRICT = "district", _("District staff")
    COORDINATOR = "coordinator", _("Province coordinator")


# Group names as staff see them in the admin. Wagtail's own "Editors" and "Moderators" groups are
# renamed to the first two by migration 0002, keeping the page permissions and workflow Wagtail gave them.
GROUP_NAMES = {
    Role.EDITOR: "Biên tập viên",
    Role.MODERATOR: "Kiểm duyệt viên",
    Role.DISTRICT: "Cán bộ cấp huyện",
    Role.COORDINATOR: "Điều phối viên cấp tỉnh",
}
