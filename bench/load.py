"""The load test: `make load`. Not part of the test suite; loopback only, bounded in time.

200 readers (wrk, 200 connections) read public pages for 60 seconds through gunicorn with the
production settings, PostgreSQL and Redis, while 20 district accounts record activity through the
API. Afterwards the totals API must equal the sum of what the API accepted, and no reader may have
had an error. Prints the figures and exits non-zero when either fails.
"""

import datetime
import os
import sys
import threading
import time
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
    wrk,
)

SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
READERS = int(os.environ.get("LOAD_READERS", "200"))
RECORDERS = int(os.environ.get("LOAD_RECORDERS", "20"))
PAGES = [
    "/",
    "/tin-tuc/",
    "/tin-tuc/nhan-dien-loi-moi-viec-nhe-luong-cao/",
    "/tai-lieu/",
    "/tim-giup-do/",
    "/ket-qua/",
    "/en/",
]


def read(base):
    """wrk across the public pages; returns (requests, errors)."""
    report, fields = wrk(base, READERS, SECONDS, "20s", PAGES)
    print(report)
    return fields["requests"], fields["errors"], fields["duration_us"] / 1e6


def record(base, account, stop_at, today, accepted, failures):
    """One district user recording leaflets until the time is up; counts what was accepted."""
    quantity = 1 + len(account["token"]) % 7
    while time.monotonic() < stop_at:
        status, body = api(
            base,
            "/api/v1/records/",
            account["token"],
            {"unit": account["unit"], "indicator": "leaflets", "date": today, "quantity": quantity},
        )
        if status == 201:
            accepted.append(quantity)
        else:
            failures.append((status, body))
        time.sleep(0.5)


def main():
    today = datetime.date.today().isoformat()
    with postgres_database("bench_load") as database_url:
        env = environment(database_url, REDIS_URL=REDIS, **UNLIMITED)
        demo_site(env)
        accounts = django_script(env, "bench/district_accounts.py", str(RECORDERS))
        # 2 x cores + 1 sync workers, gunicorn's advice.
        with servers(env, workers=2 * os.cpu_count() + 1) as (base,):
            for path in PAGES:  # as after any deploy: the first reader of each page renders it
                urllib.request.urlopen(base + path, timeout=120).read()
            before = recorded_total(base, accounts[0]["token"], today[:4])
            stop_at = time.monotonic() + SECONDS
            accepted, failures = [], []
            threads = [
                threading.Thread(
                    target=record, args=(base, account, stop_at, today, accepted, failures)
                )
                for account in accounts
            ]
            for thread in threads:
                thread.start()
            requests, errors, duration = read(base)
            for thread in threads:
                thread.join()
            after = recorded_total(base, accounts[0]["token"], today[:4])
    exact = after - before == sum(accepted)
    print(
        f"readers: {READERS} connections for {duration:.0f} s, {requests} requests "
        f"({requests / duration:.0f}/s), {errors} errors\n"
        f"district users: {len(accounts)}, {len(accepted)} records accepted, "
        f"{len(failures)} refused{' (first: ' + str(failures[0]) + ')' if failures else ''}\n"
        f"totals: {after - before} added, {sum(accepted)} recorded: "
        f"{'exact' if exact else 'WRONG'}"
    )
    sys.exit(0 if exact and not errors and not failures else 1)


if __name__ == "__main__":
    main()
