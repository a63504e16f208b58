"""Wagtail's invisible root page is titled "Root", and editors see that title in the page
explorer's breadcrumbs: give it a Vietnamese one."""

from django.db import migrations


def rename(apps, schema_editor, title):
    Page = apps.get_model("wagtailcore.Page")
    Page.objects.filter(depth=1).update(title=title, draft_title=title)


class Migration(migrations.Migration):
    dependencies = [("home", "0003_body_streamfield"), ("wagtailcore", "0001_initial")]

    operations = [
        migrations.RunPython(
            lambda apps, editor: rename(apps, editor, "Gốc"),
            lambda apps, editor: rename(apps, editor, "Root"),
        )
    ]
