"""Which pages a record may name as the material it distributed.

The one place that decides it. Until the publishing app exists any live page qualifies; the
publishing issue narrows both functions to its poster and leaflet page types.
"""

from wagtail.models import Page


def countable_materials():
    """The pages a record's `material` may point at, for form choices and API validation."""
    return Page.objects.live().filter(depth__gt=1)


def is_countable_material(page):
    return page.live and page.depth > 1
