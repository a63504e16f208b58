"""Public views beyond the pages themselves: downloads, entry points by audience and area, search."""

import re
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.private_content import passed
from taxonomy.areas import Areas
from taxonomy.models import Audience

from .listing import Listing, in_reader_language, visible
from .models import DownloadCount, Keyword, ProgrammeContact, PublicationPage
from .search import MAX_QUERY_LENGTH, clean_query, engine
from .search.models import SearchEntry

SEARCH_PAGE_SIZE = 10
# About how many words of a result's text its snippet shows.
SNIPPET_WORDS = 30


def count_download(page, kind):
    """Add one to the file's counter in the database, so simultaneous downloads all count."""
    counter = DownloadCount.objects.filter(page=page, file=kind)
    if counter.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            DownloadCount.objects.create(page=page, file=kind, count=1)
    except IntegrityError:  # another request created it first
        counter.update(count=F("count") + 1)


@require_GET
def download(request, page_id, kind):
    page = get_object_or_404(PublicationPage.objects.live(), pk=page_id)
    # A restricted page's files only for readers who passed its restriction.
    if not passed(request, page):
        raise Http404(_("This material has no such file."))
    stored = page.specific.downloads().get(kind)
    if stored is None:
        raise Http404(_("This material has no such file."))
    count_download(page, kind)
    extension = stored.file.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        stored.file.open("rb"), as_attachment=True, filename=f"{page.slug}.{extension}"
    )
    # Whatever the file holds, the browser saves it and never runs it as a page.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def listing_response(request, template, context, listing):
    return listing.respond(lambda: render(request, template, {**context, "listing": listing}))


@require_GET
def audience(request, slug):
    """Everything for one audience: "for you" on the home page leads here."""
    chosen = get_object_or_404(Audience, slug=slug)
    listing = Listing(
        request,
        in_reader_language(PublicationPage.objects.all()),
        with_kind=True,
        fixed={"audience": chosen.slug},
    )
    return listing_response(request, "news/audience.html", {"audience": chosen}, listing)


@require_GET
def area(request, code):
    """Everything for one area (`taxonomy.areas`): a commune or ward of today, or a district,
    former ones included. A current area shows its contact point and the former districts it
    was formed from; a former one, the communes and wards that took it over."""
    areas = Areas.today()
    unit = areas.named(code)
    if unit is None:
        raise Http404(_("There is no such area."))
    listing = Listing(
        request,
        in_reader_language(PublicationPage.objects.all()),
        with_kind=True,
        fixed={"district": unit.code},
        areas=areas,
    )
    current = unit.existed_on(areas.day)
    context = {
        "unit": unit,
        "name": unit.reader_name,
        "current": current,
        "contact": ProgrammeContact.objects.filter(unit=unit).first() if current else None,
        "now_covering": areas.now_covering(unit),
        "formed_from": areas.formed_from(unit),
    }
    return listing_response(request, "news/area.html", context, listing)


@require_GET
def search(request):
    """The reader search (docs/search.md): results with the words found marked, filters by kind
    and audience, and on no results the nearer queries, the audiences, the most downloaded
    materials and the hotline. Never stored by the page cache: `q` is not a listing filter."""
    raw = request.GET.get("q", "")
    query = clean_query(raw)
    context = {
        "raw_query": raw[:MAX_QUERY_LENGTH],
        "query": query,
        "too_long": len(raw) > MAX_QUERY_LENGTH,
    }
    if not query:
        published = visible(in_reader_language(PublicationPage.objects.all())).values("pk")
        context["keywords"] = (
            Keyword.objects.filter(tagged_publications__content_object__in=published)
            .annotate(n=Count("tagged_publications"))
            .order_by("-n", "name")[:12]
        )
        context["audiences"] = Audience.objects.all()
        return render(request, "news/search.html", context)

    kind = request.GET.get("kind", "")
    kind = kind if kind in SearchEntry.Kind.values else ""
    audience = request.GET.get("audience", "")
    audience = audience if re.fullmatch(r"[-a-z0-9]{1,80}", audience) else ""
    answer = engine.search(query, get_language(), kind=kind, audience=audience)
    filters = {"q": query, "kind": kind, "audience": audience}
    paginator = Paginator(answer.ids, SEARCH_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404(_("There is no such page of results.")) from error
    context.update(
        answer=answer,
        page=page,
        results=[
            search_result(request, entry, answer.highlight.get(entry.pk, set()))
            for entry in engine.entries(list(page.object_list))
        ],
        query_prefix=urlencode({k: v for k, v in filters.items() if v}) + "&",
        kind_facet=kind_facet(answer, filters),
        audience_facet=audience_facet(answer, filters),
        filtered=bool(kind or audience),
        clear_url="?" + urlencode({"q": query}),
    )
    if answer.suggestion and answer.suggestion != query:
        context["suggestion_url"] = "?" + urlencode({"q": answer.suggestion})
    context["near"] = [("?" + urlencode({"q": near}), near, n) for near, n in answer.near]
    if not answer.total:
        if not (kind or audience):
            engine.count_miss(query, get_language())
        context["audiences"] = Audience.objects.all()
        context["most_downloaded"] = most_downloaded()
    return render(request, "news/search.html", context)


def search_result(request, entry, found):
    if entry.page_id:
        url = entry.page.get_url(request)
    elif entry.audience_id:
        url = reverse("audience", args=[entry.audience.slug])
    else:
        url = reverse("area", args=[entry.unit.code])
    return {
        "url": url,
        "kind": entry.get_kind_display(),
        "title": entry.title,
        "snippet": engine.highlight(entry.text, found, limit=SNIPPET_WORDS),
        "date": entry.date,
    }


def kind_facet(answer, filters):
    return [
        {
            "label": label,
            "count": answer.kinds[value],
            "selected": filters["kind"] == value,
            "url": "?"
            + urlencode(
                {
                    k: v
                    for k, v in {
                        **filters,
                        "kind": "" if filters["kind"] == value else value,
                    }.items()
                    if v
                }
            ),
        }
        for value, label in SearchEntry.Kind.choices
        if answer.kinds.get(value)
    ]


def audience_facet(answer, filters):
    chosen = filters["audience"]
    return [
        {
            "label": audience.display_name,
            "count": answer.audiences[audience.slug],
            "selected": chosen == audience.slug,
            "url": "?"
            + urlencode(
                {
                    k: v
                    for k, v in {
                        **filters,
                        "audience": "" if chosen == audience.slug else audience.slug,
                    }.items()
                    if v
                }
            ),
        }
        for audience in Audience.objects.filter(slug__in=list(answer.audiences))
    ]


def most_downloaded(limit=4):
    """The posters and leaflets readers downloaded most, for a search that found nothing."""
    return (
        visible(in_reader_language(PublicationPage.objects.all()))
        .annotate(downloaded=Sum("download_counts__count"))
        .filter(downloaded__gt=0)
        .order_by("-downloaded", "-publication_date")
        .select_related("image")[:limit]
    )
