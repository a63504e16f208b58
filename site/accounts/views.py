from django.utils.translation import gettext_lazy as _

from wagtail.admin.views import account
from wagtail.snippets.views.snippets import SnippetViewSet

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


class AccountView(account.AccountView):
    """Wagtail's account settings without the profile picture, for every account.

    A picture is an upload that skips the JPEG/PNG/WebP content check of images and documents
    (Wagtail takes any format Pillow reads), and it would be served from `/media/avatar_images/`,
    which the proxy does not serve (docs/security.md). District staff in particular upload nothing.
    Without the panel, a forged upload in the form's POST is ignored.
    """

    def get_panels(self):
        return [
            panel
            for panel in super().get_panels()
            if not isinstance(panel, account.AvatarSettingsPanel)
        ]
