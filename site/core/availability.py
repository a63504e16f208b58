"""Keeps answering when the database does not, and tells a load balancer whether to send traffic.

- `server_error` is the site's `handler500`. When the error is the database being unreachable,
  too slow (PostgreSQL's `statement_timeout`) or busy, it answers 503 with `Retry-After` instead
  of 500: JSON in DRF's error shape for the API, and for pages a light page that asks nothing of
  the database and still shows the national hotline 111. Any other error gets the plain 500 page.
  Pages the page cache holds are still served from Redis meanwhile (core.page_cache).
- `HealthCheckMiddleware`, first in the middleware, answers the load balancer before the HTTPS
  redirect, the host check, the page cache and the session: `/healthz` (liveness: the process
  answers, nothing else is asked) and `/readyz` (readiness: the database answers a query; the
  cache is reported but a Redis outage does not make a server unready, since the site serves
  without Redis and every server shares the same Redis).

docs/operations.md describes the whole failure behaviour.
"""

import logging
import sys
import time

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _
from django.views import defaults

log = logging.getLogger("pcmbn.availability")

HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"


def database_unavailable(error):
    """Whether `error` means the database cannot answer now (down, unreachable, a statement
    over its time limit, locked), rather than a fault in the code."""
    return isinstance(error, OperationalError | InterfaceError)


def server_error(request, *args, **kwargs):
    """handler500: 503 while the database is unavailable, Django's 500 page otherwise."""
    error = sys.exc_info()[1]
    if not database_unavailable(error):
        return defaults.server_error(request, *args, **kwargs)
    log.error("database unavailable: %s %s: %s", request.method, request.path_info, error)
    return unavailable_response(request)


def unavailable_response(request):
    if request.path_info.startswith(settings.API_URL_PREFIXES):
        # The API answers in the client's language, as its views do (Accept-Language).
        language = translation.get_language_from_request(request)
        with translation.override(language):
            response = JsonResponse(
                {"detail": _("The service is briefly unavailable. Try again in a minute.")},
                status=503,
            )
        patch_vary_headers(response, ["Accept-Language"])
    else:
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with translation.override(language):
            body = render_to_string("core/unavailable.html", request=request)
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def check_database(alias=DEFAULT_DB_ALIAS):
    """None when the database answers a query now, else why not."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means not ready; it is reported
        return f"{type(error).__name__}: {str(error).strip()}"
    return None


def check_cache(alias="default"):
    """None when the cache answers now, else why not. Redis is asked directly (core.redis_cache
    `health`), not through the fail-open calls that would hide its absence."""
    backend = caches[alias]
    health = getattr(backend, "health", None)
    if health is None:
        return None  # a local memory cache is always there
    return health()


def readiness():
    """(status code, report) for /readyz."""
    started = time.monotonic()
    database = check_database()
    cache = check_cache()
    report = {
        "status": "ready" if database is None else "unavailable",
        "database": "ok" if database is None else database,
        "cache": "ok" if cache is None else f"degraded, serving without it: {cache}",
        "seconds": round(time.monotonic() - started, 3),
    }
    return (200 if database is None else 503), report


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before anything else (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH:
            response = JsonResponse({"status": "alive"})
        elif request.path_info == READY_PATH:
            status, report = readiness()
            response = JsonResponse(report, status=status)
            if status != 200:
                response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER_SECONDS)
        else:
            return self.get_response(request)
        add_never_cache_headers(response)
        return response
