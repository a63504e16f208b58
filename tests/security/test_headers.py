"""Security headers on every response: the public pages' strict policy and the admin's own.

Every public page type is scored with the Mozilla HTTP Observatory's published rules, under the
header and cookie settings production uses; a scan under the real production settings (in a
subprocess) checks HSTS, the HTTPS redirect and the cookie flags of the admin login.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from django.db import connection

from tests.core.test_public_frame import PAGE_BUILDERS, PUBLIC_NON_PAGE_URLS, fetch
from tests.factories import (
    ArticlePageFactory,
    AudienceFactory,
    DistrictFactory,
    ImageFactory,
    NewsIndexPageFactory,
)

from . import observatory

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "x" * 20 + "abcdefghijklmnopqrstuvwxyz0123456789"

# What production sets (config/settings/production.py), applied to the test client's requests.
PRODUCTION_HEADERS = {
    "SECURE_HSTS_SECONDS": 31_536_000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "CSRF_COOKIE_HTTPONLY": True,
}


def script_sources(html):
    return re.findall(r'<script[^>]*\bsrc="([^"]+)"', html)


def observatory_results(response):
    headers = response.headers
    cookies = {
        name: {"secure": m["secure"], "httponly": m["httponly"], "samesite": m["samesite"]}
        for name, m in response.cookies.items()
    }
    return [
        observatory.csp_rule(headers),
        observatory.cookies_rule(cookies),
        observatory.cors_rule(headers),
        observatory.referrer_rule(headers),
        observatory.hsts_rule(headers),
        observatory.nosniff_rule(headers),
        observatory.frame_rule(headers),
        observatory.sri_rule(script_sources(response.content.decode())),
    ]


@pytest.fixture
def production_headers(settings):
    for name, value in PRODUCTION_HEADERS.items():
        setattr(settings, name, value)


@pytest.fixture
def public_data(site_settings):
    AudienceFactory(slug="hoc-sinh")
    DistrictFactory(code="731")


@pytest.mark.django_db
@pytest.mark.usefixtures("public_data", "production_headers")
@pytest.mark.parametrize(
    "which", [model.__name__ for model in PAGE_BUILDERS] + PUBLIC_NON_PAGE_URLS
)
class TestPublicPagesScoreAPlus:
    def fetch_secure(self, client, which):
        get = client.get
        client.get = lambda url: get(url, secure=True)
        return fetch(client, which)

    def test_every_observatory_rule_passes(self, client, which):
        results = observatory_results(self.fetch_secure(client, which))
        assert [(name, points) for name, points in results if points < 0] == []
        assert observatory.score(results) >= 120, results

    def test_scripts_only_from_this_site_never_inline_or_eval(self, client, which):
        policy = observatory.parse_csp(self.fetch_secure(client, which)["Content-Security-Policy"])
        assert policy["default-src"] == ["'none'"]
        assert policy["script-src"][0] == "'self'"
        assert all(s == "'self'" or s.startswith("'nonce-") for s in policy["script-src"])
        assert "'unsafe-inline'" not in policy["style-src"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["base-uri"] == ["'none'"]
        assert policy["form-action"] == ["'self'"]

    def test_other_headers(self, client, which):
        response = self.fetch_secure(client, which)
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]
        assert not response.cookies


@pytest.mark.django_db
def test_article_structured_data_carries_the_policy_nonce(client, home_page, site_settings):
    article = ArticlePageFactory(
        parent=NewsIndexPageFactory(parent=home_page),
        image=ImageFactory(),
        image_alt="Ảnh minh họa",
    )
    response = client.get(article.url)
    html = response.content.decode()
    nonce = re.search(r'<script type="application/ld\+json" nonce="([^"]+)">', html).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    data = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert json.loads(data.group(1))["headline"] == article.title


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/pages/",
        "/admin/pages/{home}/",
        "/admin/pages/{home}/edit/",
        "/admin/pages/add/news/articlepage/{index}/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/documents/multiple/add/",
        "/admin/account/",
        "/admin/campaigns/my-totals/",
        "/admin/activity_records/",
    ],
)
def test_admin_screens_work_under_their_own_policy(client, home_page, make_staff, url):
    from django.contrib.auth import get_user_model

    index = NewsIndexPageFactory(parent=home_page)
    admin = get_user_model().objects.create_superuser("quantri-test", "qt@example.vn", "x")
    client.force_login(admin)
    response = client.get(url.format(home=home_page.pk, index=index.pk))
    assert response.status_code == 200
    policy = observatory.parse_csp(response["Content-Security-Policy"])
    # Wagtail needs inline code in its admin; still nothing from another host, no plugins,
    # and no framing by another site.
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert not [s for sources in policy.values() for s in sources if "://" in s or s == "*"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_admin_preview_can_be_framed_by_the_admin_only(client, home_page):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("quantri-test", "qt@example.vn", "x")
    client.force_login(admin)
    response = client.get(f"/admin/pages/{home_page.pk}/edit/preview/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def database_url():
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


# The two media paths are where Wagtail would put the demo's first poster and leaflet by default:
# Django never serves originals or documents from /media/ (tests/security/test_media.py).
NOT_FOUND = [
    "/khong-co/",
    "/media/original_images/demo.jpg",
    "/media/documents/cam-nang-nhan-dien-thu-doan.pdf",
]
SCANNED = ["/", "/an-toan-khi-truy-cap/", "/tim-kiem/?q=lua", *NOT_FOUND, "/admin/login/"]


@pytest.fixture(scope="module")
def production_scan(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        url = database_url()
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_PROXY_SSL_HEADER_NAME"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="example.vn",
        DATABASE_URL=url,
        PYTHONPATH=f"{ROOT}:{ROOT / 'site'}",
        LOG_LEVEL="ERROR",
    )
    result = subprocess.run(
        [sys.executable, "-m", "tests.security.production_scan", *SCANNED],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("url", SCANNED)
def test_production_settings_send_every_header(production_scan, url):
    scanned = production_scan[url]
    headers = {name.lower(): value for name, value in scanned["headers"].items()}
    assert scanned["status"] == (404 if url in NOT_FOUND else 200)
    hsts = headers["strict-transport-security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31_536_000
    assert "includeSubDomains" in hsts
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["cross-origin-opener-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"
    assert "permissions-policy" in headers
    assert "'unsafe-eval'" not in headers["content-security-policy"]
    # Plain HTTP goes to HTTPS on the same host first.
    assert scanned["http_status"] == 301
    assert scanned["http_location"].startswith("https://example.vn/")


def test_production_public_pages_set_no_cookies(production_scan):
    assert {
        url: scan["cookies"] for url, scan in production_scan.items() if url != "/admin/login/"
    } == {url: {} for url in SCANNED if url != "/admin/login/"}


def test_production_admin_login_cookies_are_secure_httponly_samesite(production_scan):
    cookies = production_scan["/admin/login/"]["cookies"]
    assert cookies, "the login form sets its CSRF cookie"
    for name, flags in cookies.items():
        assert flags["secure"], name
        assert flags["httponly"], name
        assert flags["samesite"] in {"Lax", "Strict"}, name
