"""The site in the reader's language: which page tree they read, and the same page in the others.

Vietnamese is the default and lives at the root; English lives under /en/ in its own page tree,
whose home page is the English translation of the site's root page (Wagtail's internationalisation).
"""

from django.conf import settings
from django.db.models import Exists, Q
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import get_language

from wagtail.models import Site

from .private_content import restrictions_over


def reader_text(vietnamese, english):
    """Text for the reader's language: the English version on the English site when staff wrote
    one, the Vietnamese everywhere else."""
    return english if english and get_language() == "en" else vietnamese


def home_path(site, language_code):
    """The `url_path` of the site's home page in that language, or of its root page when the home
    page has no translation in that language.

    Wagtail keeps these paths in its cache (`Site.get_site_root_paths`), so this costs no query.
    """
    for root in Site.get_site_root_paths():
        if root.site_id == site.pk and root.language_code == language_code:
            return root.root_path
    return site.root_page.url_path


def language_versions(request, page=None):
    """For the language switcher and the `hreflang` links: each language with the address of this
    content in it. A page links to its live translation, or to that language's home page when it
    has none; any other view links to the same view in that language."""
    translations = {}
    if page is not None and getattr(page, "pk", None):
        # A translation behind a view restriction is not linked (core/private_content.py).
        shown = (
            page.get_translations(inclusive=True)
            .live()
            .filter(Q(pk=page.pk) | ~Exists(restrictions_over()))
        )
        translations = {
            translated.locale.language_code: translated.get_full_url(request)
            for translated in shown.select_related("locale")
        }
    current = get_language()
    versions = []
    for code, _name in settings.LANGUAGES:
        if code in translations:
            url, alternate = translations[code], True
        else:
            with translation.override(code):
                path, alternate = same_view_or_home(request, page)
            url = request.build_absolute_uri(path)
        versions.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": url,
                "current": code == current,
                "default": code == settings.LANGUAGE_CODE,
                # Search engines are told only of real equivalents, never of a home page fallback.
                "alternate": alternate,
            }
        )
    return versions


def same_view_or_home(request, page):
    """(address, is the same content) in the active language: the same view for anything but a
    page, else the home page."""
    match = getattr(request, "resolver_match", None)
    if page is None and match is not None and match.url_name != "wagtail_serve":
        try:
            return reverse(match.view_name, args=match.args, kwargs=match.kwargs), True
        except NoReverseMatch:
            pass
    return reverse("wagtail_serve", args=[""]), False
