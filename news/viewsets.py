"""Admin screens for publishing data that is not a page, registered in wagtail_hooks.py."""

from django.utils.translation import gettext_lazy as _

from core.snippets import SnippetViewSet

from .models import DownloadCount, ProgrammeContact, SearchMiss, SearchSynonym


class ProgrammeContactViewSet(SnippetViewSet):
    model = ProgrammeContact
    icon = "site"
    menu_label = _("Programme contacts")
    add_to_admin_menu = True
    menu_order = 330
    list_display = ["unit", "office", "phone", "hours"]
    search_fields = ["office", "unit__name"]
    search_backend_name = None


class DownloadCountViewSet(SnippetViewSet):
    """Downloads per file, for staff deciding what to reprint. Read-only for everyone but superusers."""

    model = DownloadCount
    icon = "download"
    menu_label = _("Downloads")
    add_to_admin_menu = True
    menu_order = 340
    list_display = ["page", "file", "count"]
    list_filter = ["file"]
    ordering = ["-count"]
    list_export = ["page", "file", "count"]


class SearchSynonymViewSet(SnippetViewSet):
    """Words readers use for the same thing; editors keep the list (news.search.engine)."""

    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_admin_menu = True
    menu_order = 350
    list_display = ["__str__"]
    search_fields = ["terms"]
    search_backend_name = None


class SearchMissViewSet(SnippetViewSet):
    """The searches that found nothing, most frequent first: counts only, never who searched.
    Read-only for everyone but superusers."""

    model = SearchMiss
    icon = "warning"
    menu_label = _("Searches with no results")
    add_to_admin_menu = True
    menu_order = 360
    list_display = ["query", "language", "count"]
    list_filter = ["language"]
    ordering = ["-count", "query"]
    search_fields = ["query"]
    search_backend_name = None
    list_export = ["query", "language", "count"]
