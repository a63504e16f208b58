"""Counts the SQL queries of a warm page view, and times a view in-process both warm and just
after a change (every shared value, kept fragment and kept area drawn again), run inside Django
by bench/run.py."""

import json
import statistics
import sys
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import page_cache


def median_ms(url, runs, before=None):
    times = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


client = Client(HTTP_HOST="127.0.0.1")
counts = {}
for url in sys.argv[1:]:
    client.get(url)  # warm: renditions and caches as a running server has them
    with CaptureQueriesContext(connection) as captured:
        status = client.get(url).status_code
    counts[url] = {
        "status": status,
        "queries": len(captured),
        "warm_ms": median_ms(url, 30),
        "after_change_ms": median_ms(url, 15, before=page_cache.invalidate),
    }
print("BENCH " + json.dumps(counts))
