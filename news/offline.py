"""Where to get help, with no connection: the public service worker (docs/offline.md).

It caches only the live help pages (with the hotline), the browse-safely page of each language,
the stylesheet and the quick-exit script. Its script is served from the site's root so that its
scope can cover those pages; answering it touches no session, so it sets no cookie.
"""

import json

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.generic import TemplateView

from .models import HelpPage


class HelpServiceWorker(TemplateView):
    template_name = "news/help-sw.js"
    content_type = "text/javascript; charset=utf-8"

    def get_context_data(self, **kwargs):
        pages = {page.url for page in HelpPage.objects.live().public().specific()}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                pages.add(reverse("browse_safely"))
        assets = [static("css/site.css"), static("js/quick-exit.js")]
        return {"urls": json.dumps(sorted(p for p in pages if p) + assets)}

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["Cache-Control"] = "no-cache"  # an update reaches phones at once
        return response
