"""Run by test_headers under the production settings: fetch URLs and print their headers as JSON.

`python -m tests.security.production_scan URL...` with DJANGO_SETTINGS_MODULE pointing at
production and DATABASE_URL at the migrated test database.
"""

import json
import sys

import django


class RollBack(Exception):
    """Raised at the end so that nothing the pages wrote outlives the scan."""


def describe(url, client_class):
    secure = client_class(HTTP_HOST="example.vn").get(url, secure=True)
    plain = client_class(HTTP_HOST="example.vn").get(url)
    return {
        "status": secure.status_code,
        "headers": dict(secure.headers),
        "cookies": {
            name: {
                "secure": bool(morsel["secure"]),
                "httponly": bool(morsel["httponly"]),
                "samesite": morsel["samesite"],
            }
            for name, morsel in secure.cookies.items()
        },
        "http_status": plain.status_code,
        "http_location": plain.headers.get("Location", ""),
    }


def main(urls):
    django.setup()
    from django.db import transaction
    from django.test import Client, override_settings

    # Only the static file names change: production's manifest needs collectstatic first.
    plain_static = {
        "default": {"BACKEND": "core.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    out = {}
    try:
        with override_settings(STORAGES=plain_static), transaction.atomic():
            out = {url: describe(url, Client) for url in urls}
            raise RollBack
    except RollBack:
        pass
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
