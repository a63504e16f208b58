"""Serving pages: Wagtail's own view, with the page found in two queries instead of one or two
per level of the tree, in the page tree of the reader's language.

Wagtail routes from the site's root page: it fetches the root, looks up the active locale and the
root's translation in it, then asks each page on the way down for its child. Pages here have no
routes of their own below them, so the page whose `url_path` is the home page's (in the reader's
language) plus the address is the answer. Anything else, a draft included, takes Wagtail's usual
way, which also answers 404.
"""

from django.urls import path, re_path
from django.utils.translation import get_language

from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.models import Page

from . import login_limits
from .languages import home_path
from .page_cache import find_site


def route(request, path):
    """The live page at `path` in the reader's language tree, as Wagtail's RouteResult, or None."""
    site = find_site(request)
    if site is None:
        return None
    url_path = home_path(site, get_language()) + "".join(
        f"{part}/" for part in path.split("/") if part
    )
    if url_path.count("/") == site.root_page.url_path.count("/"):
        # A home page: a translation of the site's root page, so of the same type.
        model = site.root_page.specific_class
    else:
        found = Page.objects.filter(url_path=url_path).only("content_type").first()
        if found is None:
            return None
        model = found.specific_class
    page = (
        model.objects.select_related(*getattr(model, "route_select_related", ()))
        .filter(url_path=url_path, live=True)
        .first()
    )
    return page.route(request, []) if page is not None else None


def serve(request, path):
    route_result = route(request, path)
    if route_result is not None:
        # Page.route_for_request keeps its answer here (its documented cache), so Wagtail's view and
        # everything after it in this request use the page found above.
        request._wagtail_route_for_request = route_result
    return wagtail_views.serve(request, path)


# Wagtail's front-end URLs with this view in place of its own, and its page-password form
# counted like a sign-in (core/login_limits.py).
REPLACED = {"wagtail_serve", "wagtailcore_authenticate_with_password"}
urlpatterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name not in REPLACED),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        login_limits.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve"),
]
