"""Local development: debug on, a throwaway secret, mail printed to the console."""

import os

from .base import *  # noqa: F403
from .base import env_list

# `make run` loads the demo content and accounts (load_demo); production never installs it.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-secret-not-for-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Links in e-mails point where `make run` serves the site (`PORT=8401 make run` included).
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
)
# runserver serves static files from the source folders; no collectstatic needed.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

# Static files come straight from the source folders; only production collects them.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # runserver answers requests in threads, and the Wagtail editor pings its editing session
    # while the editor saves: with SQLite's default deferred transactions one of the two fails
    # with "database is locked". Taking the write lock at the start of a transaction makes the
    # other wait instead.
    DATABASES["default"].setdefault("OPTIONS", {}).update(  # noqa: F405
        transaction_mode="IMMEDIATE", timeout=20
    )
