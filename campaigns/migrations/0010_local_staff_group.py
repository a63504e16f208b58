"""Since the 2025 reform the staff who record figures work for communes and wards: their group
"Cán bộ cấp huyện" becomes "Cán bộ cấp xã", with the same permissions and members. It runs after
the migrations that granted the group its permissions under the old name."""

from django.db import migrations

OLD_NAME = "Cán bộ cấp huyện"
NEW_NAME = "Cán bộ cấp xã"


def rename(apps, schema_editor, before=OLD_NAME, after=NEW_NAME):
    apps.get_model("auth.Group").objects.filter(name=before).update(name=after)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, before=NEW_NAME, after=OLD_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0009_unusual_figures"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
