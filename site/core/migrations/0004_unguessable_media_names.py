"""Move original images and documents uploaded before core/storage.py into random folders.

A file missing from storage keeps its name (nothing to move, and the row stays as it was).
Renditions are named after the original's file name only, so they stay valid.
"""

import posixpath

from django.core.files.storage import default_storage
from django.db import migrations

from core.storage import PRIVATE_FOLDERS, unguessable_name


def move_files(apps, schema_editor):
    for app_label, model_name in (("wagtailimages", "Image"), ("wagtaildocs", "Document")):
        model = apps.get_model(app_label, model_name)
        max_length = model._meta.get_field("file").max_length
        for item in model.objects.exclude(file=""):
            old = item.file.name
            if posixpath.dirname(old) not in PRIVATE_FOLDERS:
                continue  # already in a random folder, or somewhere we do not manage
            if not default_storage.exists(old):
                continue
            with default_storage.open(old, "rb") as content:
                new = default_storage.save(unguessable_name(old), content, max_length=max_length)
            model.objects.filter(pk=item.pk).update(file=new)
            default_storage.delete(old)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_site_settings_in_english"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(move_files, migrations.RunPython.noop)]
