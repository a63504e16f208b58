"""Material a unit hands out or puts up: the interface between what is published and what is counted.

`news` publishes posters and leaflets; `campaigns` counts how many of them were distributed.
Neither imports the other for it: a page type declares itself countable by taking
`CountableMaterial`, and a record's material is checked against whichever page types do.
"""

from django.db.models import Q

from wagtail.models import Page, get_page_models


class CountableMaterial:
    """Mixin for page types whose copies are counted when handed out: posters, leaflets.

    Articles are counted by their own indicator (news items), never as a material.
    """


def countable_material_types():
    return [model for model in get_page_models() if issubclass(model, CountableMaterial)]


def countable_materials():
    """The live pages a record's `material` may point at, for form choices and validation.

    Filtered through the content type's names rather than `ContentType` objects, which would be
    looked up at once: this queryset is built when the API's serializers are imported.
    """
    of_a_countable_type = Q(pk__in=[])
    for model in countable_material_types():
        of_a_countable_type |= Q(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
        )
    return Page.objects.live().filter(of_a_countable_type)


def is_countable_material(page):
    return page.live and issubclass(page.specific_class or Page, CountableMaterial)
