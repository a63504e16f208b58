"""The Redis cache backend (core.redis_cache) against a real Redis (TEST_REDIS_URL, by default the
one at 127.0.0.1:6379, db 13): it stores and reads like Django's, and builds one redis-py client
per connection pool, not one per call."""

import uuid

import pytest

from core.redis_cache import RedisCache


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
