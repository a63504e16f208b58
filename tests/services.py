"""What a test needs from outside Python (a Redis server, Chromium): on a developer's machine a
test without it is skipped with the reason; in CI (CI=true) it fails, since there it must run."""

import os

import pytest
import redis

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def in_ci():
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def unavailable(reason):
    """Skip the test here, fail it in CI."""
    if in_ci():
        pytest.fail(f"{reason}; CI=true, so this fails instead of skipping", pytrace=False)
    pytest.skip(f"{reason}; CI fails here instead")


def redis_unreachable(url):
    """Why the Redis at `url` cannot be used, or None when it answers PING within a second."""
    try:
        with redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1) as client:
            client.ping()
    except redis.RedisError as error:
        return f"Redis is not reachable at {url}: {str(error).rstrip('.')}"
    return None
