"""Listing publications with filters that combine, counts per filter value, and pagination.

Every listing (articles, materials, an audience's or an area's page, feeds) goes through
`filter_publications`, so a filter means the same thing everywhere. The number of queries does
not grow with the number of items, keywords or images listed.
"""

from collections import Counter
from urllib.parse import urlencode

from django import forms
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.page_cache import name_in_language, remember, vouch_for_query
from core.private_content import unrestricted
from taxonomy.areas import Areas
from taxonomy.models import Audience

PAGE_SIZE = 12
KIND_MODELS = {"poster": "posterpage", "leaflet": "leafletpage", "article": "articlepage"}
KIND_LABELS = {"poster": _("Posters"), "leaflet": _("Leaflets"), "article": _("Articles")}


class PublicationFilterForm(forms.Form):
    """The filters as they appear in the address: ?audience=…&district=26041&keyword=lua-dao&year=2024.

    `district` names an area (`taxonomy.areas`): a commune or ward of today, or a district,
    former ones included; the parameter keeps its pre-reform name so that old links still work.
    A malformed value is an error; a well-formed one naming nothing that exists (an audience,
    area or keyword nobody made, a year with nothing published in `publications`, a language
    the site does not have) is an error with the code "unknown", which the listing answers 404.
    """

    audience = forms.SlugField(required=False, max_length=80, label=_("Audience"))
    district = forms.RegexField(required=False, regex=r"^[0-9A-Za-z]{1,20}$", label=_("Area"))
    keyword = forms.SlugField(required=False, max_length=100, label=_("Keyword"))
    year = forms.IntegerField(required=False, min_value=1900, max_value=2999, label=_("Year"))
    kind = forms.ChoiceField(
        required=False, choices=[("", ""), *KIND_LABELS.items()], label=_("Kind")
    )
    language = forms.CharField(required=False, max_length=5, label=_("Language"))

    def __init__(self, *args, publications, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.publications = publications
        self._areas = areas

    @cached_property
    def areas(self):
        return self._areas or Areas.today()

    def clean_audience(self):
        return self._known(
            "audience", Audience.objects.filter, "slug", _("There is no such audience.")
        )

    def clean_district(self):
        code = self.cleaned_data["district"]
        if code and self.areas.named(code) is None:
            raise forms.ValidationError(_("There is no such area."), code="unknown")
        return code

    def clean_keyword(self):
        keywords = self.publications.model.keywords.through.tag_model().objects
        return self._known("keyword", keywords.filter, "slug", _("There is no such keyword."))

    def clean_year(self):
        published = visible(self.publications).filter
        return self._known(
            "year", published, "publication_date__year", _("Nothing was published that year.")
        )

    def clean_language(self):
        language = self.cleaned_data["language"]
        languages = dict(self.publications.model._meta.get_field("language").choices)
        if language and language not in languages:
            raise forms.ValidationError(_("There is no such language."), code="unknown")
        return language

    def _known(self, name, lookup, field, message):
        value = self.cleaned_data[name]
        if value not in (None, "") and not lookup(**{field: value}).exists():
            raise forms.ValidationError(message, code="unknown")
        return value

    @property
    def unknown(self):
        """Whether a value names nothing that exists (404), rather than being malformed (400)."""
        return any(
            error.code in ("unknown", "invalid_choice")
            for errors in self.errors.as_data().values()
            for error in errors
        )


# What a listing's address may carry: its filters and the page number.
LISTING_PARAMETERS = (*PublicationFilterForm.base_fields, "page")


def filter_publications(queryset, filters, areas=None):
    """Apply cleaned filters to a queryset of publication pages (`areas`, a
    `taxonomy.areas.Areas`, saves its queries when the caller has one)."""
    if filters.get("audience"):
        queryset = queryset.filter(audiences__slug=filters["audience"])
    if filters.get("district"):
        areas = areas or Areas.today()
        area = areas.named(filters["district"])
        # Province-wide content (no area) concerns every area too.
        queryset = queryset.filter(
            Q(districts__in=areas.tagged_ids_under(area)) | Q(districts__isnull=True)
        )
    if filters.get("keyword"):
        queryset = queryset.filter(keyword_items__tag__slug=filters["keyword"])
    if filters.get("year"):
        queryset = queryset.filter(publication_date__year=filters["year"])
    if filters.get("kind"):
        queryset = queryset.filter(content_type__model=KIND_MODELS[filters["kind"]])
    if filters.get("language"):
        queryset = queryset.filter(language=filters["language"])
    return queryset


def visible(queryset):
    """What the public may see: live, not behind a view restriction, newest first."""
    return unrestricted(queryset.live()).order_by("-publication_date", "-pk")


def in_reader_language(queryset):
    """Only the pages of the reader's language: each language is its own page tree (Wagtail
    locales), so an English article never shows in a Vietnamese list, nor the reverse."""
    return queryset.filter(locale__language_code=get_language())


def matching(queryset, filters, areas=None):
    """The visible pages of `queryset` that match `filters`, each once even when several of its
    keywords or areas match."""
    filtered = filter_publications(visible(queryset), filters, areas)
    return queryset.model.objects.filter(pk__in=filtered.values("pk")).order_by(
        "-publication_date", "-pk"
    )


def _page_number(text):
    """The page asked for, 1 when none was; 404 for anything but a page number."""
    if text is None:
        return 1
    if not (text.isascii() and text.isdigit() and len(text) <= 6 and int(text) > 0):
        raise Http404(_("There is no such page of results."))
    return int(text)


class Listing:
    """One page of filtered results with the facets to narrow them further.

    `status` is 200, 400 for a malformed filter, 404 for one naming nothing that exists (the
    page then lists everything, with the reason); `redirect_to` is the clean address when the
    one asked for writes the same filters another way.
    """

    def __init__(self, request, queryset, *, with_kind=False, fixed=None, areas=None):
        self.request = request
        self.areas = areas or Areas.today()
        self.form = PublicationFilterForm(request.GET, publications=queryset, areas=self.areas)
        self.errors = (
            []
            if self.form.is_valid()
            else [str(e) for errors in self.form.errors.values() for e in errors]
        )
        self.status = (404 if self.form.unknown else 400) if self.errors else 200
        self.filters = {**(self.form.cleaned_data if not self.errors else {}), **(fixed or {})}
        self.fixed = set(fixed or {})
        self.active = {key: value for key, value in self.filters.items() if value not in (None, "")}
        self.page_number = _page_number(request.GET.get("page"))
        self.redirect_to = None if self.errors else self._clean_address()
        if self.redirect_to:
            return  # nothing to count: the reader is sent to the clean address
        self.queryset = matching(queryset, self.active, self.areas)
        self.with_kind = with_kind
        self.counts = remember(self._memory_name("counts"), self._count)
        self.total = self.counts["total"]
        self.page = self._paginate()

    def _memory_name(self, part):
        """The name this listing's counts and pages are kept under until a change: an address
        lists one set of pages (its page or view fixes the query set), so the address, the
        language and the filters name the result."""
        return name_in_language(f"listing:{part}", self.request.path, sorted(self.active.items()))

    def respond(self, render):
        """The answer of a page showing this listing: the redirect to the clean address, or what
        `render()` gives, with the listing's status."""
        if self.redirect_to:
            return HttpResponsePermanentRedirect(self.redirect_to)
        response = render()
        response.status_code = self.status
        return response

    def _clean_address(self):
        """None when the address is written the one way this listing writes it; otherwise that
        way (`?page=01`, `?year=02024`, an empty or fixed filter all have a clean address), which
        is the only one the page cache may keep (`core.page_cache.vouch_for_query`)."""
        clean = {k: str(v) for k, v in self.active.items() if k not in self.fixed}
        if self.page_number > 1:
            clean["page"] = str(self.page_number)
        given = {k: v for k, v in self.request.GET.items() if k in LISTING_PARAMETERS}
        if given == clean:
            vouch_for_query(self.request, clean)
            return None
        others = [(k, v) for k, v in self.request.GET.items() if k not in LISTING_PARAMETERS]
        query = urlencode(sorted(clean.items()) + others)
        return f"{self.request.path}?{query}" if query else self.request.path

    def _count(self):
        """Totals by year, kind, language and province-wide-ness, in one grouped query."""
        through = self.queryset.model.districts.through
        has_district = Exists(through.objects.filter(publicationpage_id=OuterRef("pk")))
        rows = (
            self.queryset.order_by()
            .annotate(year=ExtractYear("publication_date"), has_district=has_district)
            .values("content_type__model", "language", "year", "has_district")
            .annotate(n=Count("pk"))
        )
        counts = {"total": 0, "province_wide": 0, "years": {}, "kinds": {}, "languages": {}}
        for row in rows:
            counts["total"] += row["n"]
            counts["province_wide"] += 0 if row["has_district"] else row["n"]
            for key, value in (
                ("years", row["year"]),
                ("kinds", row["content_type__model"]),
                ("languages", row["language"]),
            ):
                counts[key][value] = counts[key].get(value, 0) + row["n"]
        return counts

    def _paginate(self):
        # No renditions fetched: each card is kept until a change (publication_card.html), and a
        # card drawn anew finds its pictures in Wagtail's rendition cache.
        paginator = Paginator(self.queryset.select_related("image"), PAGE_SIZE)
        paginator.count = self.total  # already counted with the facets: no second COUNT query
        try:
            page = paginator.page(self.page_number)
        except EmptyPage as error:
            raise Http404(_("There is no such page of results.")) from error
        page.object_list = remember(
            self._memory_name(f"page-{self.page_number}"), lambda: list(page.object_list)
        )
        return page

    def url_with(self, **changes):
        """This listing's address with some filters changed, always back on the first page."""
        params = {**self.chosen, **changes}
        query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
        return f"?{query}" if query else "?"

    @property
    def chosen(self):
        """The filters the reader chose, not those the page's own address fixes."""
        return {k: v for k, v in self.active.items() if k not in self.fixed}

    @property
    def clear_url(self):
        """This listing with none of the reader's filters: its own address without a query. (An
        audience's or an area's page keeps what its address fixes.)"""
        return self.request.path

    def option(self, key, value, label, count):
        """One value of a filter, with the address that chooses it (or, chosen, drops it)."""
        selected = str(self.active.get(key, "")) == str(value)
        return {
            "value": value,
            "label": label,
            "count": count,
            "selected": selected,
            "url": self.url_with(**{key: "" if selected else value}),
        }

    def facet(self, key, rows):
        return [self.option(key, value, label, count) for value, label, count in rows]

    def area_facet(self, province_wide):
        """The areas in groups, as readers find their place: each former district, then today's
        communes and wards formed mostly from it. An area counts what shows under it
        (`taxonomy.areas`), province-wide content included."""
        through = self.queryset.model.districts.through
        tags = {}
        for page, unit in through.objects.filter(
            publicationpage_id__in=self.queryset.values("pk")
        ).values_list("publicationpage_id", "administrativeunit_id"):
            tags.setdefault(page, set()).add(unit)
        areas_of_tag, counts = {}, Counter()
        for units in tags.values():
            shown_under = set()
            for unit in units:
                if unit not in areas_of_tag:
                    areas_of_tag[unit] = {area.pk for area in self.areas.of_tag(unit)}
                shown_under |= areas_of_tag[unit]
            counts.update(shown_under)

        def option(unit):
            count = counts[unit.pk] + province_wide
            return count and self.option("district", unit.code, unit.reader_name, count)

        groups = []
        for district, communes in self.areas.groups:
            whole = district and option(district)
            options = [found for found in map(option, communes) if found]
            if whole or options:
                groups.append(
                    {
                        "heading": district.reader_name
                        if district
                        else _("Other communes and wards"),
                        "whole": whole,
                        "options": options,
                        "open": any(o["selected"] for o in [whole or {}, *options]),
                    }
                )
        return groups

    @cached_property
    def facets(self):
        """Counts of the current results per audience, area, keyword, year, kind and language."""
        ids = self.queryset.values("pk")
        audiences = Audience.objects.filter(publications__in=ids).annotate(n=Count("publications"))
        keyword_model = self.queryset.model.keywords.through.tag_model()
        keywords = (
            keyword_model.objects.filter(tagged_publications__content_object__in=ids)
            .annotate(n=Count("tagged_publications"))
            .order_by("-n", "name")[:20]
        )
        counts = self.counts
        language_labels = dict(self.queryset.model._meta.get_field("language").choices)
        facets = [
            (
                "kind",
                _("Kind"),
                [(kind, KIND_LABELS[kind], n) for kind, n in self._kinds(counts["kinds"])],
            ),
            ("audience", _("Audience"), [(a.slug, a.display_name, a.n) for a in audiences]),
            ("keyword", _("Keyword"), [(k.slug, k.name, k.n) for k in keywords]),
            (
                "year",
                _("Year"),
                [(y, y, n) for y, n in sorted(counts["years"].items(), reverse=True)],
            ),
            (
                "language",
                _("Language"),
                [
                    (code, language_labels.get(code, code), n)
                    for code, n in counts["languages"].items()
                ],
            ),
        ]
        found = [
            (key, heading, self.facet(key, rows))
            for key, heading, rows in facets
            if rows and key not in self.fixed and (key != "kind" or self.with_kind)
        ]
        if "district" not in self.fixed:
            groups = self.area_facet(counts["province_wide"])
            if groups:
                position = sum(1 for key, *_rest in found if key in ("kind", "audience"))
                found.insert(position, ("district", _("Area"), groups))
        return found

    @staticmethod
    def _kinds(counts_by_model):
        kinds = {model: kind for kind, model in KIND_MODELS.items()}
        return [(kinds[model], n) for model, n in counts_by_model.items() if model in kinds]

    @property
    def query_prefix(self):
        """The active filters as the start of a query string, for pagination links."""
        params = urlencode(self.chosen)
        return f"{params}&" if params else ""
