"""Editors and moderators keep the search synonyms and see the searches that found nothing."""

from django.db import migrations

from accounts.roles import grant_permissions

PERMISSIONS = {
    "Biên tập viên": [
        "news.add_searchsynonym",
        "news.change_searchsynonym",
        "news.delete_searchsynonym",
        "news.view_searchsynonym",
        "news.view_searchmiss",
    ],
    "Kiểm duyệt viên": [
        "news.add_searchsynonym",
        "news.change_searchsynonym",
        "news.delete_searchsynonym",
        "news.view_searchsynonym",
        "news.view_searchmiss",
    ],
}


def add_permissions(apps, schema_editor):
    grant_permissions(apps, PERMISSIONS)


def remove_permissions(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    codenames = [dotted.split(".")[1] for dotted in PERMISSIONS["Biên tập viên"]]
    for group in apps.get_model("auth.Group").objects.filter(name__in=PERMISSIONS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="news", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [("news", "0007_search_index"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
