"""The sitemap of every language: Wagtail's lists the site's root page and what is below it, which
is the Vietnamese page tree only. Each page that has translations names them as alternates."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class LanguagesSitemap(Sitemap):
    def trees(self):
        """Pages under any translation of the site's root page (the home page of each language)."""
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        paths = Q()
        for path in homes.values_list("path", flat=True):
            paths |= Q(path__startswith=path)
        return Page.objects.filter(paths).live().public()

    def items(self):
        return self.trees().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        alternates = self.alternates()
        for url in urls:
            url["alternates"] = alternates.get(url["location"], [])
        return urls

    def alternates(self):
        """Each page's address -> its versions in every language, x-default the Vietnamese one; only
        for pages that have a translation. One query."""
        versions = defaultdict(dict)
        for page in (
            self.trees()
            .only("url_path", "translation_key", "locale__language_code")
            .select_related("locale")
        ):
            versions[page.translation_key][page.locale.language_code] = page.get_full_url(
                self.request
            )
        alternates = {}
        for by_language in versions.values():
            if len(by_language) < 2:
                continue
            links = [{"lang_code": code, "location": url} for code, url in by_language.items()]
            if settings.LANGUAGE_CODE in by_language:
                links.append(
                    {"lang_code": "x-default", "location": by_language[settings.LANGUAGE_CODE]}
                )
            alternates.update(dict.fromkeys(by_language.values(), links))
        return alternates
