"""The base of every snippet viewset of ours: Wagtail's, with chooser labels in the reader's language.

Wagtail's snippet chooser widget ("Choose indicator", "Edit this indicator") is built once, when
the viewset is registered, and formats its labels in whatever language is active then, so a
process that started in English shows them in English forever. Ours format them at each render.
"""

from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext

from wagtail.snippets.views.chooser import SnippetChooserViewSet as WagtailChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet as WagtailSnippetViewSet
from wagtail.snippets.widgets import AdminSnippetChooser


def _label(msgid, model):
    return gettext(msgid) % {"object": model._meta.verbose_name}


label = lazy(_label, str)


class SnippetChooser(AdminSnippetChooser):
    def __init__(self, model, **kwargs):
        super().__init__(model, **kwargs)
        self.choose_one_text = label("Choose %(object)s", model)
        self.choose_another_text = label("Choose another %(object)s", model)
        self.link_to_chosen_text = label("Edit this %(object)s", model)


class SnippetChooserViewSet(WagtailChooserViewSet):
    @cached_property
    def widget_class(self):
        return SnippetChooser(model=self.model, icon=self.icon)


class SnippetViewSet(WagtailSnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet
