"""Times the totals API against hand-written SQL on the same million records (PostgreSQL).

Run inside Django by bench/run.py. Prints one JSON line prefixed with BENCH.
"""

import json
import statistics
import sys
import time

from django.db import connection
from django.test import Client

from campaigns.models import ActivityRecord

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
YEAR = 2024
HAND_WRITTEN = """
    SELECT u.code, i.code, SUM(r.quantity), SUM(r.attendees), SUM(r.minutes)
    FROM campaigns_activityrecord r
    JOIN taxonomy_administrativeunit u ON u.id = r.unit_id
    JOIN campaigns_indicator i ON i.id = r.indicator_id
    WHERE r.date >= %s AND r.date <= %s
    GROUP BY u.code, i.code
"""


def timed(function):
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), result


def api():
    response = Client(HTTP_HOST="127.0.0.1").get(
        "/api/v1/totals/", {"year": YEAR, "group_by": "unit,indicator"}
    )
    assert response.status_code == 200, response.content[:500]
    return response.json()


def sql():
    with connection.cursor() as cursor:
        cursor.execute(HAND_WRITTEN, [f"{YEAR}-01-01", f"{YEAR}-12-31"])
        return cursor.fetchall()


api()  # warm the connection and the unit tree
sql_median, sql_rows = timed(sql)
api_median, api_body = timed(api)
rows = api_body["results"] if isinstance(api_body, dict) and "results" in api_body else api_body
api_sums = sorted((row["unit"], row["indicator"], row["quantity"]) for row in rows)
sql_sums = sorted((unit, indicator, quantity) for unit, indicator, quantity, *_ in sql_rows)
print(
    "BENCH "
    + json.dumps(
        {
            "records": ActivityRecord.objects.count(),
            "api_median_ms": round(api_median * 1000, 1),
            "sql_median_ms": round(sql_median * 1000, 1),
            "same_numbers": api_sums == sql_sums,
            "rows": len(sql_rows),
        }
    )
)
