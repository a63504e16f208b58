from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail.admin.auth import permission_required
from wagtail.admin.views import account

from core.snippets import SnippetChooserViewSet, SnippetViewSet

from .models import UnitAssignment


class UnitAssignmentChooserViewSet(SnippetChooserViewSet):
    """Wagtail opens every chooser to every admin user; this one lists who records for which unit,
    so it is for those who manage the assignments (coordinators) only."""

    def get_urlpatterns(self):
        managers_only = permission_required("accounts.change_unitassignment")
        return [
            path(str(pattern.pattern), managers_only(pattern.callback), name=pattern.name)
            for pattern in super().get_urlpatterns()
        ]


class UnitAssignmentViewSet(SnippetViewSet):
    model = UnitAssignment
    chooser_viewset_class = UnitAssignmentChooserViewSet
    icon = "user"
    menu_label = _("Unit assignments")
    add_to_settings_menu = True
    list_display = ["user", "unit", "valid_from", "valid_to"]
    list_filter = ["unit"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    search_backend_name = None


class AccountView(account.AccountView):
    """Wagtail's account settings without the profile picture, for every account.

    A picture is an upload that skips the JPEG/PNG/WebP content check of images and documents
    (Wagtail takes any format Pillow reads), and it would be served from `/media/avatar_images/`,
    which the proxy does not serve (docs/security.md). Local staff in particular upload nothing.
    Without the panel, a forged upload in the form's POST is ignored.
    """

    def get_panels(self):
        return [
            panel
            for panel in super().get_panels()
            if not isinstance(panel, account.AvatarSettingsPanel)
        ]
