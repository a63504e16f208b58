"""Give district staff and coordinators their monthly reporting permissions.

District staff see and submit their units' months (which units comes from UnitAssignment).
Coordinators also approve, return and reopen months, and read the reporting audit log. Nobody
gets add, change or delete on the log: it cannot be edited through the product.
"""

from django.db import migrations

from accounts.roles import grant_permissions

DISTRICT_STAFF = "Cán bộ cấp huyện"
COORDINATORS = "Điều phối viên cấp tỉnh"

PERMISSIONS = {
    DISTRICT_STAFF: ["campaigns.view_reportingperiod", "campaigns.submit_reportingperiod"],
    COORDINATORS: [
        "campaigns.view_reportingperiod",
        "campaigns.submit_reportingperiod",
        "campaigns.approve_reportingperiod",
        "campaigns.view_reportinglogentry",
    ],
}


def grant(apps, schema_editor):
    grant_permissions(apps, PERMISSIONS)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ours = Permission.objects.filter(
        content_type__app_label="campaigns",
        content_type__model__in=["reportingperiod", "reportinglogentry"],
    )
    for group in Group.objects.filter(name__in=PERMISSIONS):
        group.permissions.remove(*ours)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("campaigns", "0003_reporting"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
