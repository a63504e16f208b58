from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from campaigns.models import Campaign, ResultsPage
from core.models import BasePage
from news.listing import visible
from news.models import ArticlePage, LeafletPage, PosterPage, PublicationPage
from taxonomy.models import Audience

from .blocks import HomeBodyBlock

LATEST_ARTICLES = 4
FEATURED_MATERIALS = 4


class HomePage(BasePage):
    """The site's front door: who we are, the hotline, and where to start reading."""

    template = "home/home_page.html"
    # One; the English edition's home page is its translation (the admin's "Translate" action).
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    page_description = _("The home page of the site, one per language.")

    introduction = models.TextField(
        _("introduction"),
        max_length=500,
        blank=True,
        help_text=_("One or two sentences under the title."),
    )
    body = StreamField(HomeBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("introduction"), FieldPanel("body")]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        with_images = visible(
            PublicationPage.objects.filter(locale_id=self.locale_id)
        ).select_related("image")
        context.update(
            latest_articles=with_images.type(ArticlePage)[:LATEST_ARTICLES],
            featured_materials=with_images.type(PosterPage, LeafletPage).filter(is_featured=True)[
                :FEATURED_MATERIALS
            ],
            audiences=Audience.objects.all(),
            campaign=Campaign.objects.featured_on(timezone.localdate()),
            results_page=ResultsPage.objects.live().filter(locale_id=self.locale_id).first(),
        )
        return context
