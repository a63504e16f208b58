"""Django's Redis cache, made an accelerator the site never depends on.

Redis holds nothing that cannot be rebuilt (stored pages, shared values, rate-limit and lockout
counters), so when it is down or too slow the site carries on without it (docs/operations.md):

- **Short timeouts.** Connecting and each reply are given `REDIS_TIMEOUT_SECONDS` (a fraction of
  a second; redis-py's own default is five seconds), and a failed call is not retried.
- **Fail open.** A call that fails answers as an empty cache would: `get` gives the default,
  `add` and `set` store nothing, `incr` counts one. The page cache then renders from the database
  and stores nothing; rate limits and login lockouts count nothing until Redis is back.
- **Circuit breaker.** After a failure the process leaves Redis alone for
  `REDIS_RETRY_SECONDS`, so a dead or frozen Redis costs one timeout per process per period, not
  one per call. The first call after that tries again.

One redis-py client per connection pool instead of one per call: Django builds a new `redis.Redis`
for every cache operation, and redis-py's constructor fills a table of some 170 response callbacks
each time, a fifth of the time of a page served from the page cache (docs/performance.md). A
redis-py client is thread-safe and holds no connection of its own (the pool does).
"""

import logging
import threading
import time

import redis as redis_py
from redis.backoff import NoBackoff
from redis.retry import Retry

from django.core.cache.backends import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT

log = logging.getLogger("pcmbn.cache")

DEFAULT_TIMEOUT_SECONDS = 0.3
DEFAULT_RETRY_SECONDS = 5.0


class CircuitBreaker:
    """Whether to try Redis at all: closed (try) until a call fails, then open for `seconds`.

    One per Redis address, shared by the threads of a process (Django makes a cache backend per
    thread). `recoveries` counts the outages that ended, so the page cache can check, once Redis
    answers again, that no change made meanwhile left stale pages (core.page_cache)."""

    def __init__(self, address, seconds):
        self.address = address
        self.seconds = seconds
        self.open_until = 0.0
        self.failing = False
        self.recoveries = 0
        self._lock = threading.Lock()

    def allows(self):
        return time.monotonic() >= self.open_until

    def failed(self, error):
        with self._lock:
            if not self.failing:
                log.warning(
                    "Redis unreachable at %s (%s): serving without it, trying again every %ss",
                    self.address,
                    error,
                    self.seconds,
                )
            self.failing = True
            self.open_until = time.monotonic() + self.seconds

    def succeeded(self):
        if self.failing:
            with self._lock:
                if self.failing:
                    self.failing = False
                    self.recoveries += 1
                    log.warning("Redis at %s answers again", self.address)

    def reset(self):
        with self._lock:
            self.open_until = 0.0
            self.failing = False


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(address, seconds):
    with _breakers_lock:
        breaker = _breakers.get(address)
        if breaker is None:
            breaker = _breakers[address] = CircuitBreaker(address, seconds)
        breaker.seconds = seconds
        return breaker


def reset_breakers():
    """Close every breaker (tests, or after an operator fixed Redis and wants no wait)."""
    with _breakers_lock:
        for breaker in _breakers.values():
            breaker.reset()


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    """`LOCATION` as Django's; `TIMEOUT_SECONDS` and `RETRY_SECONDS` (see the module's docstring)
    beside `OPTIONS`, which still goes to redis-py's connection pool."""

    def __init__(self, server, params):
        timeout = float(params.get("TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS))
        options = {
            "socket_connect_timeout": timeout,
            "socket_timeout": timeout,
            "retry": Retry(NoBackoff(), 0),
            **params.get("OPTIONS", {}),
        }
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = RedisCacheClient
        seconds = float(params.get("RETRY_SECONDS", DEFAULT_RETRY_SECONDS))
        self._breaker = breaker_for(str(server), seconds)

    @property
    def recoveries(self):
        """How many Redis outages this process has seen end."""
        return self._breaker.recoveries

    def _fail_open(self, fallback, call, *args):
        if not self._breaker.allows():
            return fallback
        try:
            result = call(*args)
        except (redis_py.ConnectionError, redis_py.TimeoutError) as error:
            self._breaker.failed(error)
            return fallback
        except redis_py.RedisError as error:
            # Redis answered but refused (out of memory with `noeviction`, a read-only replica):
            # this call goes without the cache; the next one tries again.
            log.warning("Redis refused a command: %s", error)
            return fallback
        self._breaker.succeeded()
        return result

    def health(self):
        """None when Redis answers PING now, else why not (the readiness check, core.health).
        Tries even while the breaker is open, and leaves the breaker as it is."""
        try:
            self._cache.get_client().ping()
        except redis_py.RedisError as error:
            return f"{type(error).__name__}: {error}"
        return None

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._fail_open(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._fail_open(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._fail_open(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._fail_open(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._fail_open(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._fail_open({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._fail_open(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        # Counting one is failing open: a rate limit or a lockout counter stays below its limit.
        return self._fail_open(delta, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._fail_open([], super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._fail_open(None, super().delete_many, keys, version)

    def clear(self):
        return self._fail_open(False, super().clear)
