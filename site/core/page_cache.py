"""The public page cache: anonymous visitors get a stored copy of a page without a database query.

A burst of readers after an article is shared costs one render. What is stored, and for whom:

- Only GET requests without a session cookie (staff always have one, so staff, previews and
  anyone who unlocked a password-protected page are never served from nor stored in it), for
  addresses outside the admin, API and documents, with no query string or one made only of the
  listing filters (`PAGE_CACHE_QUERY_PARAMS`), which are stored in a normalised order.
- Only 200 HTML responses that set no cookie and are not marked private or no-store, and, for an
  address with a query string, only when the page has vouched for it (`vouch_for_query`): every
  value names something that exists, written the page's one way.
- The key is the host and the full path, which carries the language (`/en/...`).

Every entry is stored with the site's *generation*, a token that `invalidate()` replaces
whenever published content or a snippet or setting that pages show changes (see `core.apps`), so
one change refreshes every page at once, on every server sharing the cache (Redis). Pages showing
live totals call `shows_live_figures(request)` and are kept only `PAGE_CACHE_LIVE_MINUTES`.

The token is `<number>.<random>`, the number counted in the database (`PageCacheGeneration`) once
each change is committed. A change made while Redis is unreachable still counts there; each
process compares the two numbers when it sees Redis come back and every
`PAGE_CACHE_GENERATION_CHECK_SECONDS` (one small query), and replaces the token when they differ,
so pages stored before the outage are not served once Redis returns with them. While Redis is
down the cache stores and serves nothing (core.redis_cache) and every page comes from the database.

The Content-Security-Policy nonce is never replayed: it is stored as a placeholder and each
response served from the cache gets a fresh one, in the body and (through django-csp, which runs
outside this middleware) in the header alike.
"""

import contextvars
import hashlib
import logging
import pickle
import time
import uuid
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.db.models import F
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from wagtail.models import Site

log = logging.getLogger("pcmbn.cache")

GENERATION_KEY = "pagecache:generation"
NONCE_PLACEHOLDER = b"__page_cache_nonce__"


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


class _Generations:
    """What this process knows of the database's generation number, and when it last asked."""

    number = 0
    checked_at = None  # time.monotonic() of the last comparison with the database
    recoveries_seen = 0  # the cache backend's count of Redis outages that ended


def invalidate(**kwargs):
    """Make every stored page stale: now, and again once the change is committed (counted in the
    database too), so that a page rendered from the old data while the transaction was open is
    not kept either."""
    _new_generation(_Generations.number)
    transaction.on_commit(_change_committed)


def _change_committed():
    try:
        _Generations.number = _count_change()
    except DatabaseError:
        # The change itself is committed; the token below still refreshes every page.
        log.exception("could not count the page cache generation in the database")
    _new_generation(_Generations.number)


def _generation_model():
    # By name: core.models uses this module (remember, find_site) for the site settings.
    return apps.get_model("core", "PageCacheGeneration")


def _count_change():
    """Count one change in the database's generation; the number after it."""
    model = _generation_model()
    if not model.objects.filter(pk=1).update(number=F("number") + 1):
        model.objects.get_or_create(pk=1)
        model.objects.filter(pk=1).update(number=F("number") + 1)
    return model.objects.values_list("number", flat=True).get(pk=1)


def _database_number():
    return _generation_model().objects.values_list("number", flat=True).filter(pk=1).first() or 0


def _new_generation(number):
    token = f"{number}.{uuid.uuid4().hex}"
    cache().set(GENERATION_KEY, token, timeout=None)
    return token


def _number_of(token):
    try:
        return int(str(token).split(".", 1)[0])
    except ValueError:
        return None  # a token from before the number was kept: replaced at the next check


def _database_number_if_due():
    """The database's generation number when it is time to compare it with the cache's (this
    process saw Redis come back, or PAGE_CACHE_GENERATION_CHECK_SECONDS have passed), else None."""
    recoveries = getattr(cache(), "recoveries", 0)
    every = settings.PAGE_CACHE_GENERATION_CHECK_SECONDS
    now = time.monotonic()
    due = recoveries != _Generations.recoveries_seen or (
        every is not None
        and (_Generations.checked_at is None or now - _Generations.checked_at >= every)
    )
    if not due:
        return None
    _Generations.recoveries_seen = recoveries
    _Generations.checked_at = now
    try:
        _Generations.number = _database_number()
    except DatabaseError:
        return None  # the database is down: pages already stored are served meanwhile
    return _Generations.number


_MISSING = object()
# For the GET or HEAD request being served: the generation it read, once it read it.
_request_state = contextvars.ContextVar("page_cache_request", default=None)


def _request_generation():
    """The generation for the request being served, read at most once per request; None outside
    a GET or HEAD request (a change made earlier in the same request would be missed) or when
    Redis is unreachable."""
    state = _request_state.get()
    if state is None:
        return None
    if state.get("generation") is None:
        state["generation"] = _lookup(GENERATION_KEY)[0]
    return state["generation"]


class _InProcess:
    """This process's copies of remembered values, for one generation: the next page asking for
    the same value within that generation reads it from memory, without a trip to Redis. Values
    other than text are kept pickled, so that no request sees another's changes to its copy.
    At most `LIMIT` of them: a crawler walking every choice of filters fills Redis, whose
    `maxmemory` policy evicts (docs/operations.md), not the app server's memory."""

    LIMIT = 2000
    generation = None
    values = {}

    @classmethod
    def get(cls, generation, name):
        if generation is None or generation != cls.generation:
            return _MISSING
        value = cls.values.get(name, _MISSING)
        return pickle.loads(value) if isinstance(value, bytes) else value

    @classmethod
    def keep(cls, generation, name, value, *, shared=False):
        if generation is None:
            return
        if generation != cls.generation:
            cls.generation, cls.values = generation, {}
        if len(cls.values) < cls.LIMIT or name in cls.values:
            cls.values[name] = value if shared or isinstance(value, str) else pickle.dumps(value)


def name_in_language(kind, *values):
    """A name for `remember` of what differs by `values` and by the reader's language, short
    whatever the values are."""
    described = repr([get_language(), *values]).encode()
    return f"{kind}:{hashlib.md5(described, usedforsecurity=False).hexdigest()}"


def remember(name, compute, keep=None):
    """A value every public page needs and few changes touch (the site, its settings, the menu,
    a publication card), kept in the cache under the current generation, and in this process
    while the request's generation is known: the change that refreshes the pages refreshes it too.
    `compute()` gives the value when the cache holds none for this generation; when `keep(value)`
    is false, that value is used this once and not kept."""
    value = _InProcess.get(_request_generation(), name)
    if value is not _MISSING:
        return value
    key = f"pagecache:shared:{name}"
    generation, entry = _lookup(key)
    if entry is not None and entry[0] == generation:
        value = entry[1]
    else:
        value = compute()
        if keep is not None and not keep(value):
            return value
        cache().set(key, (generation, value), timeout=settings.PAGE_CACHE_SECONDS)
    _InProcess.keep(generation, name, value)
    return value


def remember_in_process(name, compute):
    """Like `remember`, for a value dearer to fetch from the cache than to keep (built objects
    that fill themselves in as they are used, shared by the requests of this process): held in
    memory only. Without a generation (Redis unreachable) nothing says when the value goes
    stale, so it is computed each time."""
    generation = _request_generation() or _lookup(GENERATION_KEY)[0]
    value = _InProcess.get(generation, name)
    if value is _MISSING:
        value = compute()
        _InProcess.keep(generation, name, value, shared=True)
    return value


def _lookup(key):
    """(the current generation, the entry at `key` or None), in one cache round trip; a new
    generation when the cache holds none yet."""
    found = cache().get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        # None yet, evicted, or Redis is unreachable (then nothing is stored or served).
        cache().add(GENERATION_KEY, f"{_Generations.number}.{uuid.uuid4().hex}", timeout=None)
        generation = cache().get(GENERATION_KEY)
    else:
        number = _database_number_if_due()
        if number is not None and _number_of(generation) != number:
            # A change the cache did not hear of (made while Redis was unreachable).
            generation = _new_generation(number)
    return generation, found.get(key)


def find_site(request):
    """Wagtail's `Site.find_for_request`, with the answer kept in the shared cache: every page
    needs it, and Wagtail would ask the database each time."""
    if not hasattr(request, "_wagtail_site"):
        # Wagtail's own lookup reads the raw host and the port, as here.
        address = f"{split_domain_port(request._get_raw_host())[0]}:{request.get_port()}"
        name = "site:" + hashlib.sha256(address.encode()).hexdigest()
        # Site.find_for_request keeps its answer in this attribute for the rest of the request.
        request._wagtail_site = remember(name, lambda: Site._find_for_request(request))
    return request._wagtail_site


def shows_live_figures(request):
    """Called while rendering a page that shows totals of the records: keep it only briefly."""
    if request is not None:
        request.page_cache_seconds = settings.PAGE_CACHE_LIVE_MINUTES * 60


def vouch_for_query(request, params):
    """Called by a page that reads its query string, once it has checked every value exists:
    `params` is the query string the page stands for, each value written the one way the page
    writes it. A page with a query string is stored only when the request's is exactly that, so
    neither a value naming nothing (`?district=xyz`) nor another spelling of a real one
    (`?page=01`, `?year=2024.0`) adds an entry, and the cache holds at most one copy per real
    choice."""
    request.page_cache_query = sorted((key, str(value)) for key, value in params.items())


def _vouched_for(request):
    return not request.GET or getattr(request, "page_cache_query", None) == sorted(
        request.GET.items()
    )


def _cacheable_request(request):
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path_info.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES)
        and set(request.GET) <= set(settings.PAGE_CACHE_QUERY_PARAMS)
        and all(len(values) == 1 for _, values in request.GET.lists())
    )


def _key(request):
    query = urlencode(sorted(request.GET.items()))
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return "pagecache:page:" + hashlib.sha256(address.encode()).hexdigest()


def _storable(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        # The session and CSRF middleware, inside this one, have added their cookies by now.
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and not getattr(request, "is_preview", False)
        and _vouched_for(request)
        # A response that never reached the authentication middleware is not stored either.
        and getattr(request, "user", None) is not None
        and not request.user.is_authenticated
    )


def _public_headers(response, seconds_left):
    # Vary: Cookie, so a browser that signs in asks again rather than showing the public copy.
    patch_vary_headers(response, ["Cookie"])
    patch_cache_control(
        response,
        public=True,
        max_age=min(settings.PAGE_CACHE_BROWSER_SECONDS, seconds_left),
        s_maxage=min(settings.PAGE_CACHE_SHARED_SECONDS, seconds_left),
    )


class PageCacheMiddleware:
    """Serves and stores public pages; marks every response to staff `private, no-store`.

    Sits after the security headers, CSP and whitenoise (their headers are added afresh to each
    copy served) and before the session, locale, CSRF, authentication and the rest: a copy served
    skips them all, a page stored has been through them all (their headers are stored with it).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        token = _request_state.set({} if request.method in ("GET", "HEAD") else None)
        try:
            return self._respond(request)
        finally:
            _request_state.reset(token)

    def _respond(self, request):
        if not _cacheable_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES or request.path_info.startswith(
                settings.ADMIN_URL_PREFIXES
            ):
                patch_cache_control(response, private=True, no_store=True)
            return response

        key = _key(request)
        generation, entry = _lookup(key)
        now = time.time()
        if entry is not None and entry["generation"] == generation and entry["expires"] > now:
            return self._from_cache(request, entry, now)

        _request_state.get()["generation"] = generation
        response = self.get_response(request)
        if _storable(request, response):
            self._store(request, response, key, generation, now)
            return get_conditional_response(
                request, etag=response["ETag"], last_modified=int(now), response=response
            )
        return response

    def _store(self, request, response, key, generation, now):
        seconds = settings.PAGE_CACHE_SECONDS
        if getattr(request, "page_cache_seconds", None):
            seconds = min(seconds, request.page_cache_seconds)
        body = response.content
        nonce = getattr(request, "_csp_nonce", None)
        if isinstance(nonce, str):
            body = body.replace(nonce.encode(), NONCE_PLACEHOLDER)
        response["ETag"] = f'W/"{hashlib.sha256(body).hexdigest()[:32]}"'
        response["Last-Modified"] = http_date(now)
        _public_headers(response, seconds)
        entry = {
            "generation": generation,
            "expires": now + seconds,
            "stored": now,
            "body": body,
            "headers": dict(response.items()),
        }
        cache().set(key, entry, timeout=int(seconds))

    def _from_cache(self, request, entry, now):
        conditional = get_conditional_response(
            request, etag=entry["headers"]["ETag"], last_modified=int(entry["stored"])
        )
        body = entry["body"]
        if conditional is None and NONCE_PLACEHOLDER in body:
            body = body.replace(NONCE_PLACEHOLDER, str(request.csp_nonce).encode())
        response = conditional or HttpResponse(body)
        for name, value in entry["headers"].items():
            if conditional is None or name.lower() != "content-type":
                response[name] = value
        _public_headers(response, int(entry["expires"] - now))
        response["Age"] = str(int(now - entry["stored"]))
        return response
