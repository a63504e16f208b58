"""What one warm view of each address costs in-process: Python function calls (cProfile),
SQL queries and Redis round trips. Counts, not times, so they compare across machines and runs.
Run inside Django with the production settings and a Redis, for example:

    DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=… ALLOWED_HOSTS=127.0.0.1 \\
    REDIS_URL=redis://127.0.0.1:6379/9 .venv/bin/python manage.py shell -c \\
    "import runpy, sys; sys.argv = ['', '/tin-tuc/?uncached=1']; runpy.run_path('bench/view_costs.py')"
"""

import cProfile
import pstats
import sys

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import redis_cache

round_trips = 0
fail_open = redis_cache.RedisCache._fail_open


def counted(self, *args):
    global round_trips
    round_trips += 1
    return fail_open(self, *args)


redis_cache.RedisCache._fail_open = counted
client = Client(HTTP_HOST="127.0.0.1")
for url in sys.argv[1:]:
    for _ in range(4):  # warm: renditions, kept values and fragments as a running server has them
        client.get(url)
    round_trips = 0
    profile = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        profile.runcall(client.get, url)
    calls = pstats.Stats(profile).total_calls
    print(f"{url}: {calls} function calls, {len(queries)} queries, {round_trips} Redis round trips")
