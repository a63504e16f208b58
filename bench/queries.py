"""Counts the SQL queries of a warm page view, run inside Django by bench/run.py."""

import json
import sys

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

client = Client(HTTP_HOST="127.0.0.1")
counts = {}
for url in sys.argv[1:]:
    client.get(url)  # warm: renditions and caches as a running server has them
    with CaptureQueriesContext(connection) as captured:
        status = client.get(url).status_code
    counts[url] = {"status": status, "queries": len(captured)}
print("BENCH " + json.dumps(counts))
