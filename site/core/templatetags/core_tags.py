import re

from django import template
from django.conf import settings

register = template.Library()


@register.filter
def phone_href(number):
    """A phone number as a `tel:` link needs it: "0251 3822 111" -> "02513822111"."""
    return re.sub(r"[^0-9+]", "", str(number))


@register.inclusion_tag("components/quick_exit.html")
def quick_exit():
    return {"quick_exit_url": settings.QUICK_EXIT_URL}
