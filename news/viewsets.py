"""Admin screens for publishing data that is not a page, registered in wagtail_hooks.py."""

from django.utils.translation import gettext_lazy as _

from core.snippets import SnippetViewSet

from .models import DownloadCount, ProgrammeContact


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
