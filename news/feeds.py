"""RSS and Atom feeds of the latest articles, filtered like the article list: ?audience=…&district=…&keyword=…

One pair per language: /feeds/articles.rss lists the Vietnamese articles, /en/feeds/articles.rss the
English ones."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from .listing import PublicationFilterForm, in_reader_language, matching
from .models import ArticlePage

FEED_LENGTH = 20


class ArticlesFeed(Feed):
    def get_object(self, request):
        form = PublicationFilterForm(request.GET, publications=self.publications())
        if not form.is_valid():
            raise Http404(_("Unknown feed filter."))
        self.request = request
        return {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}

    def title(self, filters):
        return _("Latest articles") + "".join(f" · {value}" for value in filters.values())

    def link(self, filters):
        return reverse("wagtail_serve", args=[""])  # the home page in the feed's language

    def description(self, filters):
        return _("News and guidance on preventing human trafficking.")

    @staticmethod
    def publications():
        return in_reader_language(ArticlePage.objects.all())

    def items(self, filters):
        return matching(self.publications(), filters)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers show the description as HTML; the standfirst is plain text.
        return escape(item.standfirst)

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.publication_date

    def item_updateddate(self, item):
        return item.last_published_at


class AtomArticlesFeed(ArticlesFeed):
    feed_type = Atom1Feed
    subtitle = ArticlesFeed.description
