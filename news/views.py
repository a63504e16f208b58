"""Public views beyond the pages themselves: downloads, entry points by audience and district, search."""

from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.models import Locale

from taxonomy.models import AdministrativeUnit, Audience

from .listing import Listing, in_reader_language, visible
from .models import DownloadCount, Keyword, PublicationPage
from .search import MAX_QUERY_LENGTH, clean_query

SEARCH_PAGE_SIZE = 10


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
    page = get_object_or_404(visible(PublicationPage.objects.all()), pk=page_id)
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
def district(request, code):
    """Everything for one district, with its programme's contact point."""
    unit = (
        AdministrativeUnit.objects.select_related("programme_contact")
        .filter(level__gte=AdministrativeUnit.Level.DISTRICT)
        .named(code)
    )
    if unit is None:
        raise Http404
    listing = Listing(
        request,
        in_reader_language(PublicationPage.objects.all()),
        with_kind=True,
        fixed={"district": unit.code},
    )
    contact = getattr(unit, "programme_contact", None)
    return listing_response(
        request, "news/district.html", {"unit": unit, "contact": contact}, listing
    )


@require_GET
def search(request):
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
    # The search backends understand plain filters only, so Wagtail's own live().public() here.
    # The search backends filter on indexed fields only: the locale, not its language code.
    pages = (
        PublicationPage.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .select_related("image")
    )
    results = pages.prefetch_related("image__renditions").search(
        query, operator="and", order_by_relevance=True
    )
    context["query_prefix"] = urlencode({"q": query}) + "&"
    paginator = Paginator(results, SEARCH_PAGE_SIZE)
    try:
        context["results"] = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404(_("There is no such page of results.")) from error
    return render(request, "news/search.html", context)
