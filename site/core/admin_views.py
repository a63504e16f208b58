"""The base of our own admin screens (My totals, the report, two-step sign-in, ...)."""

from wagtail.admin.views.generic import WagtailAdminTemplateMixin


class AdminScreenMixin(WagtailAdminTemplateMixin):
    """Wagtail's admin screen, with the screen's own title after "Home" in its header.

    Wagtail's mixin shows only the "Home" breadcrumb, so the header of a screen of ours read
    "Trang chủ" whatever the screen was.
    """

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]
