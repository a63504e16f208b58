"""Editors and moderators may start a translation (wagtail.contrib.simple_translation's
"Translate" action): the English edition is written by the same communications staff."""

from django.db import migrations

from accounts.roles import grant_permissions

PERMISSIONS = {
    "Biên tập viên": ["simple_translation.submit_translation"],
    "Kiểm duyệt viên": ["simple_translation.submit_translation"],
}


def add_permissions(apps, schema_editor):
    grant_permissions(apps, PERMISSIONS)


def remove_permissions(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    translate = Permission.objects.filter(
        content_type__app_label="simple_translation", codename="submit_translation"
    )
    for group in apps.get_model("auth.Group").objects.filter(name__in=PERMISSIONS):
        group.permissions.remove(*translate)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_article_body_live_total"),
        ("accounts", "0002_roles"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
