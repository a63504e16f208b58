"""Keeping the search index true: each entry is rebuilt from the database when what it shows
changes (`news.apps` connects the signals), and `rebuild()` rebuilds them all.

An entry is always rebuilt from the stored page, never from the object being saved: saving a
draft saves the page object with its unpublished changes, which readers must not find.
"""

import itertools

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

from core.models import SiteSettings
from taxonomy.areas import Areas
from taxonomy.models import AdministrativeUnit, Audience

from ..models import (
    ArticlePage,
    HelpPage,
    Keyword,
    LeafletPage,
    PosterPage,
    ProgrammeContact,
    PublicationPage,
    contacts_by_former_district,
    stream_text,
)
from . import MAX_WORD_LENGTH, deletions, page_saved, stem, words
from .models import SearchEntry, SearchPosting, SearchWord, SearchWordVariant

KINDS = {
    ArticlePage: SearchEntry.Kind.ARTICLE,
    PosterPage: SearchEntry.Kind.POSTER,
    LeafletPage: SearchEntry.Kind.LEAFLET,
    HelpPage: SearchEntry.Kind.HELP,
}
# Longer texts are indexed up to here: enough for any leaflet, and a pasted book stays cheap.
MAX_TEXT_WORDS = 5000


def terms(parts, language):
    """{term: weight} for `parts`, a list of (text, weight): each word and each two words in a
    row, English words also by their stem, each term with the best weight it has."""
    found = {}
    for text, weight in parts:
        sequence = words(text)[:MAX_TEXT_WORDS]
        singles = set(sequence)
        if language == "en":
            singles |= {stem(word) for word in sequence}
        pairs = {f"{a} {b}" for a, b in itertools.pairwise(sequence)}
        for term in singles | pairs:
            if weight > found.get(term, 0):
                found[term] = weight
    return found


def store(lookup, fields, parts):
    """Create or replace the entry found by `lookup` with `fields`, and its postings."""
    with transaction.atomic():
        entry, _ = SearchEntry.objects.update_or_create(**lookup, defaults=fields)
        found = terms(parts, entry.language)
        entry.postings.all().delete()
        SearchPosting.objects.bulk_create(
            SearchPosting(entry=entry, term=term, weight=weight) for term, weight in found.items()
        )
        learn({term for term in found if " " not in term})
    return entry


def learn(new_words):
    """Add words the vocabulary has not seen, each filed under its one-letter deletions."""
    known = set(SearchWord.objects.filter(word__in=new_words).values_list("word", flat=True))
    unseen = [w for w in new_words - known if len(w) <= MAX_WORD_LENGTH and not w.isdigit()]
    if not unseen:
        return
    SearchWord.objects.bulk_create([SearchWord(word=w) for w in unseen], ignore_conflicts=True)
    ids = dict(SearchWord.objects.filter(word__in=unseen).values_list("word", "pk"))
    SearchWordVariant.objects.bulk_create(
        [
            SearchWordVariant(variant=variant, word_id=ids[word])
            for word in unseen
            for variant in deletions(word)
            if variant
        ],
        ignore_conflicts=True,
    )


def index_page(page):
    """Update the entry of a page (any page: those readers cannot search are left out)."""
    stored = Page.objects.filter(pk=page.pk).select_related("locale").first()
    specific = stored.specific if stored else None
    kind = KINDS.get(type(specific))
    if kind is None or not stored.live or stored.get_view_restrictions().exists():
        SearchEntry.objects.filter(page_id=page.pk).delete()
        return None
    language = stored.locale.language_code
    with translation.override(language):
        if kind == SearchEntry.Kind.HELP:
            return _index_help_page(specific, language)
        return _index_publication(specific, kind, language)


def _index_publication(page, kind, language):
    audiences = list(page.audiences.all())
    keywords = [tag.name for tag in page.keywords.all()]
    text = " ".join([page.standfirst, *page.body_search_text()])
    return store(
        {"page": page},
        {
            "kind": kind,
            "language": language,
            "title": page.title,
            "text": text,
            "audience_slugs": "".join(f" {a.slug} " for a in audiences),
            "date": page.publication_date,
        },
        [
            (page.title, SearchPosting.TITLE),
            (" ".join([*keywords, *(a.display_name for a in audiences)]), SearchPosting.KEYWORDS),
            (text, SearchPosting.TEXT),
        ],
    )


def _index_help_page(page, language):
    """The "Get help" page with what it shows: its support, the hotlines and the contact point
    of every commune and ward, so "đường dây nóng", "111" or a commune's name find it."""
    hotlines = []
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        for block in SiteSettings.for_site(site).hotlines:
            value = block.value
            label = value.get("label_en") if language == "en" else None
            hours = value.get("hours_en") if language == "en" else None
            hotlines.append(
                f"{label or value['label']} {value['number']} {hours or value.get('hours', '')}"
            )
    contacts = [
        " ".join(
            [
                contact.unit.display_name,
                contact.display_office,
                contact.address,
                contact.phone,
                contact.display_hours,
            ]
        )
        for _district, contacts in contacts_by_former_district()
        for contact in contacts
    ]
    support = stream_text(page.support)
    text = " ".join([page.introduction, *hotlines, *support, *contacts])
    # What readers call this page, in the page's language.
    names = _("hotline, get help, report a case, support, advice, contact")
    return store(
        {"page": page},
        {
            "kind": SearchEntry.Kind.HELP,
            "language": language,
            "title": page.title,
            "text": text,
            "audience_slugs": "",
            "date": None,
        },
        [
            (page.title, SearchPosting.TITLE),
            (" ".join([names, *hotlines]), SearchPosting.KEYWORDS),
            (text, SearchPosting.TEXT),
        ],
    )


def index_help_pages(**kwargs):
    """The help pages show the hotlines and the contact points: index them again when those
    change."""
    for page in HelpPage.objects.all():
        index_page(page)


def site_languages():
    return [code for code, _name in settings.LANGUAGES]


def index_audience(audience):
    for language in site_languages():
        with translation.override(language):
            store(
                {"audience": audience, "language": language},
                {
                    "kind": SearchEntry.Kind.AUDIENCE,
                    "title": audience.display_name,
                    "text": audience.display_description,
                    "audience_slugs": f" {audience.slug} ",
                    "date": None,
                },
                [
                    (audience.display_name, SearchPosting.TITLE),
                    (audience.display_description, SearchPosting.TEXT),
                ],
            )


def index_unit(unit, areas=None):
    """An area's page (`taxonomy.areas`), found by its name with its designation ("xã Tà Lài"),
    by the names of the units it was formed from or that took it over (so "Tân Phú" finds the
    communes of the former district too), and by its contact point. A unit that is no area
    (an old commune, a hamlet) has no entry."""
    areas = areas or Areas.today()
    if not areas.is_area(unit):
        SearchEntry.objects.filter(unit=unit).delete()
        return
    current = unit.existed_on(areas.day)
    contact = ProgrammeContact.objects.filter(unit=unit).first() if current else None
    related = [*areas.formed_from(unit), *areas.now_covering(unit)]
    for language in site_languages():
        with translation.override(language):
            parts = [related_unit.full_name for related_unit in related]
            if contact:
                parts += [
                    contact.display_office,
                    contact.address,
                    contact.phone,
                    contact.display_hours,
                ]
            text = " ".join(parts)
            title = unit.reader_name
            store(
                {"unit": unit, "language": language},
                {
                    "kind": SearchEntry.Kind.DISTRICT,
                    "title": title,
                    "text": text,
                    "audience_slugs": "",
                    "date": None,
                },
                [(unit.full_name, SearchPosting.TITLE), (text, SearchPosting.TEXT)],
            )


def rebuild():
    """Every entry from scratch: after loading data with the signals off, or to repair."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for model in KINDS:
            for page in model.objects.all():
                index_page(page)
        for audience in Audience.objects.all():
            index_audience(audience)
        areas = Areas.today()
        for unit in areas.all:
            index_unit(unit, areas)
    return SearchEntry.objects.count()


def _page_saved(sender, instance, **kwargs):
    index_page(instance)


def _subtree(instance, **kwargs):
    """A view restriction added or removed, or a page moved (perhaps under a restricted one)."""
    page = getattr(instance, "page", instance)
    if page is None or not Page.objects.filter(pk=page.pk).exists():
        return
    for model in KINDS:
        for descendant in model.objects.descendant_of(page, inclusive=True):
            index_page(descendant)


def _page_moved(sender, instance, **kwargs):
    _subtree(instance)


def _restriction_changed(sender, instance, **kwargs):
    _subtree(instance.page)


def _audience_saved(sender, instance, **kwargs):
    index_audience(instance)
    # Publications are found by their audiences' names too.
    for page in PublicationPage.objects.filter(audiences=instance):
        index_page(page)


def _keyword_saved(sender, instance, **kwargs):
    for page in PublicationPage.objects.filter(keyword_items__tag=instance):
        index_page(page)


def _unit_saved(sender, instance, **kwargs):
    index_unit(instance)
    index_help_pages()


def _contact_changed(sender, instance, **kwargs):
    if AdministrativeUnit.objects.filter(pk=instance.unit_id).exists():
        index_unit(instance.unit)
    index_help_pages()


def connect_signals():
    page_saved.connect(_page_saved, dispatch_uid="search_page")
    post_page_move.connect(_page_moved, dispatch_uid="search_move")
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction"
        )
        signal.connect(_contact_changed, sender=ProgrammeContact, dispatch_uid="search_contact")
    post_save.connect(_audience_saved, sender=Audience, dispatch_uid="search_audience")
    post_save.connect(_keyword_saved, sender=Keyword, dispatch_uid="search_keyword")
    post_save.connect(_unit_saved, sender=AdministrativeUnit, dispatch_uid="search_unit")
    post_save.connect(index_help_pages, sender=SiteSettings, dispatch_uid="search_settings")
