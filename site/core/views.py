from django.views.generic import TemplateView


class BrowseSafelyView(TemplateView):
    """How to leave no trace when reading about trafficking: what the quick-exit control links to."""

    template_name = "core/browse_safely.html"


class RobotsView(TemplateView):
    """Crawlers may read everything public, never the admin, and find the sitemap."""

    template_name = "core/robots.txt"
    content_type = "text/plain; charset=utf-8"
