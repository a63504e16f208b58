"""Admin screens for the taxonomies, registered in wagtail_hooks.py."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column

from core.snippets import SnippetViewSet

from .models import AdministrativeUnit, Audience


class AdministrativeUnitViewSet(SnippetViewSet):
    model = AdministrativeUnit
    icon = "site"
    menu_label = _("Administrative units")
    add_to_admin_menu = True
    menu_order = 310
    list_display = [
        "code",
        Column("full_name", label=_("Full name")),
        "level",
        "parent",
        "valid_from",
        "valid_to",
    ]
    list_filter = ["level", "parent"]
    list_export = [
        "code",
        "designation",
        "name",
        "name_en",
        "level",
        "parent",
        "valid_from",
        "valid_to",
    ]
    search_fields = ["name", "code"]
    search_backend_name = None
    ordering = ["level", "code"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = _("Audiences")
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    search_backend_name = None
