"""What an editor puts behind a page's view restriction (a password, sign-in, or groups) stays
there: the page is left out of every public list, and its documents and pictures are not served
to a reader who has not passed the restriction.

A file is private when pages use it (Wagtail's reference index: foreign keys, chooser blocks and
rich-text links) and every one of them is restricted. A file also used by a public page, or by
no page at all (only a snippet or the library), stays public as before. A rich-text link to a
restricted page keeps its words but is no link, as Wagtail shows a link to a deleted page.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, IntegerField, OuterRef
from django.db.models.functions import Cast, Left, Length
from django.utils.html import escape

from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.rich_text.pages import PageLinkHandler


def restrictions_over(path_ref="path"):
    """The view restrictions on a page or any of its ancestors (their paths prefix its own)."""
    return PageViewRestriction.objects.filter(
        page__path=Left(OuterRef(path_ref), Length("page__path"))
    )


def unrestricted(queryset):
    """The pages of `queryset` behind no view restriction, asked inside the same query (Wagtail's
    `.public()` runs a query of its own first)."""
    return queryset.exclude(Exists(restrictions_over()))


def pages_using(obj):
    """The live pages that use `obj`, according to Wagtail's reference index."""
    # The index keeps ids as text (any model's key); PostgreSQL compares only like with like.
    page_ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values(page_id=Cast("object_id", IntegerField()))
    )
    return Page.objects.live().filter(pk__in=page_ids)


def may_serve(request, obj):
    """Whether this reader may have the document or picture `obj`: yes unless every live page
    using it is restricted and the reader has passed none of their restrictions."""
    pages = list(pages_using(obj).annotate(restricted=Exists(restrictions_over())))
    if not pages or any(not page.restricted for page in pages):
        return True
    return any(passed(request, page) for page in pages)


def passed(request, page):
    """Whether the reader has passed every restriction on `page` and its ancestors (Wagtail's own
    check: the password given in this session, signed in, or in one of the groups)."""
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


class PublicPageLinkHandler(PageLinkHandler):
    """Wagtail's rich-text page links, with no address for a page behind a view restriction:
    its slug and existence stay private, even where an editor linked it from a public page.
    (A restricted page linking another loses the link too: the handler does not know the page
    it draws for.)"""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        pages = cls.get_many(attrs_list)
        ids = [page.pk for page in pages if page]
        public = set(unrestricted(Page.objects.filter(pk__in=ids)).values_list("pk", flat=True))
        return [
            f'<a href="{escape(page.localized.url)}">' if page and page.pk in public else "<a>"
            for page in pages
        ]
