"""The benchmarks: `make bench`. Not part of the test suite.

Builds its own data, starts the production server (gunicorn, production settings, whitenoise),
measures with wrk from 127.0.0.1 only, and writes docs/performance.md. Every speed is given as a
ratio against a baseline measured in the same run (a static file from the same server, or
hand-written SQL on the same data), because a lone number from a shared machine means little.
"""

import datetime
import gzip
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
WORK = ROOT / "var" / "bench"
DURATION = os.environ.get("BENCH_SECONDS", "10")
CONNECTIONS = "20"
PG = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
RECORDS = int(os.environ.get("BENCH_RECORDS", "1000000"))


def environment(database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-" + "x" * 60 + "abcdefghij",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(WORK / "media"),
        "STATIC_ROOT": str(WORK / "static"),
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def bench_line(output):
    return next(line for line in output.splitlines() if line.startswith("BENCH ")).removeprefix(
        "BENCH "
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env, port):
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "--pythonpath", "site", "config.wsgi",
         "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def wrk(url):
    result = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--timeout", "10s",
         "-s", str(ROOT / "bench" / "latency.lua"), url],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    fields = dict(item.split("=") for item in bench_line(result.stdout).split())
    seconds = int(fields["duration_us"]) / 1e6
    return {
        "rps": int(fields["requests"]) / seconds,
        "p95_ms": int(fields["p95_us"]) / 1000,
        "errors": int(fields["errors"]),
    }


class Resources(HTMLParser):
    """What a phone fetches on a first visit: stylesheets, scripts, and one image per element."""

    def __init__(self):
        super().__init__()
        self.found = []
        self.in_picture = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet" and attrs.get("media") != "print":
            self.found.append(("css", attrs["href"]))
        elif tag == "script" and attrs.get("src"):
            self.found.append(("js", attrs["src"]))
        elif tag == "picture":
            self.in_picture = True
        elif tag == "source" and self.in_picture and attrs.get("type") == "image/webp":
            self.found.append(("images", attrs["srcset"].split(",")[0].split()[0]))
            self.in_picture = "chosen"
        elif tag == "img" and self.in_picture != "chosen":
            source = attrs.get("srcset", attrs.get("src", "")).split(",")[0].split()
            if source:
                self.found.append(("images", source[0]))

    def handle_endtag(self, tag):
        if tag == "picture":
            self.in_picture = False


def transferred(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return len(response.read())


def page_weight(base, path):
    request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        html = gzip.decompress(body) if response.headers.get("Content-Encoding") == "gzip" else body
    weights = {"html": len(body), "css": 0, "js": 0, "images": 0}
    parser = Resources()
    parser.feed(html.decode())
    for kind, address in dict.fromkeys(parser.found):
        weights[kind] += transferred(base + address if address.startswith("/") else address)
    return weights


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())  # fmt: skip
    memory = (
        int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        // 1024
        // 1024
    )
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB memory, Python {platform.python_version()}, {platform.platform()}"


def pages_benchmark():
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    env = environment(f"sqlite:///{WORK / 'site.sqlite3'}")
    manage(env, "collectstatic", "--no-input")
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo", "--force")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(env, port)
    try:
        with urllib.request.urlopen(base + "/", timeout=120) as response:
            css = (
                re.search(rb'href="(/static/css/site\.[^"]+\.css)"', response.read())
                .group(1)
                .decode()
            )
        article = "/tin-tuc/nhan-dien-loi-moi-viec-nhe-luong-cao/"
        urls = {
            "static CSS file (baseline)": css,
            "article": article,
            "home page": "/",
            "article list": "/tin-tuc/",
            "materials library": "/tai-lieu/",
        }
        for path in urls.values():
            urllib.request.urlopen(
                base + path, timeout=30
            ).read()  # renditions are made on first view
        speeds = {name: wrk(base + path) for name, path in urls.items()}
        weights = {name: page_weight(base, path) for name, path in list(urls.items())[1:]}
        weights["poster"] = page_weight(base, "/tai-lieu/viec-nhe-luong-cao-hay-dung-lai/")
        weights["leaflet"] = page_weight(base, "/tai-lieu/cam-nang-nhan-dien-thu-doan/")
    finally:
        server.terminate()
        server.wait(timeout=30)
    queries_out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", f"import runpy, sys; sys.argv = ['queries', *{list(urls.values())[1:]!r}]; runpy.run_path('bench/queries.py')"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    queries = json.loads(bench_line(queries_out.stdout))
    return urls, speeds, weights, queries


def totals_benchmark():
    import psycopg

    name = f"bench_totals_{os.getpid()}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    env = environment(f"{PG}/{name}")
    try:
        manage(env, "migrate", "--no-input")
        manage(env, "load_demo", "--force")
        with psycopg.connect(f"{PG}/{name}", autocommit=True) as connection:
            # A million 2023-2025 records over the demo's districts and indicators, written by SQL
            # so that building them takes seconds, not the hour the ORM would need.
            connection.execute(
                """
                INSERT INTO campaigns_activityrecord
                    (unit_id, date, indicator_id, quantity, attendees, minutes, place, note,
                     created_at, updated_at)
                SELECT u.id, DATE '2023-01-01' + (n % 1095), i.id, 1 + n % 40,
                       CASE WHEN i.second_measure = 'attendees' THEN 10 + n % 90 END,
                       CASE WHEN i.second_measure = 'minutes' THEN 5 + n % 25 END,
                       '', '', now(), now()
                FROM generate_series(1, %s) AS n
                JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM taxonomy_administrativeunit WHERE level = 2) u
                  ON u.k = n % 11
                JOIN (SELECT id, second_measure, row_number() OVER (ORDER BY id) - 1 AS k FROM campaigns_indicator) i
                  ON i.k = (n / 11) % 5
                """,
                [RECORDS],
            )
            connection.execute("ANALYZE")
        result = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", "import runpy; runpy.run_path('bench/totals.py')"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return json.loads(bench_line(result.stdout))
    finally:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def kb(size):
    return f"{size / 1024:.1f} KB"


def report(started, urls, speeds, weights, queries, totals):
    baseline = speeds["static CSS file (baseline)"]["rps"]
    lines = [
        "# Performance",
        "",
        f"Measured {started:%Y-%m-%d %H:%M} UTC with `make bench` (`python bench/run.py`), on {machine()}.",
        f"Load from wrk on 127.0.0.1: {CONNECTIONS} connections for {DURATION} s per address, against gunicorn with",
        "2 sync workers and the production settings, SQLite, the demo content. Ratios compare with a static",
        "CSS file served by the same server in the same run. Queries are counted in-process on a warm view.",
        "",
        "## Pages",
        "",
        "| page | requests/s | ratio to static file | 95th percentile | errors | SQL queries |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, path in urls.items():
        speed = speeds[name]
        count = queries.get(path, {}).get("queries", "–")
        lines.append(
            f"| {name} (`{path}`) | {speed['rps']:.0f} | {speed['rps'] / baseline:.3f} | {speed['p95_ms']:.0f} ms | {speed['errors']} | {count} |"
        )
    article_ratio = speeds["article"]["rps"] / baseline
    lines += [
        "",
        "Goal for the uncached article: a ratio of at least 0.033 (1.5 × the Wagtail demo site's 0.022) with at most 12",
        f"queries; home and listings at most 15. Measured: {article_ratio:.3f}, {queries[urls['article']]['queries']} queries.",
        "",
        "Cached pages (goal: ratio ≥ 0.5) are not measured yet: the public page cache is not built.",
        "",
        "## Page weight on a first visit (compressed as sent)",
        "",
        "| page | HTML | CSS | JS | images (one per element, phone size) | total |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, weight in weights.items():
        lines.append(
            f"| {name} | {kb(weight['html'])} | {kb(weight['css'])} | {kb(weight['js'])} | {kb(weight['images'])} | {kb(sum(weight.values()))} |"
        )
    lines += [
        "",
        "Goal: an article under 512 KB in all (aim 250 KB), HTML + CSS + JS under 100 KB.",
        "",
        "## Totals with a million records (PostgreSQL)",
        "",
        f"`GET /api/v1/totals/?year=2024&group_by=unit,indicator` over {totals['records']:,} records, median of 15 runs,",
        "against a hand-written SQL query computing the same sums on the same data.",
        "",
        "| measure | median |",
        "|---|---:|",
        f"| totals API (in-process, JSON included) | {totals['api_median_ms']} ms |",
        f"| hand-written SQL | {totals['sql_median_ms']} ms |",
        f"| ratio | {totals['api_median_ms'] / totals['sql_median_ms']:.2f} |",
        "",
        f"Same numbers from both: {'yes' if totals['same_numbers'] else 'NO'} ({totals['rows']} groups). Goal: ratio at most 1.5 and under 150 ms.",
        "",
        "## Not measured yet",
        "",
        "- Spreadsheet import of 10,000 rows: the import is not built yet.",
        "- The load test with district users recording, and two app servers sharing PostgreSQL and Redis.",
        "",
    ]
    (ROOT / "docs" / "performance.md").write_text("\n".join(lines))


def main():
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    started = datetime.datetime.now(datetime.UTC)
    urls, speeds, weights, queries = pages_benchmark()
    totals = totals_benchmark()
    report(started, urls, speeds, weights, queries, totals)
    print((ROOT / "docs" / "performance.md").read_text())


if __name__ == "__main__":
    main()
