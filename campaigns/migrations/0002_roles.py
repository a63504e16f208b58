"""Give the district staff and coordinator groups (accounts/0002_roles) their campaign permissions.

District staff record activity; which units they may record for comes from UnitAssignment.
Coordinators do everything here, including recording for any unit.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

DISTRICT_STAFF = "Cán bộ cấp huyện"
COORDINATORS = "Điều phối viên cấp tỉnh"

RECORDS = ["add_activityrecord", "change_activityrecord", "delete_activityrecord", "view_activityrecord"]
PERMISSIONS = {
    DISTRICT_STAFF: [*RECORDS, "view_indicator", "view_campaign"],
    COORDINATORS: [
        *RECORDS,
        "record_for_any_unit",
        *(
            f"{action}_{model}"
            for action in ("add", "change", "delete", "view")
            for model in ("indicator", "campaign", "campaigntarget")
        ),
    ],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("campaigns")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group_name, codenames in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="campaigns", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ours = Permission.objects.filter(content_type__app_label="campaigns")
    for group in Group.objects.filter(name__in=PERMISSIONS):
        group.permissions.remove(*ours)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("campaigns", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
