"""The four staff roles. Each is a Django group created by migration; code checks permissions,
never group names, so renaming a group in the admin breaks nothing but `staff_account --role`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EDITOR = "editor", _("Editor")
    MODERATOR = "moderator", _("Moderator")
    # Staff of a commune or ward (of a district before the 2025 reform): they record and submit
    # the figures of their own units only.
    LOCAL = "local", _("Local staff")
    COORDINATOR = "coordinator", _("Province coordinator")

    @classmethod
    def _missing_(cls, value):
        # The role's name before the reform, in scripts and settings written then.
        return cls.LOCAL if value == "district" else None


# Group names as staff see them in the admin. Wagtail's own "Editors" and "Moderators" groups are
# renamed to the first two by migration 0002, keeping the page permissions and workflow Wagtail gave them.
GROUP_NAMES = {
    Role.EDITOR: "Biên tập viên",
    Role.MODERATOR: "Kiểm duyệt viên",
    Role.LOCAL: "Cán bộ cấp xã",
    Role.COORDINATOR: "Điều phối viên cấp tỉnh",
}


def grant_permissions(apps, permissions):
    """For data migrations: give each group ({name: ["app_label.codename", ...]}) its permissions.

    Django creates permissions only after all migrations have run, so they are created here first.
    Works on the historical models in `apps`, as a migration must.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group_name, dotted_names in permissions.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for dotted in dotted_names:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
