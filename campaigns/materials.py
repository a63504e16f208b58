"""Which pages a record may name as the material it distributed: the one place that decides it.

A record counts a published poster or leaflet; articles are counted by the `news` indicator,
never as a material.
"""

from news.models import LeafletPage, PosterPage, PublicationPage

MATERIAL_TYPES = (PosterPage, LeafletPage)


def countable_materials():
    """The pages a record's `material` may point at, for form choices and API validation.

    Filtered through the content type's name rather than `.type()`, which looks content types
    up at once: this queryset is built when the API's serializers are imported.
    """
    return PublicationPage.objects.live().filter(
        content_type__app_label="news",
        content_type__model__in=[model._meta.model_name for model in MATERIAL_TYPES],
    )


def is_countable_material(page):
    return page.live and issubclass(page.specific_class, MATERIAL_TYPES)
