from django.utils.translation import gettext_lazy as _

from core.snippets import SnippetViewSet

from .models import UnitAssignment


class UnitAssignmentViewSet(SnippetViewSet):
    model = UnitAssignment
    icon = "user"
    menu_label = _("Unit assignments")
    add_to_settings_menu = True
    list_display = ["user", "unit"]
    list_filter = ["unit"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    search_backend_name = None
