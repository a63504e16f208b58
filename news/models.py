"""What communications staff publish: articles, posters and leaflets, and the pages that list them."""

from anyascii import anyascii

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.signals import copy_for_translation_done

from core.languages import reader_text
from core.materials import CountableMaterial
from core.models import BasePage
from taxonomy.areas import Areas
from taxonomy.models import AdministrativeUnit, Audience, area_choices
from taxonomy.widgets import AreaCheckboxes

from .blocks import ArticleBodyBlock, LeafletBodyBlock, SupportItemBlock
from .listing import Listing, visible
from .search import fold, page_saved
from .search.models import (  # noqa: F401 (the search index's models belong to this app)
    SearchEntry,
    SearchMiss,
    SearchPosting,
    SearchSynonym,
    SearchWord,
    SearchWordVariant,
)


class Keyword(TagBase):
    """A free-text keyword (Từ khóa), shared by articles, posters and leaflets.

    Its slug is the keyword without diacritics ("lừa đảo" -> "lua-dao"), which Django's slugify
    cannot do on its own: it drops "đ" instead of turning it into "d".
    """

    free_tagging = True

    class Meta:
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")
        ordering = ["name"]

    def slugify(self, tag, i=None):
        slug = slugify(anyascii(tag))[:90] or "tu-khoa"
        return f"{slug}-{i}" if i is not None else slug


class PublicationKeyword(ItemBase):
    tag = models.ForeignKey(Keyword, on_delete=models.CASCADE, related_name="tagged_publications")
    content_object = ParentalKey(
        "news.PublicationPage", on_delete=models.CASCADE, related_name="keyword_items"
    )


class PublicationPage(BasePage):
    """What articles, posters and leaflets share, so that one query lists, filters and searches them.

    Never created on its own. Its image is the article's main image, the poster itself, or the
    leaflet's cover, so a listing card needs no query per item.
    """

    class Language(models.TextChoices):
        VIETNAMESE = "vi", _("Vietnamese")
        ENGLISH = "en", _("English")
        KHMER = "km", _("Khmer")
        CHINESE = "zh", _("Chinese")

    is_creatable = False
    route_select_related = ("image",)
    # Listing cards crop an article's photo to fill the card; a poster or a leaflet's cover is
    # shown whole instead, or the crop cuts off its headline.
    crop_in_cards = True

    standfirst = models.TextField(
        _("standfirst"),
        max_length=600,
        help_text=_("Two or three sentences: what the reader will learn."),
    )
    publication_date = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        db_index=True,
        help_text=_("Shown to readers; listings are sorted by it."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it. Required with an image."),
    )
    image_caption = models.CharField(_("caption"), max_length=250, blank=True)
    audiences = ParentalManyToManyField(
        Audience, verbose_name=_("audiences"), blank=True, related_name="publications"
    )
    # Named before the 2025 reform; it holds areas: today's communes and wards, and districts.
    districts = ParentalManyToManyField(
        AdministrativeUnit,
        verbose_name=_("areas"),
        blank=True,
        related_name="publications",
        limit_choices_to=area_choices,
        help_text=_(
            "Leave empty for content that concerns the whole province. Content tagged with a "
            "former district is also found under the communes and wards that took it over."
        ),
    )
    keywords = ClusterTaggableManager(
        through=PublicationKeyword, verbose_name=_("keywords"), blank=True
    )
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.VIETNAMESE
    )
    is_featured = models.BooleanField(_("featured on the home page"), default=False)

    search_fields = [
        *Page.search_fields,
        # Indexed without diacritics, and searched the same way, so "lua dao" finds "lừa đảo".
        index.SearchField("folded_search_text"),
        index.FilterField("language"),
        index.FilterField("publication_date"),
    ]

    taxonomy_panel = MultiFieldPanel(
        [
            FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
            FieldPanel("districts", widget=AreaCheckboxes),
            FieldPanel("keywords"),
            FieldRowPanel([FieldPanel("language"), FieldPanel("is_featured")]),
        ],
        heading=_("Audiences, areas and keywords"),
    )
    image_panels = [
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("image_caption")],
            heading=_("Image"),
        )
    ]

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the image for readers who cannot see it.")}
            )

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        # The search index is updated on post_save, before modelcluster saves the keywords:
        # index again now that they are stored, or a page would not be found by its keywords.
        index.insert_or_update_object(self)
        page_saved.send(sender=type(self), instance=self)
        return result

    def folded_search_text(self):
        keywords = " ".join(tag.name for tag in self.keywords.all())
        return fold(" ".join([self.title, self.standfirst, keywords, *self.body_search_text()]))

    def body_search_text(self):
        """Text of the page type's own content, for the search index."""
        return []

    def downloads(self):
        """The files the public may download from this page, by `DownloadCount.File` kind."""
        return {}

    @property
    def summary(self):
        return self.listing_summary or self.standfirst

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Query sets, not lists: the fragment that shows them is kept until a change
        # (publication_base.html), and a kept fragment needs none of these queries.
        context.update(
            keywords=self.keywords.all(),
            audiences=self.audiences.all(),
            districts=self.districts.all(),
            # A child's address is its parent's plus its slug: no query for the parent.
            listing_url=self.get_url(request).removesuffix(f"{self.slug}/"),
            related=self.related(),
        )
        return context

    def related(self, limit=4):
        """Other publications sharing a keyword or an audience, newest first."""
        shared = models.Q(keyword_items__tag__in=self.keywords.all()) | models.Q(
            audiences__in=self.audiences.all()
        )
        candidates = (
            PublicationPage.objects.filter(shared, locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .values("pk")
        )
        return visible(PublicationPage.objects.filter(pk__in=candidates)).select_related("image")[
            :limit
        ]


def stream_text(stream_value):
    return [str(text) for text in stream_value.stream_block.get_searchable_content(stream_value)]


class ArticlePage(PublicationPage):
    """A news item or article: what the campaign did, what to watch for, where to find help."""

    template = "news/article_page.html"
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    page_description = _("A news item or article, tagged by audience, area and keyword.")

    byline = models.CharField(
        _("byline"),
        max_length=120,
        blank=True,
        help_text=_("For example: Ban Chủ nhiệm mô hình huyện Cẩm Mỹ"),
    )
    body = StreamField(ArticleBodyBlock, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        FieldRowPanel([FieldPanel("publication_date"), FieldPanel("byline")]),
        *PublicationPage.image_panels,
        FieldPanel("body"),
        PublicationPage.taxonomy_panel,
    ]

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def body_search_text(self):
        return stream_text(self.body)


class PosterPage(CountableMaterial, PublicationPage):
    """A poster or billboard design the public can view and download to print."""

    template = "news/poster_page.html"
    parent_page_types = ["news.MaterialsIndexPage"]
    subpage_types = []
    crop_in_cards = False
    page_description = _("A poster: the image, a description, and optionally a print-ready file.")

    print_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("print-ready file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A PDF for printers, if there is one."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst", heading=_("Description")),
        FieldPanel("publication_date"),
        *PublicationPage.image_panels,
        FieldPanel("print_file"),
        PublicationPage.taxonomy_panel,
    ]

    class Meta:
        verbose_name = _("poster")
        verbose_name_plural = _("posters")

    def clean(self):
        if not self.image_id:
            raise ValidationError({"image": _("A poster needs its image.")})
        super().clean()

    def downloads(self):
        files = {DownloadCount.File.ORIGINAL: self.image, DownloadCount.File.PRINT: self.print_file}
        return {kind: file for kind, file in files.items() if file is not None}


class LeafletPage(CountableMaterial, PublicationPage):
    """A leaflet: the PDF to print or download, and its text as a page for slow connections."""

    template = "news/leaflet_page.html"
    parent_page_types = ["news.MaterialsIndexPage"]
    subpage_types = []
    crop_in_cards = False
    page_description = _("A leaflet: the PDF, a cover image, a summary and the leaflet's text.")

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("PDF file"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(LeafletBodyBlock(), verbose_name=_("leaflet text"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst", heading=_("Summary")),
        FieldPanel("publication_date"),
        FieldPanel("document"),
        *PublicationPage.image_panels,
        FieldPanel("body"),
        PublicationPage.taxonomy_panel,
    ]

    class Meta:
        verbose_name = _("leaflet")
        verbose_name_plural = _("leaflets")

    def body_search_text(self):
        return stream_text(self.body)

    def downloads(self):
        return {DownloadCount.File.PDF: self.document} if self.document else {}


class ListingPage(BasePage):
    """A page that lists publications: a malformed filter answers 400 and one naming nothing that
    exists 404, each with the form's message; another spelling of real filters is redirected to
    the clean address (`news.listing.Listing`)."""

    introduction = models.TextField(_("introduction"), max_length=500, blank=True)
    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return response.context_data["listing"].respond(lambda: response)


class NewsIndexPage(ListingPage):
    """The list of articles, with filters by audience, district, keyword and year."""

    template = "news/news_index_page.html"
    # One under each home page: one per language.
    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.ArticlePage"]
    page_description = _("Lists the articles placed under it. One per language.")

    class Meta:
        verbose_name = _("article list")
        verbose_name_plural = _("article lists")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = Listing(request, ArticlePage.objects.child_of(self))
        return context


class MaterialsIndexPage(ListingPage):
    """The materials library: posters and leaflets, filtered by kind, audience, district and more."""

    template = "news/materials_index_page.html"
    # One under each home page: one per language.
    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.PosterPage", "news.LeafletPage"]
    page_description = _("Lists the posters and leaflets placed under it. One per language.")

    class Meta:
        verbose_name = _("materials library")
        verbose_name_plural = _("materials libraries")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = Listing(
            request, PublicationPage.objects.child_of(self), with_kind=True
        )
        return context


class HelpPage(BasePage):
    """Where to find help: the hotline, the support a returning victim can receive, and the
    contact point of each commune and ward."""

    template = "news/help_page.html"
    # One under each home page: one per language.
    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    page_description = _(
        'The "Get help" page with the hotline, support and local contacts. One per language.'
    )

    introduction = models.TextField(_("introduction"), max_length=500, blank=True)
    support = StreamField(
        [("support", SupportItemBlock())], verbose_name=_("support available"), blank=True
    )

    content_panels = [*BasePage.content_panels, FieldPanel("introduction"), FieldPanel("support")]

    class Meta:
        verbose_name = _("help page")
        verbose_name_plural = _("help pages")

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        page_saved.send(sender=type(self), instance=self)
        return result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contact_groups"] = contacts_by_former_district()
        return context


def contacts_by_former_district():
    """[(former district or None, [contacts])]: the contact points of today's communes and
    wards, grouped as readers still find their place (`taxonomy.areas.Areas.groups`)."""
    contacts = {
        contact.unit_id: contact for contact in ProgrammeContact.objects.select_related("unit")
    }
    areas = Areas.today()
    groups = []
    for district, communes in areas.groups:
        # A district is its own contact point only while it exists (before the reform).
        units = [district, *communes] if district and district.existed_on(areas.day) else communes
        found = [contacts[unit.pk] for unit in units if unit.pk in contacts]
        if found:
            groups.append((district and district.reader_name, found))
    return groups


class ProgrammeContact(models.Model):
    """Where the public reaches a unit's prevention work: before the 2025 reform a district's
    programme management board (Ban Chủ nhiệm), today a commune's or ward's office.

    Staff edit one per unit; the area's public page and, for units that exist today, the "Get
    help" page show it. It names an office, never a victim or a case.
    """

    unit = models.OneToOneField(
        AdministrativeUnit,
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="programme_contact",
    )
    office = models.CharField(_("office"), max_length=200)
    office_en = models.CharField(
        _("office in English"), max_length=200, blank=True, help_text=_("For the English site.")
    )
    address = models.TextField(_("address"))
    phone = models.CharField(_("phone"), max_length=40)
    hours = models.CharField(_("opening hours"), max_length=120, blank=True)
    hours_en = models.CharField(_("opening hours in English"), max_length=120, blank=True)
    email = models.EmailField(_("email"), blank=True)

    panels = [
        FieldPanel("unit"),
        FieldRowPanel([FieldPanel("office"), FieldPanel("office_en")]),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldRowPanel([FieldPanel("hours"), FieldPanel("hours_en")]),
        FieldPanel("email"),
    ]

    class Meta:
        verbose_name = _("programme contact point")
        verbose_name_plural = _("programme contact points")

    def __str__(self):
        return f"{self.unit}: {self.office}"

    @property
    def display_office(self):
        return reader_text(self.office, self.office_en)

    @property
    def display_hours(self):
        return reader_text(self.hours, self.hours_en)


class DownloadCount(models.Model):
    """How often a poster's or leaflet's file was downloaded. No cookie, no address, no person:
    only a number per file, incremented in the database so simultaneous downloads all count."""

    class File(models.TextChoices):
        ORIGINAL = "original", _("Original image")
        PRINT = "print", _("Print-ready file")
        PDF = "pdf", _("PDF")

    page = models.ForeignKey(
        PublicationPage, on_delete=models.CASCADE, related_name="download_counts"
    )
    file = models.CharField(_("file"), max_length=10, choices=File.choices)
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("download count")
        verbose_name_plural = _("download counts")
        constraints = [
            models.UniqueConstraint(fields=["page", "file"], name="unique_download_count")
        ]

    def __str__(self):
        return f"{self.page}: {self.get_file_display()}"


@receiver(copy_for_translation_done)
def written_in_the_translation_language(sender, source_obj, target_obj, **kwargs):
    """A new translation of a publication is written in its locale's language, so the language
    filter does not call an English translation Vietnamese."""
    code = target_obj.locale.language_code
    if isinstance(target_obj, PublicationPage) and code in PublicationPage.Language.values:
        target_obj.language = code
        target_obj.save(update_fields=["language"])
