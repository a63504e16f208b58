"""Failed sign-ins counted per account, with a generous ceiling per address on top.

Commune staff sign in from one office address or from behind a mobile carrier's shared address,
so django-axes counts failures per account only (`AXES_LOCKOUT_PARAMETERS = ["username"]`): five
mistakes by one person lock that account, from any address, and leave everyone else behind the
address alone; one person's successful sign-in clears that person's failures only. The address
still has a ceiling, `LOGIN_ADDRESS_FAILURE_LIMIT` failures within `AXES_COOLOFF_TIME`, that only
failures count towards, so one address cannot try a few passwords against every account.

Wagtail's page-password form checks no account, so `page_password` counts its wrong passwords
as failed sign-ins of the page's restriction, under the same limits.
"""

import hashlib
import logging

from axes.attempts import get_cool_off_threshold
from axes.handlers.cache import AxesCacheHandler
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cache_timeout, get_lockout_response
from axes.models import AccessAttempt

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import Sum

from wagtail import views as wagtail_views

security_log = logging.getLogger("pcmbn.security")


class AddressCeiling:
    """What both handlers add to django-axes: refuse an address past its failures' ceiling."""

    def is_locked(self, request, credentials=None):
        return super().is_locked(request, credentials) or self.address_over_ceiling(request)

    def address_over_ceiling(self, request):
        return self.address_failures(request) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None:
            return
        # Refused attempts count too: an address that keeps trying stays refused.
        failures = self.count_address_failure(request)
        if failures >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            # AxesMiddleware answers with the lockout page.
            request.axes_locked_out = True
            request.axes_credentials = credentials
        if failures == settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            security_log.warning("login lockout by address path=%s", request.path_info)


class CacheLoginLimits(AddressCeiling, AxesCacheHandler):
    """Per-address failures in the cache beside axes' own counters (Redis: shared by workers)."""

    @staticmethod
    def address_key(request):
        # Hashed, so the cache holds no visitor's address in clear.
        return "login-failures:" + hashlib.sha256(request.axes_ip_address.encode()).hexdigest()

    def address_failures(self, request):
        return self.cache.get(self.address_key(request), 0)

    def count_address_failure(self, request):
        key, timeout = self.address_key(request), get_cache_timeout(request)
        if self.cache.add(key, 1, timeout=timeout):
            return 1
        try:
            count = self.cache.incr(key)
        except ValueError:  # expired between add and incr
            self.cache.add(key, 1, timeout=timeout)
            return 1
        self.cache.touch(key, timeout=timeout)
        return count


class DatabaseLoginLimits(AddressCeiling, AxesDatabaseHandler):
    """Per-address failures summed from axes' own rows, which keep the address of each attempt."""

    def address_failures(self, request):
        recent = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )
        return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0

    def count_address_failure(self, request):
        return self.address_failures(request)


def page_password(request, page_view_restriction_id, page_id):
    """Wagtail's page-password form, each wrong password a failed sign-in of that restriction."""
    credentials = {settings.AXES_USERNAME_FORM_FIELD: f"page-password-{page_view_restriction_id}"}
    if request.method != "POST":
        return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if not AxesProxyHandler.is_allowed(request, credentials):
        return get_lockout_response(request, None, credentials)
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if response.status_code == 200:  # the form again: the password was wrong
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    return response
