"""The Redis cache backend (core.redis_cache) against a real Redis (TEST_REDIS_URL, by default the
one at 127.0.0.1:6379, db 13): it stores and reads like Django's, and builds one redis-py client
per connection pool, not one per call. Without a Redis at all, it answers as an empty cache and
leaves Redis alone for a while after a failure (docs/operations.md)."""

import uuid

import pytest

from core.redis_cache import RedisCache, RedisCacheClient, reset_breakers


@pytest.fixture
def cache(redis_url):
    backend = RedisCache(redis_url, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield backend
    backend.clear()


def test_stores_reads_and_forgets_like_djangos(cache):
    cache.set("page", {"body": "Tổng đài 111"}, timeout=60)
    cache.set_many({"a": 1, "b": b"\x00"})
    assert cache.get("page") == {"body": "Tổng đài 111"}
    assert cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": b"\x00"}
    assert cache.add("a", 2) is False
    cache.delete("page")
    assert cache.get("page") is None


def test_one_client_per_connection_pool(cache):
    client = cache._cache.get_client(write=True)
    cache.set("x", 1)
    cache.get("x")
    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client() is client  # one server: reads use the same pool


@pytest.fixture
def unreachable(tmp_path):
    """A cache whose Redis is not there (a socket nobody listens on): no server needed."""
    reset_breakers()
    backend = RedisCache(f"unix://{tmp_path}/nobody.sock", {"RETRY_SECONDS": 60})
    yield backend
    reset_breakers()


def test_an_unreachable_redis_answers_as_an_empty_cache(unreachable):
    assert unreachable.get("page", "default") == "default"
    assert unreachable.get_many(["page", "generation"]) == {}
    assert unreachable.add("counter", 1) is False
    assert unreachable.incr("counter") == 1  # counted once: rate limits and lockouts fail open
    assert unreachable.set("page", "body") is None
    assert unreachable.delete("page") is False
    assert unreachable.has_key("page") is False
    assert unreachable.get_or_set("menu", lambda: ["Tin tức"]) == ["Tin tức"]
    assert unreachable.health().startswith("ConnectionError")


def test_after_a_failure_redis_is_left_alone_for_a_while(unreachable, monkeypatch):
    unreachable.get("page")
    asked = []
    monkeypatch.setattr(RedisCacheClient, "get", lambda *args: asked.append(args) or b"never asked")
    assert unreachable.get("page", "default") == "default"
    assert asked == []
    reset_breakers()  # the period is over
    unreachable.get("page")
    assert len(asked) == 1
