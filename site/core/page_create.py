"""Wagtail's form for a new page, without autosave; the edit form of a saved page keeps it.

Wagtail 7.4 autosaves the add form as soon as something is typed, and that first autosave creates
the page: a draft in the tree, under the slug made from the title. An editor who opens "add
article", types a title and leaves (the usual way to give up on one) leaves that draft behind, and
a second try with the same title stops with "autosave is paused", the slug being the draft's. Here
a page exists only once its editor saves it; leaving the form unsaved asks first, as Wagtail does
without autosave. On a saved page an autosave only adds a revision, so the edit form keeps it
(docs/publishing.md).
"""

from django.urls import path
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages import create


class CreateView(create.CreateView):
    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "autosave_enabled": False,
            "autosave_indicator": None,
        }


# Placed before Wagtail's admin URLs, at the same address, so `wagtailadmin_pages:add` leads here;
# wrapped as Wagtail wraps its own admin views.
url = path(
    "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/"
    "<int:parent_page_id>/",
    never_cache(require_admin_access(CreateView.as_view())),
)
