"""Which pages a record may name as the material it distributed: the one place that decides it.

A record counts a published poster or leaflet; articles are counted by the `news` indicator,
never as a material.
"""

from news.models import LeafletPage, PosterPage, PublicationPage


def countable_materials():
    """The pages a record's `material` may point at, for form choices and API validation."""
    return PublicationPage.objects.live().type(PosterPage, LeafletPage)


def is_countable_material(page):
    return page.live and issubclass(page.specific_class, (PosterPage, LeafletPage))
