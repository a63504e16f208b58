"""Give pages whose slug has Vietnamese letters a slug in plain letters, and keep their old
addresses (and those of the pages below them) working through permanent redirects.

WAGTAIL_ALLOW_UNICODE_SLUGS is off from now on (core/slugs.py), so no new page gets such a slug.
The home pages (depth 2) are skipped: their slug is not part of any address. Revisions get the new
slug too, or publishing an older draft would bring the old one back.
"""

from anyascii import anyascii

from django.db import migrations
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import uri_to_iri
from django.utils.text import slugify

TREEBEARD_STEP = 4  # characters of `path` per tree level


def ascii_slugs(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    Redirect = apps.get_model("wagtailredirects", "Redirect")
    ContentType = apps.get_model("contenttypes", "ContentType")
    page_type = ContentType.objects.get_for_model(Page)
    before = dict(Page.objects.values_list("pk", "url_path"))
    # Parents before children; each page is read again, as a parent's rename moves its url_path.
    for pk in Page.objects.filter(depth__gt=2).order_by("path").values_list("pk", flat=True):
        page = Page.objects.get(pk=pk)
        if page.slug.isascii():
            continue
        old_slug, old_url_path = page.slug, page.url_path
        page.slug = free_slug(Page, page, slugify(anyascii(old_slug)) or "trang")
        new_url_path = old_url_path.removesuffix(f"{old_slug}/") + f"{page.slug}/"
        subtree = list(Page.objects.filter(path__startswith=page.path))
        for p in subtree:
            p.url_path = new_url_path + p.url_path.removeprefix(old_url_path)
            if p.pk == page.pk:
                p.slug = page.slug
        Page.objects.bulk_update(subtree, ["slug", "url_path"])

        for revision in Revision.objects.filter(base_content_type=page_type, object_id=str(pk)):
            slug = revision.content.get("slug", "")
            if not slug.isascii():
                revision.content["slug"] = page.slug if slug == old_slug else slugify(anyascii(slug))
                revision.save(update_fields=["content"])

    # Every page that moved keeps its old address, as readers had it.
    roots = site_roots(apps)
    for pk, url_path in Page.objects.values_list("pk", "url_path"):
        old_address = reader_address(before[pk], roots) if url_path != before[pk] else None
        if old_address:
            site_id, old_path = old_address
            Redirect.objects.get_or_create(
                old_path=old_path,
                site_id=site_id,
                defaults={
                    "redirect_page_id": pk,
                    "is_permanent": True,
                    "automatically_created": True,
                },
            )


def site_roots(apps):
    """(site id, language code, url_path of that language's home page), longest path first."""
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    roots = []
    for site in Site.objects.select_related("root_page"):
        for home in Page.objects.filter(
            translation_key=site.root_page.translation_key
        ).select_related("locale"):
            roots.append((site.pk, home.locale.language_code, home.url_path))
    return sorted(roots, key=lambda root: len(root[2]), reverse=True)


def reader_address(url_path, roots):
    """(site id, the path a reader used, as Wagtail's redirects store it), or None outside every
    site."""
    for site_id, language_code, root_path in roots:
        if url_path.startswith(root_path):
            with translation.override(language_code):
                path = reverse("wagtail_serve", args=[url_path.removeprefix(root_path)])
            return site_id, uri_to_iri(path).rstrip("/") or "/"
    return None


def free_slug(Page, page, slug):
    """`slug`, or `slug-2`, `slug-3`…, whichever no sibling of `page` has."""
    parent_path = page.path[:-TREEBEARD_STEP]
    taken = set(
        Page.objects.filter(depth=page.depth, path__startswith=parent_path)
        .exclude(pk=page.pk)
        .values_list("slug", flat=True)
    )
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_unguessable_media_names"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(ascii_slugs, migrations.RunPython.noop)]
