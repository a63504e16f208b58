"""A test that needs Redis or Chromium is skipped here when it is missing, and fails in CI."""

import socket

import pytest

from tests.services import redis_unreachable, unavailable


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("ci", ["", "false"])
def test_a_missing_service_skips_outside_ci(monkeypatch, ci):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.skip.Exception, match="Redis is down; CI fails here instead"):
        unavailable("Redis is down")


@pytest.mark.parametrize("ci", ["true", "1"])
def test_a_missing_service_fails_in_ci(monkeypatch, ci):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match="Redis is down; CI=true"):
        unavailable("Redis is down")


def test_redis_unreachable_says_where_and_why():
    url = f"redis://127.0.0.1:{closed_port()}/0"
    assert redis_unreachable(url).startswith(f"Redis is not reachable at {url}: ")
