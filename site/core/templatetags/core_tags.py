import re

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail.models import Page

from core.languages import home_path, language_versions
from core.page_cache import find_site, name_in_language, remember
from core.private_content import unrestricted

register = template.Library()


@register.filter
def phone_href(number):
    """A phone number as a `tel:` link needs it: "0251 3822 111" -> "02513822111"."""
    return re.sub(r"[^0-9+]", "", str(number))


@register.inclusion_tag("components/quick_exit.html")
def quick_exit():
    return {"quick_exit_url": settings.QUICK_EXIT_URL}


@register.inclusion_tag("components/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The children of the reader's language's home page that editors marked "show in menus", as
    (id, title, address): one query, and none while the shared cache holds them."""
    request = context.get("request")
    site = find_site(request) if request else None
    current = context.get("page")
    if site is None:
        return {"items": [], "current_pk": None}
    language = get_language()

    def menu():
        home = home_path(site, language)
        # A restricted page is never linked from public ones (core/private_content.py).
        pages = (
            unrestricted(Page.objects.live())
            .in_menu()
            .filter(url_path__startswith=home, depth=home.count("/") + 1)
            .order_by("path")
        )
        return [(page.pk, page.title, page.get_url(request)) for page in pages]

    return {
        "items": remember(f"menu:{site.pk}:{language}", menu),
        "current_pk": getattr(current, "pk", None),
    }


@register.simple_tag(takes_context=True)
def language_versions_for(context):
    """This content in each language, for the switcher and the hreflang links: one query on a
    page, kept until a change (a translation published or withdrawn refreshes the pages)."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    if getattr(page, "pk", None) is None or getattr(request, "is_preview", False):
        return language_versions(request, page)
    address = f"{request.scheme}://{request.get_host()}"
    return remember(
        f"languages:{address}:{page.pk}:{get_language()}",
        lambda: language_versions(request, page),
    )


class CachedUntilChangeNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        name = name_in_language(
            f"fragment:{self.name}", *(value.resolve(context) for value in self.vary_on)
        )
        shows_live_totals = False

        def draw():
            # A fragment showing live totals shortens the page's time in the cache as it is
            # drawn (core.page_cache.shows_live_figures): such a fragment is drawn every time.
            nonlocal shows_live_totals
            outer = getattr(request, "page_cache_seconds", None)
            request.page_cache_seconds = None
            html = self.nodelist.render(context)
            shows_live_totals = request.page_cache_seconds is not None
            request.page_cache_seconds = request.page_cache_seconds or outer
            return html

        return mark_safe(remember(name, draw, keep=lambda _html: not shows_live_totals))


@register.tag
def cached_until_change(parser, token):
    """`{% cached_until_change "name" value … %}…{% endcached_until_change %}`: the fragment
    rendered once per name, values and language, and kept in the shared cache until a change
    refreshes the pages (`core.page_cache.remember`), so a publication card seen on the home
    page, the lists and every filter is drawn once. Never in a preview, never kept when it shows
    live totals, and never around anything that differs between readers or carries the page's
    CSP nonce."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a fragment name")
    nodelist = parser.parse(("endcached_until_change",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return CachedUntilChangeNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
