from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import AccountView
from core import page_create, routing
from core.sitemap import LanguagesSitemap
from core.views import BrowseSafelyView, RobotsView
from news.offline import HelpServiceWorker

urlpatterns = [
    # Before Wagtail's own: its account settings without the profile-picture upload.
    path("admin/account/", AccountView.as_view(), name="wagtailadmin_account"),
    # And its form for a new page, without autosave (core/page_create.py).
    page_create.url,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("campaigns.api.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": LanguagesSitemap}}, name="sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    # The service workers and the staff app manifest (docs/offline.md); the help pages' worker
    # at the root, so that its scope can cover them.
    path("help-sw.js", HelpServiceWorker.as_view(), name="help_service_worker"),
    path("", include("campaigns.offline.urls")),
]

# Vietnamese at the root, English under /en/: each language its own page tree (core/routing.py).
urlpatterns += i18n_patterns(
    path(_("browse-safely/"), BrowseSafelyView.as_view(), name="browse_safely"),
    path("", include("news.urls")),
    path("", include(routing)),
    prefix_default_language=False,
)

# A database outage answers 503 with Retry-After, not 500 (core/availability.py).
handler500 = "core.availability.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    # Renditions only, as the production proxy serves them: original images and documents are
    # never served from /media/ (documents go through /documents/<id>/<name>).
    renditions = f"{settings.MEDIA_URL}images/"
    urlpatterns = static(renditions, document_root=settings.MEDIA_ROOT / "images") + urlpatterns
