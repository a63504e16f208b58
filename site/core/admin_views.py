"""The base of our own admin screens (My totals, the report, two-step sign-in, ...)."""

from django.core.exceptions import PermissionDenied

from wagtail.admin.views.generic import WagtailAdminTemplateMixin


class AdminScreenMixin(WagtailAdminTemplateMixin):
    """Wagtail's admin screen, with the screen's own title after "Home" in its header.

    Wagtail's mixin shows only the "Home" breadcrumb, so the header of a screen of ours read
    "Trang chủ" whatever the screen was.
    """

    # The permission a user needs to open the screen, if one is enough to decide it.
    permission_required = None

    def dispatch(self, request, *args, **kwargs):
        if self.permission_required and not request.user.has_perm(self.permission_required):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]
