"""What every page and every part of the site shares: the site settings and the base page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from .blocks import HotlineBlock
from .languages import reader_text
from .page_cache import find_site, remember
from .slugs import ascii_slug, slug_input


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs the site and how to reach help. Moderators edit it; every public page shows it."""

    organisation_name = models.CharField(_("organisation name"), max_length=200)
    organisation_name_en = models.CharField(
        _("organisation name in English"),
        max_length=200,
        blank=True,
        help_text=_("For the English site."),
    )
    hotlines = StreamField(
        [("hotline", HotlineBlock())],
        blank=True,
        verbose_name=_("hotline numbers"),
        help_text=_("The first number is the one shown in the header of every page."),
    )
    contact_address = models.TextField(_("contact address"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    footer_text = models.TextField(_("footer text"), blank=True)
    footer_text_en = models.TextField(_("footer text in English"), blank=True)

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("organisation_name_en"),
        FieldPanel("hotlines"),
        MultiFieldPanel(
            [
                FieldPanel("contact_address"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
            ],
            heading=_("Contact details"),
        ),
        FieldPanel("footer_text"),
        FieldPanel("footer_text_en"),
    ]

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return self.organisation_name or str(self._meta.verbose_name)

    @classmethod
    def for_request(cls, request):
        """Wagtail's lookup, kept in the shared cache (`core.page_cache.remember`): every public
        page shows the settings, and saving them refreshes the cache."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = find_site(request)
            instance = remember(
                f"site-settings:{getattr(site, 'pk', None)}", lambda: cls.for_site(site)
            )
            # As Wagtail's own for_request: page addresses built from the settings use the request.
            instance._request = request
            setattr(request, attr_name, instance)
        return getattr(request, attr_name)

    @property
    def display_organisation_name(self):
        return reader_text(self.organisation_name, self.organisation_name_en)

    @property
    def display_footer_text(self):
        return reader_text(self.footer_text, self.footer_text_en)

    @property
    def main_hotline(self):
        """The hotline the header shows, or None before staff have entered one."""
        return self.hotlines[0].value if self.hotlines else None


class PageCacheGeneration(models.Model):
    """The public page cache's generation as the database keeps it: one row, counted up once
    each change to what pages show is committed. Redis holds the same number for speed; this
    copy survives a Redis outage, so a page published or unpublished meanwhile is not served
    stale once Redis is back (core.page_cache). Nobody edits it."""

    number = models.BigIntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("page cache generation")
        verbose_name_plural = _("page cache generations")

    def __str__(self):
        return str(self.number)


class BasePageForm(WagtailAdminPageForm):
    """The page editor's form: its slug field folds Vietnamese letters as the editor types."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].widget = slug_input()


class BasePage(Page):
    """What every public page type shares: a summary and an image for listings and link previews,
    and an address in plain letters."""

    base_form_class = BasePageForm

    listing_summary = models.CharField(
        _("listing summary"),
        max_length=300,
        blank=True,
        help_text=_(
            "Shown in listings and link previews. The search description is used when empty."
        ),
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared on social networks."),
    )

    promote_panels = [
        *Page.promote_panels,
        FieldPanel("listing_summary"),
        FieldPanel("social_image"),
    ]

    # Foreign keys a page type's template always shows, fetched with the page itself when
    # core.routing finds it.
    route_select_related = ()

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        # Wagtail makes a missing slug from the title with Django's slugify, which drops "đ";
        # a slug typed with Vietnamese letters (by code, or an old revision) is folded too.
        if not getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True):
            if self.slug and not self.slug.isascii():
                self.slug = ascii_slug(self.slug)
            elif not self.slug and self.path and (from_title := ascii_slug(self.title)):
                self.slug = self._get_autogenerated_slug(from_title)
        super().full_clean(*args, **kwargs)

    @property
    def summary(self):
        return self.listing_summary or self.search_description

    @property
    def meta_description(self):
        """For search engines and link previews: what the editor wrote for them, else the page's
        summary or introduction (base.html falls back on a sentence about the whole site)."""
        return self.search_description or self.summary or getattr(self, "introduction", "")

    @property
    def share_image(self):
        """The image a link preview shows: the social image, else the page's own image if it has one."""
        return self.social_image or getattr(self, "image", None)
