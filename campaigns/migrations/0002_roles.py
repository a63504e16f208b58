"""Give the district staff and coordinator groups (accounts/0002_roles) their campaign permissions.

District staff record activity; which units they may record for comes from UnitAssignment.
Coordinators do everything here, including recording for any unit.
"""

from django.db import migrations

from accounts.roles import grant_permissions

DISTRICT_STAFF = "Cán bộ cấp huyện"
COORDINATORS = "Điều phối viên cấp tỉnh"

RECORDS = [f"campaigns.{action}_activityrecord" for action in ("add", "change", "delete", "view")]
PERMISSIONS = {
    DISTRICT_STAFF: [*RECORDS, "campaigns.view_indicator", "campaigns.view_campaign"],
    COORDINATORS: [
        *RECORDS,
        "campaigns.record_for_any_unit",
        *(
            f"campaigns.{action}_{model}"
            for action in ("add", "change", "delete", "view")
            for model in ("indicator", "campaign", "campaigntarget")
        ),
    ],
}


def grant(apps, schema_editor):
    grant_permissions(apps, PERMISSIONS)


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
