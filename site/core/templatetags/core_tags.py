import re

from django import template
from django.conf import settings
from django.utils.translation import get_language

from wagtail.models import Page, Site

from core.languages import home_path, language_versions

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
    """The children of the reader's language's home page that editors marked "show in menus", in
    one query: a child's `url_path` starts with its parent's and has one more level."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"pages": Page.objects.none(), "current": context.get("page")}
    home = home_path(site, get_language())
    pages = (
        Page.objects.live()
        .in_menu()
        .filter(url_path__startswith=home, depth=home.count("/") + 1)
        .order_by("path")
    )
    return {"pages": pages, "current": context.get("page")}


@register.simple_tag(takes_context=True)
def language_versions_for(context):
    """This content in each language, for the switcher and the hreflang links (one query on a page)."""
    request = context.get("request")
    if request is None:
        return []
    return language_versions(request, context.get("page"))
