"""The reader search's own index, its synonyms and its count of searches that found nothing.

The index is derived data: `indexing` rebuilds an entry whenever what it shows changes, and
`manage.py rebuild_search` rebuilds them all. Editors edit only the synonyms.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import fold


class SearchEntry(models.Model):
    """One thing a reader can find, in one language: a published page, an audience, a district.

    Only what the public may see has an entry: a draft, a private or an unpublished page has none.
    """

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        POSTER = "poster", _("Poster")
        LEAFLET = "leaflet", _("Leaflet")
        HELP = "help", _("Get help")
        AUDIENCE = "audience", _("Audience")
        # An area (`taxonomy.areas`): the value keeps its pre-reform name.
        DISTRICT = "district", _("Area")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    language = models.CharField(max_length=5)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.CASCADE, related_name="+"
    )
    audience = models.ForeignKey(
        "taxonomy.Audience", null=True, on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        "taxonomy.AdministrativeUnit", null=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(max_length=255)
    # The text a result's snippet is cut from, with its diacritics.
    text = models.TextField(blank=True)
    # The audiences' slugs, space-separated with a space either side, for the audience filter.
    audience_slugs = models.CharField(max_length=500, blank=True)
    date = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["page"], name="one_search_entry_per_page"),
            models.UniqueConstraint(
                fields=["audience", "language"], name="one_search_entry_per_audience_language"
            ),
            models.UniqueConstraint(
                fields=["unit", "language"], name="one_search_entry_per_unit_language"
            ),
        ]

    def __str__(self):
        return self.title


class SearchPosting(models.Model):
    """A word, or two words in a row ("mua ban"), of an entry, with the weight of the best place
    it appears in: the title above the keywords above the text."""

    TITLE = 8
    KEYWORDS = 4
    TEXT = 1

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="postings")
    term = models.CharField(max_length=81)
    weight = models.PositiveSmallIntegerField()

    class Meta:
        # Every column a search reads, in one index: SQLite answers from the index alone. (One
        # posting per term and entry is `indexing.store`'s doing; a unique constraint would cost
        # a second index as large as this one.)
        indexes = [models.Index(fields=["term", "entry", "weight"], name="search_posting_lookup")]

    def __str__(self):
        return self.term


class SearchWord(models.Model):
    """Every word the index has seen, for correcting a typo: `SearchWordVariant` files each one
    under its spellings with a letter taken out. Words are never removed; one no entry holds
    any more only finds nothing."""

    word = models.CharField(max_length=40, unique=True)

    def __str__(self):
        return self.word


class SearchWordVariant(models.Model):
    variant = models.CharField(max_length=40, db_index=True)
    word = models.ForeignKey(SearchWord, on_delete=models.CASCADE, related_name="variants")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["variant", "word"], name="one_variant_per_word")
        ]

    def __str__(self):
        return self.variant


class SearchSynonym(models.Model):
    """Words or phrases readers use for the same thing ("xuất khẩu lao động" and "đi làm việc ở
    nước ngoài"): a search for one finds the others. Editors keep the list."""

    terms = models.TextField(
        _("words or phrases meaning the same"),
        help_text=_(
            "One per line, for example “xuất khẩu lao động” and “đi làm việc ở nước ngoài”. "
            "Diacritics and capitals make no difference."
        ),
    )

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["pk"]

    def __str__(self):
        return " = ".join(self.phrases())

    def phrases(self):
        return [line.strip() for line in self.terms.splitlines() if line.strip()]

    def folded_phrases(self):
        return [folded for folded in (fold(phrase) for phrase in self.phrases()) if folded]


class SearchMiss(models.Model):
    """How often readers searched for something and found nothing, for editors deciding what to
    write or which synonym to add. A count per query and language: never who searched, when
    or from where."""

    query = models.CharField(_("search"), max_length=100)
    language = models.CharField(_("language"), max_length=5)
    count = models.PositiveBigIntegerField(_("times"), default=0)

    class Meta:
        verbose_name = _("search that found nothing")
        verbose_name_plural = _("searches that found nothing")
        constraints = [
            models.UniqueConstraint(fields=["query", "language"], name="one_miss_per_query")
        ]

    def __str__(self):
        return self.query
