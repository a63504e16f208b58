"""While the database is unavailable: pages answer a light 503 page that still shows the hotline,
the API a JSON 503, both with Retry-After; /healthz answers without the database and /readyz
says the server is not ready (core/availability.py)."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from django.db import OperationalError, connection
from django.test import Client

from tests.factories import ArticlePageFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def visitor():
    # A server error is answered as in production instead of raised into the test.
    return Client(raise_request_exception=False)


@contextmanager
def every_query_raises(error):
    def refuse(*args, **kwargs):
        raise error

    connection._cursor = refuse
    try:
        yield
    finally:
        del connection._cursor  # before the test's transaction is rolled back


@pytest.fixture
def database_down(db):
    """Every query fails as it does when PostgreSQL is down or unreachable."""
    refused = OperationalError('connection to server at "127.0.0.1", port 5432 failed: refused')
    with every_query_raises(refused):
        yield


def assert_retry_later(response):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]


class TestPagesAndApi:
    def test_a_page_answers_503_with_the_hotline(self, visitor, database_down):
        response = visitor.get("/")
        assert_retry_later(response)
        body = response.content.decode()
        assert 'href="tel:111"' in body
        assert '<html lang="vi">' in body
        assert "Trang web tạm thời chưa truy cập được" in body
        assert "Thoát nhanh" in body  # the quick exit stays

    def test_the_english_edition_answers_in_english(self, visitor, database_down):
        body = visitor.get("/en/").content.decode()
        assert '<html lang="en">' in body
        assert "The site is briefly unavailable" in body and "tel:111" in body

    def test_the_api_answers_json_503(self, visitor, database_down):
        response = visitor.get("/api/v1/units/")
        assert_retry_later(response)
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"].startswith("Dịch vụ tạm thời")
        english = visitor.get("/api/v1/units/", HTTP_ACCEPT_LANGUAGE="en")
        assert english.json()["detail"].startswith("The service is briefly unavailable")

    def test_an_api_write_answers_json_503(self, visitor, database_down):
        response = visitor.post(
            "/api/v1/records/", {}, content_type="application/json", HTTP_AUTHORIZATION="Token x"
        )
        assert_retry_later(response)

    def test_other_errors_still_answer_500(self, visitor, db):
        with every_query_raises(ValueError("a bug, not an outage")):
            response = visitor.get("/")
        assert response.status_code == 500
        assert "Retry-After" not in response


@pytest.mark.django_db
def test_pages_the_cache_holds_are_still_served(visitor, news_index, site_settings, settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_CHECK_SECONDS = 0  # it asks the database, which fails
    ArticlePageFactory(parent=news_index, title="Bài đọc thử", slug="bai-doc-thu")
    assert visitor.get("/tin-tuc/bai-doc-thu/").status_code == 200
    with every_query_raises(OperationalError("the database is down")):
        response = visitor.get("/tin-tuc/bai-doc-thu/")
        assert response.status_code == 200 and "Bài đọc thử" in response.content.decode()
        assert visitor.get("/tin-tuc/").status_code == 503  # never stored: needs the database


class TestHealthChecks:
    def test_liveness_asks_nothing_of_the_database(
        self, client, database_down, django_assert_num_queries
    ):
        with django_assert_num_queries(0):
            response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "alive"}

    def test_ready_when_the_database_answers(self, client, db):
        response = client.get("/readyz")
        assert response.status_code == 200
        assert response.json()["status"] == "ready"
        assert response.json()["database"] == "ok"
        assert "no-store" in response["Cache-Control"]

    def test_not_ready_without_the_database(self, client, database_down):
        response = client.get("/readyz")
        assert_retry_later(response)
        report = response.json()
        assert report["status"] == "unavailable"
        assert "OperationalError" in report["database"]

    def test_ready_without_redis_which_is_only_reported(self, client, db, settings, tmp_path):
        settings.CACHES = {
            "default": {
                "BACKEND": "core.redis_cache.RedisCache",
                "LOCATION": f"unix://{tmp_path}/no-redis.sock",
            }
        }
        response = client.get("/readyz")
        assert response.status_code == 200
        assert response.json()["cache"].startswith("degraded, serving without it")

    def test_answered_before_the_https_redirect_and_the_host_check(self, client, db, settings):
        settings.SECURE_SSL_REDIRECT = True
        for path in ("/healthz", "/readyz"):
            response = client.get(path, HTTP_HOST="10.0.0.7:8000")
            assert response.status_code == 200, path


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    return status, headers, body.decode(), time.monotonic() - started


@pytest.fixture
def server_without_database(tmp_path):
    """gunicorn, as production runs it, with DATABASE_URL on a port where nothing listens."""
    port = free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/nothing_here",
        "DATABASE_CONNECT_TIMEOUT": "2",
    }
    command = [sys.executable, "-m", "gunicorn", "--pythonpath", "site", "config.wsgi"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "30"]
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(f"{base}/healthz")
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail((tmp_path / "gunicorn.log").read_text()[-3000:])
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_a_server_whose_database_is_unreachable(server_without_database):
    base = server_without_database
    status, headers, body, seconds = fetch(f"{base}/tin-tuc/")
    assert (status, headers["Retry-After"]) == (503, "30")
    assert "tel:111" in body and seconds < 5

    status, headers, body, seconds = fetch(f"{base}/api/v1/records/", Authorization="Token x")
    assert status == 503 and headers["Content-Type"] == "application/json"
    assert json.loads(body)["detail"]

    assert fetch(f"{base}/healthz")[0] == 200
    status, _, body, _ = fetch(f"{base}/readyz")
    assert status == 503 and json.loads(body)["status"] == "unavailable"
