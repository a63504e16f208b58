"""Publishing permissions for the roles created in accounts/0002_roles."""

from django.db import migrations

from accounts.roles import grant_permissions

PERMISSIONS = {
    "Biên tập viên": ["news.view_programmecontact", "news.view_downloadcount"],
    "Kiểm duyệt viên": [
        "news.add_programmecontact",
        "news.change_programmecontact",
        "news.delete_programmecontact",
        "news.view_programmecontact",
        "news.view_downloadcount",
    ],
    "Điều phối viên cấp tỉnh": [
        "news.add_programmecontact",
        "news.change_programmecontact",
        "news.view_programmecontact",
        "news.view_downloadcount",
    ],
}


def add_permissions(apps, schema_editor):
    grant_permissions(apps, PERMISSIONS)


def remove_permissions(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    for group in apps.get_model("auth.Group").objects.filter(name__in=PERMISSIONS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="news"))


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
