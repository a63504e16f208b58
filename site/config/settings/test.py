"""Tests: fast and isolated. SQLite unless DATABASE_URL points elsewhere (CI runs both)."""

from .base import *  # noqa: F403

# The tests load the demo (tests/demo, the demo_data fixture, bench/imports.py).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

DEBUG = False
SECRET_KEY = "test-only-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "core.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests see each change at once; tests/core/test_page_cache.py turns the page cache on.
PAGE_CACHE_ENABLED = False
WAGTAILADMIN_BASE_URL = "http://testserver"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory, so `--reuse-db` skips the ~185 migrations on the next run.
    (BASE_DIR / "var").mkdir(exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}  # noqa: F405

# Static files come straight from the source folders; only production collects them.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# Public-page query counts stay exact: the page cache compares its generation with the
# database's only where a test asks (tests/core/test_outages.py).
PAGE_CACHE_GENERATION_CHECK_SECONDS = None
