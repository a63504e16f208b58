"""Two app servers sharing PostgreSQL and Redis: `make scale-out`. Loopback only, a minute or two.

Starts two gunicorn servers on two ports with the production settings, one PostgreSQL database
and one Redis, then checks what a load balancer in front of them needs:

1. a page cached on server B is fresh there at once after a moderator publishes a new version
   through server A, and gone from B when it is unpublished through A (the page cache's
   generation lives in Redis; with a per-process memory cache B would go on serving the old page);
2. records written through both servers give exact totals on both.

Prints each check and exits non-zero when one fails.
"""

import datetime
import http.cookies
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

from servers import (
    REDIS,
    UNLIMITED,
    api,
    demo_site,
    django_script,
    environment,
    postgres_database,
    recorded_total,
    servers,
)

ARTICLE = "/tin-tuc/nhan-dien-loi-moi-viec-nhe-luong-cao/"
NEW_TITLE = "Tiêu đề mới xuất bản qua máy chủ A"
MODERATOR = ("kiemduyet", "demo-matkhau-2024")  # the demo's moderator (load_demo)
RECORDS_PER_SERVER = 25


def get(base, path):
    try:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, ""


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Admin:
    """A moderator signed in to the admin of one server.

    Cookies are kept by hand: the production settings mark them Secure, which a cookie jar would
    not send back over the plain HTTP of the loopback.
    """

    def __init__(self, base, username, password):
        self.base = base
        self.cookies = http.cookies.SimpleCookie()
        self.opener = urllib.request.build_opener(NoRedirects)
        self.post("/admin/login/", {"username": username, "password": password})
        if "sessionid" not in self.cookies:
            raise RuntimeError(f"{username} could not sign in to {base}")

    def open(self, path, data=None):
        cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in self.cookies.items())
        request = urllib.request.Request(
            self.base + path, data=data, headers={"Cookie": cookie, "Referer": self.base + path}
        )
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:  # a redirect, or a refusal
            response = error
        for header in response.headers.get_all("Set-Cookie") or ():
            self.cookies.load(header)
        return response.status, response.read().decode()

    def post(self, path, fields):
        page = self.open(path)[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _ = self.open(
            path, urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        )
        if status not in (200, 302):
            raise RuntimeError(f"POST {path} answered {status}")
        return status


def check(name, ok, detail=""):
    print(f"{'PASS' if ok else 'FAIL'}  {name}{': ' + detail if detail else ''}")
    return ok


def main():
    results = []
    with postgres_database("bench_scale_out") as database_url:
        env = environment(database_url, REDIS_URL=REDIS, **UNLIMITED)
        demo_site(env)
        accounts = django_script(env, "bench/district_accounts.py", "2")
        page = django_script(env, "bench/draft.py", ARTICLE, NEW_TITLE)
        with servers(env, count=2) as (server_a, server_b):
            get(server_b, ARTICLE)
            status, headers, body = get(server_b, ARTICLE)
            results.append(
                check(
                    "B serves the article from its cache",
                    headers.get("Age") is not None and NEW_TITLE not in body,
                )
            )

            moderator = Admin(server_a, *MODERATOR)
            moderator.post(f"/admin/bulk/wagtailcore/page/publish/?id={page['id']}", {})
            status, headers, body = get(server_b, ARTICLE)
            results.append(check("published through A, fresh on B at once", NEW_TITLE in body))

            moderator.post(f"/admin/pages/{page['id']}/unpublish/", {})
            status, headers, body = get(server_b, ARTICLE)
            results.append(
                check("unpublished through A, gone from B at once", status == 404, f"{status}")
            )

            today = datetime.date.today().isoformat()
            before = recorded_total(server_a, accounts[0]["token"], today[:4])
            written = 0
            for n in range(RECORDS_PER_SERVER):
                for base, account in ((server_a, accounts[0]), (server_b, accounts[1])):
                    record = {
                        "unit": account["unit"],
                        "indicator": "leaflets",
                        "date": today,
                        "quantity": n + 1,
                    }
                    status, body = api(base, "/api/v1/records/", account["token"], record)
                    if status == 201:
                        written += n + 1
                    else:
                        results.append(check("record accepted", False, f"{status} {body}"))
            for name, base in (("A", server_a), ("B", server_b)):
                added = recorded_total(base, accounts[0]["token"], today[:4]) - before
                results.append(
                    check(
                        f"totals on {name} equal what was written through both",
                        added == written,
                        f"{added} added, {written} written",
                    )
                )
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
