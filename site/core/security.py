"""Response headers, rate limits and the security log: what every request passes through.

The public pages get a strict Content-Security-Policy (no inline script, nothing from another
host); the Wagtail admin, which needs inline styles and scripts, gets its own looser one. Search,
the API and the login form are rate limited per client address in the cache (Redis in
production), answering 429 rather than letting one client exhaust the server.
"""

import logging
import time

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

security_log = logging.getLogger("pcmbn.security")


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or the address the last trusted proxy saw.

    `TRUSTED_PROXY_COUNT` proxies (0 by default) append to X-Forwarded-For; anything further left
    in that header is the client's own claim and is ignored.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def is_admin_path(path):
    return path.startswith(settings.ADMIN_URL_PREFIXES)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp, with the admin's own policy for admin paths (Wagtail needs inline code there)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts = PolicyParts(
                config=default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]),
                update=parts.update,
                replace=parts.replace,
                nonce=parts.nonce,
            )
        return parts


class SecurityHeadersMiddleware:
    """The headers Django's SecurityMiddleware does not set: Permissions-Policy and CORP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class RateLimitMiddleware:
    """Fixed-window request counters per client address and rule, kept in the cache.

    `settings.RATE_LIMITS` maps a rule name to (path prefixes, methods, requests, seconds); the
    path prefixes are matched after the language prefix (`/en/`), so one rule covers both languages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rule = self.rule_for(request)
        if rule is not None and self.exceeded(request, *rule):
            return self.too_many(request, rule[0], rule[4])
        return self.get_response(request)

    @staticmethod
    def rule_for(request):
        path = request.path_info
        for prefix in settings.LANGUAGE_URL_PREFIXES:
            if path.startswith(prefix):
                path = path[len(prefix) - 1 :]
                break
        for name, (prefixes, methods, limit, seconds) in settings.RATE_LIMITS.items():
            if path.startswith(tuple(prefixes)) and request.method in methods:
                return name, prefixes, methods, limit, seconds
        return None

    @staticmethod
    def exceeded(request, name, prefixes, methods, limit, seconds):
        cache = caches[settings.RATE_LIMIT_CACHE]
        window = int(time.time() // seconds)
        key = f"ratelimit:{name}:{client_ip(request)}:{window}"
        if cache.add(key, 1, timeout=seconds + 1):
            return limit < 1
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=seconds + 1)
            count = 1
        return count > limit

    @staticmethod
    def too_many(request, name, seconds):
        security_log.warning("rate limit exceeded rule=%s path=%s", name, request.path_info)
        if name == "api":
            response = JsonResponse(
                {"detail": _("Too many requests. Wait a minute and try again.")}, status=429
            )
        else:
            response = HttpResponse(
                render_to_string("core/too_many_requests.html", request=request), status=429
            )
        response["Retry-After"] = str(seconds)
        patch_vary_headers(response, ["Accept-Language"])
        return response


class SecurityLogMiddleware:
    """Logs refused requests (403) with the path and the staff account's id, nothing about the public."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            user = getattr(request, "user", None)
            who = f"user={user.pk}" if user is not None and user.is_authenticated else "anonymous"
            security_log.warning(
                "permission denied %s %s %s", request.method, request.path_info, who
            )
        return response
