import re

from django import template
from django.conf import settings

from wagtail.models import Page, Site

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
    """The home page's children that editors marked "show in menus", in one query."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    pages = Page.objects.live().in_menu().child_of(site.root_page) if site else Page.objects.none()
    return {"pages": pages, "current": context.get("page")}
