from django.urls import path, register_converter
from django.utils.translation import gettext_lazy as _

from . import feeds, views


class PageIdConverter:
    """A page's id: digits that fit the database's integer column, so an id of twenty digits is
    not found (404) rather than refused by the database (a server error)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(PageIdConverter, "page_id")

urlpatterns = [
    path(_("for/<slug:slug>/"), views.audience, name="audience"),
    # The address of an area keeps its pre-reform English name so that old links still work.
    path(_("district/<str:code>/"), views.area, name="area"),
    path(_("search/"), views.search, name="search"),
    path("download/<page_id:page_id>/<str:kind>/", views.download, name="download"),
    path("feeds/articles.rss", feeds.ArticlesFeed(), name="articles_rss"),
    path("feeds/articles.atom", feeds.AtomArticlesFeed(), name="articles_atom"),
]
