from django.views.generic import TemplateView


class BrowseSafelyView(TemplateView):
    """How to leave no trace when reading about trafficking: what the quick-exit control links to."""

    template_name = "core/browse_safely.html"
