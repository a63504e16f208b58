"""Delete renditions made before they got random folders (core/storage.py), file and row.

Their plain names (`images/<original name>.<filter>.jpg`) could be guessed for a picture used
only on a restricted page. Wagtail makes each one again, under a random folder, the first time
a page asks for it. Stored pages name the deleted files, so the page cache's generation is
counted up: every server draws its pages again within seconds (core.page_cache).
"""

import posixpath

from django.core.files.storage import default_storage
from django.db import migrations, models


def delete_plain_renditions(apps, schema_editor):
    rendition_model = apps.get_model("wagtailimages", "Rendition")
    for rendition in rendition_model.objects.exclude(file="").iterator():
        if posixpath.dirname(rendition.file.name) == "images":
            default_storage.delete(rendition.file.name)
            rendition.delete()
    generation = apps.get_model("core", "PageCacheGeneration")
    if not generation.objects.filter(pk=1).update(number=models.F("number") + 1):
        generation.objects.create(pk=1, number=1)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_page_cache_generation"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(delete_plain_renditions, migrations.RunPython.noop)]
