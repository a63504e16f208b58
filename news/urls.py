from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import feeds, views

urlpatterns = [
    path(_("for/<slug:slug>/"), views.audience, name="audience"),
    path(_("district/<str:code>/"), views.district, name="district"),
    path(_("search/"), views.search, name="search"),
    path("download/<int:page_id>/<str:kind>/", views.download, name="download"),
    path("feeds/articles.rss", feeds.ArticlesFeed(), name="articles_rss"),
    path("feeds/articles.atom", feeds.AtomArticlesFeed(), name="articles_atom"),
]
