from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Publishing")

    def ready(self):
        from .search import indexing

        # The reader search's index follows what it shows (news.search.indexing).
        indexing.connect_signals()
