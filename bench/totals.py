"""Times the totals API against hand-written SQL on the same million records (PostgreSQL), in
the records' own geography and in another one (`as_of`).

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

# The same allocation by hand, written the fast way (sum first, then spread): each old district's
# 2024 sums of the three measures the API returns spread over the communes that replaced it by
# its shares (one step: the 2024 records are all on the districts).
HAND_WRITTEN_AS_OF = """
    SELECT n.code, i.code, SUM(t.quantity * s.share), SUM(t.attendees * s.share),
           SUM(t.minutes * s.share)
    FROM (
        SELECT unit_id, indicator_id, SUM(quantity) AS quantity, SUM(attendees) AS attendees,
               SUM(minutes) AS minutes
        FROM campaigns_activityrecord
        WHERE date >= %s AND date <= %s
        GROUP BY unit_id, indicator_id
    ) t
    JOIN taxonomy_unitsuccession s ON s.predecessor_id = t.unit_id
    JOIN taxonomy_administrativeunit n ON n.id = s.successor_id
    JOIN campaigns_indicator i ON i.id = t.indicator_id
    GROUP BY n.code, i.code
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


def api_as_of():
    response = Client(HTTP_HOST="127.0.0.1").get(
        "/api/v1/totals/",
        {"year": YEAR, "as_of": "2026-01-01", "group_by": "unit,indicator", "status": "approved"},
    )
    assert response.status_code == 200, response.content[:500]
    return response.json()


def sql_as_of():
    with connection.cursor() as cursor:
        cursor.execute(HAND_WRITTEN_AS_OF, [f"{YEAR}-01-01", f"{YEAR}-12-31"])
        return cursor.fetchall()


def same_allocation(api_rows, sql_rows):
    """Each API figure is the exact share rounded down or up; each indicator adds up exactly."""
    exact = {(unit, indicator): value for unit, indicator, value, *_second in sql_rows}
    shown = {(row["unit"], row["indicator"]): row["quantity"] for row in api_rows}
    if set(shown) != {key for key, value in exact.items() if value}:
        return False
    close = all(abs(shown[key] - exact[key]) < 1 for key in shown)
    by_indicator = {}
    for (_unit, indicator), value in exact.items():
        by_indicator[indicator] = by_indicator.get(indicator, 0) + value
    added = {}
    for (_unit, indicator), value in shown.items():
        added[indicator] = added.get(indicator, 0) + value
    return close and all(added[i] == round(by_indicator[i]) for i in added)


api()  # warm the connection and the unit tree
sql_median, sql_rows = timed(sql)
api_median, api_body = timed(api)
rows = api_body["results"] if isinstance(api_body, dict) and "results" in api_body else api_body
api_sums = sorted((row["unit"], row["indicator"], row["quantity"]) for row in rows)
sql_sums = sorted((unit, indicator, quantity) for unit, indicator, quantity, *_ in sql_rows)
api_as_of()
as_of_sql_median, as_of_sql_rows = timed(sql_as_of)
as_of_api_median, as_of_body = timed(api_as_of)
print(
    "BENCH "
    + json.dumps(
        {
            "records": ActivityRecord.objects.count(),
            "api_median_ms": round(api_median * 1000, 1),
            "sql_median_ms": round(sql_median * 1000, 1),
            "same_numbers": api_sums == sql_sums,
            "rows": len(sql_rows),
            "as_of_api_median_ms": round(as_of_api_median * 1000, 1),
            "as_of_sql_median_ms": round(as_of_sql_median * 1000, 1),
            "as_of_same_numbers": same_allocation(as_of_body["results"], as_of_sql_rows),
            "as_of_rows": len(as_of_sql_rows),
        }
    )
)
