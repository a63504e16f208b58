"""One Wagtail locale per content language: Vietnamese (created by Wagtail from LANGUAGE_CODE) and
English. The English page tree hangs from the English translation of the home page."""

from django.db import migrations

LANGUAGE_CODES = ["vi", "en"]


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)


def remove_english(apps, schema_editor):
    # Only while no page or snippet uses it: Wagtail protects a locale that is in use.
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    if not Page.objects.filter(locale__language_code="en").exists():
        Locale.objects.filter(language_code="en").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_locales, remove_english)]
