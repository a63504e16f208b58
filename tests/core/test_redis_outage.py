"""Redis is an accelerator, never a dependency: with the cache's Redis killed or frozen the public
pages, the API and staff sign-in keep working from the database within a fraction of a second,
and a page unpublished meanwhile is not served stale once Redis is back.

Each test starts a redis-server of its own (tests/services.py `RedisServer`) and kills or freezes
that one; without redis-server installed they are skipped, and in CI they fail."""

import time

import pytest
from axes.handlers.proxy import AxesProxyHandler
from rest_framework.authtoken.models import Token

from django.test import Client
from django.urls import reverse

from core import page_cache
from core.redis_cache import CircuitBreaker, reset_breakers
from tests.factories import ArticlePageFactory, IndicatorFactory
from tests.services import RedisServer

ADDRESS = "/tin-tuc/bai-doc-thu/"
# The cache's timeout in these tests, and the most a request may take while Redis is down or
# frozen (rendering included, on a busy machine); before, a frozen Redis cost 5 s and then a 500.
REDIS_TIMEOUT = 0.2
RETRY_SECONDS = 0.5
BOUND = 1.5


@pytest.fixture
def own_redis():
    server = RedisServer.or_unavailable().start()
    yield server
    server.remove()


@pytest.fixture
def redis_cache(settings, own_redis):
    """The site's cache, page cache on, rate limits and login lockouts in this test's Redis."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": own_redis.url,
            "TIMEOUT_SECONDS": REDIS_TIMEOUT,
            "RETRY_SECONDS": RETRY_SECONDS,
        }
    }
    settings.PAGE_CACHE_ENABLED = True
    settings.AXES_HANDLER = "core.login_limits.CacheLoginLimits"
    AxesProxyHandler.get_implementation(force=True)
    reset_breakers()
    yield own_redis
    own_redis.stop()
    settings.AXES_HANDLER = "core.login_limits.DatabaseLoginLimits"
    AxesProxyHandler.get_implementation(force=True)


@pytest.fixture
def article(news_index, site_settings):
    return ArticlePageFactory(parent=news_index, title="Bài đọc thử", slug="bai-doc-thu")


def timed(call, *args, **kwargs):
    started = time.monotonic()
    response = call(*args, **kwargs)
    return response, time.monotonic() - started


def served_from_cache(response):
    return response.has_header("Age")


def sign_in(client, user):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": "correct-horse-battery"},
    )


def unpublish_as(user, page):
    staff = Client()
    staff.force_login(user)
    return staff.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))


@pytest.mark.django_db
class TestRedisKilled:
    def test_pages_are_served_from_the_database(self, client, redis_cache, article):
        assert client.get(ADDRESS).status_code == 200
        assert served_from_cache(client.get(ADDRESS))
        redis_cache.kill()
        for address in (ADDRESS, "/", "/tin-tuc/", "/en/"):
            response, seconds = timed(client.get, address)
            assert response.status_code in (200, 404), address
            assert seconds < BOUND, (address, seconds)
        response = client.get(ADDRESS)
        assert response.status_code == 200 and not served_from_cache(response)
        assert "Bài đọc thử" in response.content.decode()

    def test_staff_sign_in_and_api_writes_work(self, redis_cache, editor, district_staff):
        redis_cache.kill()
        response, seconds = timed(sign_in, Client(), editor)
        assert response.status_code == 302 and seconds < BOUND
        # A wrong password is refused as usual (the lockout counter just does not count).
        wrong = Client().post(
            reverse("wagtailadmin_login"), {"username": editor.username, "password": "sai"}
        )
        assert wrong.status_code == 200

        IndicatorFactory(code="leaflets")
        api = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=district_staff)}")
        record = {"unit": "731", "date": "2024-07-30", "indicator": "leaflets", "quantity": 3}
        response, seconds = timed(api.post, "/api/v1/records/", record, "application/json")
        assert response.status_code == 201, response.content
        assert seconds < BOUND

    def test_a_page_unpublished_meanwhile_is_not_stale_when_redis_returns(
        self, client, redis_cache, article, moderator, django_capture_on_commit_callbacks
    ):
        """The worst case: Redis comes back with the pages it held (here from a snapshot; a
        network partition does the same) while a change was made without it."""
        client.get(ADDRESS)
        assert served_from_cache(client.get(ADDRESS))
        redis_cache.save()
        redis_cache.kill()

        with django_capture_on_commit_callbacks(execute=True):
            response, seconds = timed(unpublish_as, moderator, article)
        assert response.status_code == 302 and seconds < BOUND
        assert client.get(ADDRESS).status_code == 404

        redis_cache.start()  # with the old generation and the old copy of the page
        time.sleep(RETRY_SECONDS)
        assert client.get(ADDRESS).status_code == 404

    def test_a_settings_change_meanwhile_shows_when_redis_returns(
        self, client, redis_cache, article, site_settings, django_capture_on_commit_callbacks
    ):
        client.get(ADDRESS)
        redis_cache.save()
        redis_cache.kill()
        client.get(ADDRESS)  # this process notices Redis is gone
        with django_capture_on_commit_callbacks(execute=True):
            site_settings.organisation_name = "Ban chỉ đạo tỉnh"
            site_settings.save()
        redis_cache.start()
        time.sleep(RETRY_SECONDS)
        assert "Ban chỉ đạo tỉnh" in client.get(ADDRESS).content.decode()

    def test_no_shared_value_is_kept_in_the_process_while_redis_is_down(
        self, client, redis_cache, article, site_settings
    ):
        address = ADDRESS + "?uncached=1"  # drawn each time, never stored
        client.get(address)
        redis_cache.kill()
        client.get(address)  # this process notices Redis is gone
        # Changed without a signal: only a value read from the database again shows it.
        type(site_settings).objects.update(organisation_name="Ban chỉ đạo tỉnh")
        assert "Ban chỉ đạo tỉnh" in client.get(address).content.decode()


@pytest.mark.django_db
class TestRedisFrozen:
    def test_pages_sign_in_and_unpublish_within_the_bound(
        self,
        client,
        redis_cache,
        article,
        editor,
        moderator,
        django_capture_on_commit_callbacks,
        monkeypatch,
    ):
        client.get(ADDRESS)
        assert served_from_cache(client.get(ADDRESS))
        redis_cache.freeze()

        timeouts = []
        failed = CircuitBreaker.failed
        monkeypatch.setattr(
            CircuitBreaker,
            "failed",
            lambda self, error: timeouts.append(error) or failed(self, error),
        )
        started = time.monotonic()
        for _ in range(5):
            response, seconds = timed(client.get, ADDRESS)
            assert response.status_code == 200 and seconds < BOUND
        # One timeout, then the circuit breaker leaves Redis alone for RETRY_SECONDS: not one
        # timeout per cache call (a page makes several).
        assert 1 <= len(timeouts) <= 1 + (time.monotonic() - started) / RETRY_SECONDS

        response, seconds = timed(sign_in, Client(), editor)
        assert response.status_code == 302 and seconds < BOUND

        with django_capture_on_commit_callbacks(execute=True):
            response, seconds = timed(unpublish_as, moderator, article)
        assert response.status_code == 302 and seconds < BOUND
        assert client.get(ADDRESS).status_code == 404

        redis_cache.thaw()
        time.sleep(RETRY_SECONDS)
        assert client.get(ADDRESS).status_code == 404


@pytest.mark.django_db
def test_the_generation_is_compared_with_the_database_every_few_seconds(
    client, redis_cache, article, settings, django_capture_on_commit_callbacks
):
    """A server that never saw the outage (another machine's change, counted in the database
    only) catches up within PAGE_CACHE_GENERATION_CHECK_SECONDS."""
    settings.PAGE_CACHE_GENERATION_CHECK_SECONDS = 0.3
    client.get(ADDRESS)
    assert served_from_cache(client.get(ADDRESS))
    with django_capture_on_commit_callbacks(execute=True):
        page_cache._count_change()  # as another server would while its Redis was unreachable
    time.sleep(0.3)
    assert not served_from_cache(client.get(ADDRESS))
    assert served_from_cache(client.get(ADDRESS))
