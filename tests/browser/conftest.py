"""Real-browser tests: Debian's Chromium, driven by Playwright, against a served copy of the demo.

One server per session: `manage.py runserver` with the development settings (what `make run`
shows) on a free loopback port, against a throwaway SQLite database that is migrated and filled
with `load_demo`. The prepared database and media are kept in `var/browser-site/` and reused while
the migrations, the demo code and the date stay the same, so only the first run pays the ~90 s.

The quick-exit control points at a small neutral page served by the tests themselves: nothing
here reaches the internet.
"""

import hashlib
import http.server
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import closing
from datetime import date
from types import SimpleNamespace

import pytest

from tests.services import unavailable

from .support import (
    ARTIFACTS,
    AXE,
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    NEUTRAL_TITLE,
    PHONE,
    ROOT,
    SIZES,
    TIMEOUT_MS,
)


@pytest.fixture(scope="session")
def chromium_path():
    if not CHROMIUM.exists():
        unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    return str(CHROMIUM)


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        unavailable(f"axe-core not installed at {AXE} (npm ci --prefix tests/browser)")
    return AXE.read_text()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NeutralPage(http.server.BaseHTTPRequestHandler):
    body = (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{NEUTRAL_TITLE}</title></head><body><h1>{NEUTRAL_TITLE}</h1>"
        "<p>Trời nắng, có mây.</p></body></html>"
    ).encode()

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def neutral_url():
    """The stand-in for the neutral site that the quick exit leaves for."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NeutralPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/thoi-tiet/"
    server.shutdown()
    server.server_close()


def site_env(database, media, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "PYTEST_ADDOPTS")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{database}",
        MEDIA_ROOT=str(media),
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


def manage(*args, env, log):
    command = [sys.executable, "manage.py", *args]
    with open(log, "a") as out:
        result = subprocess.run(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=600
        )
    if result.returncode:
        pytest.fail(f"{' '.join(args)} failed; see {log}", pytrace=False)


def prepared_site_key():
    """Changes when anything that shapes the demo database changes (or the day does)."""
    digest = hashlib.sha256(date.today().isoformat().encode())
    sources = sorted(
        path
        for pattern in ("*/migrations/*.py", "site/*/migrations/*.py", "site/demo/**/*.py")
        for path in ROOT.glob(pattern)
    )
    for path in [*sources, ROOT / "requirements" / "dev.lock"]:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def prepare_site(target, log):
    """Migrate and load the demo into `target`, from a copy prepared earlier when there is one."""
    cache = ROOT / "var" / "browser-site" / prepared_site_key()
    if not cache.exists():
        # Built aside and renamed into place, so a run beside this one never sees half of it.
        building = cache.with_name(f"{cache.name}.{os.getpid()}")
        shutil.rmtree(building, ignore_errors=True)
        (building / "media").mkdir(parents=True)
        env = site_env(building / "db.sqlite3", building / "media")
        manage("migrate", "--no-input", env=env, log=log)
        manage("load_demo", env=env, log=log)
        for old in cache.parent.iterdir():
            if "." not in old.name:  # copies for other keys; not builds in progress
                shutil.rmtree(old, ignore_errors=True)
        try:
            building.rename(cache)
        except OSError:  # another run got there first
            shutil.rmtree(building, ignore_errors=True)
    shutil.copy(cache / "db.sqlite3", target / "db.sqlite3")
    shutil.copytree(cache / "media", target / "media")


def wait_for(url, process, log, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the site's server stopped; see {log}", pytrace=False)
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"the site did not answer at {url} within {timeout} s; see {log}", pytrace=False)


@pytest.fixture(scope="session")
def served_site(chromium_path, neutral_url, tmp_path_factory):
    """The demo site, served as `make run` serves it, on a free loopback port."""
    folder = tmp_path_factory.mktemp("browser-site")
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "browser-site.log"
    log.write_text("")
    prepare_site(folder, log)
    port = free_port()
    # What `PORT=… make run` does through load_demo: the site's links stay on the served port.
    with closing(sqlite3.connect(folder / "db.sqlite3")) as connection, connection:
        connection.execute("UPDATE wagtailcore_site SET port = ? WHERE is_default_site", [port])
    env = site_env(
        folder / "db.sqlite3",
        folder / "media",
        QUICK_EXIT_URL=neutral_url,
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        # Every test signs in from 127.0.0.1: a fast run makes more than the 10 sign-ins a minute
        # one address is allowed. The limit itself is tested in tests/security/test_abuse.py.
        RATE_LIMIT_LOGIN="1000",
    )
    with open(log, "a") as out:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/", process, log)
        yield SimpleNamespace(url=url, database=folder / "db.sqlite3", env=env)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def site_url(served_site):
    return served_site.url


@pytest.fixture
def page_id(served_site):
    """A page's id from its Wagtail path, read from the served site's database."""

    def find(url_path):
        with closing(sqlite3.connect(served_site.database)) as connection:
            row = connection.execute(
                "SELECT id FROM wagtailcore_page WHERE url_path = ?", [url_path]
            ).fetchone()
        assert row, f"no page at {url_path}"
        return row[0]

    return find


@pytest.fixture
def site_python(served_site):
    """Run Python in the served site's Django, against its database; returns what it printed."""

    def run(code):
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=ROOT,
            env=served_site.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    return run


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, timeout=30_000
        )
        yield browser
        browser.close()


def new_page(browser, site_url, viewport, **options):
    context = browser.new_context(
        base_url=site_url,
        viewport=viewport,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        accept_downloads=True,
        is_mobile=viewport is PHONE,
        has_touch=viewport is PHONE,
        **options,
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context.new_page()


@pytest.fixture(params=list(SIZES), ids=list(SIZES))
def size(request):
    return request.param


@pytest.fixture
def page(browser, site_url, size):
    """A fresh, signed-out tab at the test's size."""
    tab = new_page(browser, site_url, SIZES[size])
    yield tab
    tab.context.close()


@pytest.fixture
def open_page(browser, site_url):
    """Open more tabs (each its own context, so its own session) at a chosen size."""
    opened = []

    def open_(viewport=DESKTOP):
        tab = new_page(browser, site_url, viewport)
        opened.append(tab)
        return tab

    yield open_
    for tab in opened:
        tab.context.close()
