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
import subprocess
import sys
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from servers import (
    PYTHON,
    REDIS,
    ROOT,
    WORK,
    bench_line,
    demo_site,
    django_script,
    environment,
    load_demo,
    manage,
    postgres_database,
    servers,
    wrk,
)

DURATION = os.environ.get("BENCH_SECONDS", "10")
CONNECTIONS = "20"
RECORDS = int(os.environ.get("BENCH_RECORDS", "1000000"))
# A query parameter the page cache does not know: the page is rendered for every request.
UNCACHED = "?uncached=1"


def speed(url):
    _report, fields = wrk(url, CONNECTIONS, DURATION, "10s")
    return {
        "rps": fields["requests"] / (fields["duration_us"] / 1e6),
        "p95_ms": fields["p95_us"] / 1000,
        "errors": fields["errors"],
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


def transferred(base, address):
    """Bytes sent for one resource. Media files are served by the proxy in front in production,
    not by the app, so an image's weight is its file's size (images are not compressed again)."""
    if address.startswith("/media/"):
        return (WORK / "media" / address.removeprefix("/media/")).stat().st_size
    url = base + address if address.startswith("/") else address
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
        weights[kind] += transferred(base, address)
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
    env = environment(f"sqlite:///{WORK / 'site.sqlite3'}", REDIS_URL=REDIS)
    demo_site(env)
    with servers(env) as (base,):
        with urllib.request.urlopen(base + "/", timeout=120) as response:
            css = (
                re.search(rb'href="(/static/css/site\.[^"]+\.css)"', response.read())
                .group(1)
                .decode()
            )
        article = "/tin-tuc/nhan-dien-loi-moi-viec-nhe-luong-cao/"
        urls = {
            "static CSS file (baseline)": css,
            "article, cached": article,
            "article": article + UNCACHED,
            "home page": "/" + UNCACHED,
            "article list": "/tin-tuc/" + UNCACHED,
            "materials library": "/tai-lieu/" + UNCACHED,
        }
        for path in urls.values():
            # Renditions are made on first view; the cached article is stored.
            urllib.request.urlopen(base + path, timeout=120).read()
        speeds = {name: speed(base + path) for name, path in urls.items()}
        pages = {"article": article, "home page": "/", "article list": "/tin-tuc/",
                 "materials library": "/tai-lieu/",
                 "poster": "/tai-lieu/viec-nhe-luong-cao-hay-dung-lai/",
                 "leaflet": "/tai-lieu/cam-nang-nhan-dien-thu-doan/"}  # fmt: skip
        weights = {name: page_weight(base, path) for name, path in pages.items()}
    # The uncached addresses, rendered in-process as the server renders them.
    queries = django_script(env, "bench/queries.py", *list(urls.values())[2:])
    return urls, speeds, weights, queries


def totals_benchmark():
    import psycopg

    with postgres_database("bench_totals") as database_url:
        env = environment(database_url)
        manage(env, "migrate", "--no-input")
        load_demo(env)
        with psycopg.connect(database_url, autocommit=True) as connection:
            # A million records over both geographies, written by SQL so that building them
            # takes seconds, not the hour the ORM would need: 2023 to June 2025 by the old
            # province's 11 districts, July 2025 to 2026 by the 95 communes (docs/reform.md).
            for share, first_day, days, units in (
                (
                    0.6,
                    "2023-01-01",
                    912,
                    "level = 2 AND parent_id = (SELECT id FROM taxonomy_administrativeunit WHERE code = '75')",
                ),
                (0.4, "2025-07-01", 549, "valid_from = DATE '2025-07-01'"),
            ):
                connection.execute(
                    f"""
                    INSERT INTO campaigns_activityrecord
                        (unit_id, date, indicator_id, quantity, attendees, minutes, place, note,
                         unusual, unusual_note, created_at, updated_at)
                    SELECT u.id, DATE '{first_day}' + (n %% {days}), i.id, 1 + n %% 40,
                           CASE WHEN i.second_measure = 'attendees' THEN 10 + n %% 90 END,
                           CASE WHEN i.second_measure = 'minutes' THEN 5 + n %% 25 END,
                           '', '', false, '', now(), now()
                    FROM generate_series(1, %s) AS n
                    JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k,
                                 count(*) OVER () AS units
                          FROM taxonomy_administrativeunit WHERE {units}) u
                      ON u.k = n %% u.units
                    JOIN (SELECT id, second_measure, row_number() OVER (ORDER BY id) - 1 AS k FROM campaigns_indicator) i
                      ON i.k = (n / 97) %% 5
                    """,
                    [int(RECORDS * share)],
                )
            connection.execute("ANALYZE")
        return django_script(env, "bench/totals.py")


def import_benchmark():
    """bench/imports.py in its own process: it sets up Django with its own throwaway database."""
    result = subprocess.run(
        [PYTHON, "bench/imports.py"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(bench_line(result.stdout))


END_MEASURED = "<!-- end of the figures bench/run.py writes; notes below are kept -->"
LISTINGS = ("home page", "article list", "materials library")


def met(ok):
    return "yes" if ok else "**no**"


def kb(size):
    return f"{size / 1024:.1f} KB"


def report(started, urls, speeds, weights, queries, totals, imports):
    baseline = speeds["static CSS file (baseline)"]["rps"]
    lines = [
        "# Performance",
        "",
        f"Measured {started:%Y-%m-%d %H:%M} UTC with `make bench` (`python bench/run.py`), on {machine()}.",
        f"Load from wrk on 127.0.0.1: {CONNECTIONS} connections for {DURATION} s per address, against gunicorn with",
        "2 sync workers and the production settings, SQLite, Redis for the cache, the demo content. Ratios compare with a static",
        "CSS file served by the same server in the same run. Queries are counted in-process on a warm view.",
        "",
        "## Pages",
        "",
        "| page | requests/s | ratio to static file | 95th percentile | errors | SQL queries | in-process | in-process after a change |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, path in urls.items():
        speed = speeds[name]
        measured = queries.get(path, {})
        count, warm, cold = (
            measured.get(k, "–") for k in ("queries", "warm_ms", "after_change_ms")
        )
        lines.append(
            f"| {name} (`{path}`) | {speed['rps']:.0f} | {speed['rps'] / baseline:.3f} | {speed['p95_ms']:.0f} ms | {speed['errors']} | {count} | {warm} ms | {cold} ms |"
        )
    article_ratio = speeds["article"]["rps"] / baseline
    list_ratio = speeds["article list"]["rps"] / baseline
    cached_ratio = speeds["article, cached"]["rps"] / baseline
    article_queries = queries[urls["article"]]["queries"]
    listing_queries = max(queries[urls[name]]["queries"] for name in LISTINGS)
    lines += [
        "",
        f"Uncached pages carry `{UNCACHED}`, a parameter the page cache does not know, so each request",
        "is rendered; their queries are counted in-process on a second view, when the",
        "site, its settings and the menu come from the cache as on a running server. The cached",
        "article is served by the page cache (`core.page_cache`) from Redis. Rendered pages reuse what",
        "is kept until the next change (publication cards, a listing's filters, language links, the",
        "areas); the last column times a view just after a change, when all of that is drawn again.",
        "",
        "| goal | measured | met |",
        "|---|---:|---|",
        f"| cached article: ratio ≥ 0.5 | {cached_ratio:.3f} | {met(cached_ratio >= 0.5)} |",
        f"| uncached article: ratio ≥ 0.034 (1.5 × bakerydemo's blog post) | {article_ratio:.3f} | {met(article_ratio >= 0.034)} |",
        f"| uncached article list: ratio ≥ 0.027 (1.5 × bakerydemo's blog index) | {list_ratio:.3f} | {met(list_ratio >= 0.027)} |",
        f"| uncached article: ≤ 12 queries | {article_queries} | {met(article_queries <= 12)} |",
        f"| home and listings: ≤ 15 queries | {listing_queries} | {met(listing_queries <= 15)} |",
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
        "### In another geography (`as_of`)",
        "",
        "`GET /api/v1/totals/?year=2024&as_of=2026-01-01&group_by=unit,indicator`: the 2024 records of the",
        "11 districts shown on the 95 communes by the succession shares (`docs/reform.md`), against a",
        "hand-written SQL query that sums the three measures first and spreads the sums by the shares.",
        "",
        "| measure | median |",
        "|---|---:|",
        f"| totals API, allocated and rounded (in-process, JSON included) | {totals['as_of_api_median_ms']} ms |",
        f"| hand-written SQL, allocated (not rounded) | {totals['as_of_sql_median_ms']} ms |",
        f"| ratio | {totals['as_of_api_median_ms'] / totals['as_of_sql_median_ms']:.2f} |",
        "",
        f"Same numbers: {'yes' if totals['as_of_same_numbers'] else 'NO'} ({totals['as_of_rows']} groups; each API figure is the SQL's share rounded up or down, and each indicator's total is exact). Goal: ratio at most 1.5 and under 200 ms.",
        "",
        "## Spreadsheet import",
        "",
        f"{imports['rows']:,} rows ({imports['file_kb']} KB XLSX) uploaded and confirmed through the admin screens as",
        f"`canbo.tranbien` (`bench/imports.py`, {imports['database']}, the demo loaded): every record written through",
        "`ActivityRecord.save()` with locking and the audit log.",
        "",
        "| step | seconds |",
        "|---|---:|",
        f"| upload, read and check (the preview) | {imports['check_seconds']} |",
        f"| confirm: check again and write | {imports['write_seconds']} |",
        f"| total (wall) | {imports['seconds']} |",
        f"| CPU time of the importing process | {imports['cpu_seconds']} |",
        "",
        f"Records written: {imports['records_written']:,}; progress updates shown: {imports['progress_steps']}. Goal: well under a minute.",
        "",
    ]
    write_measured("\n".join(lines))


def write_measured(text):
    """Replace the measured part of docs/performance.md; the notes written by hand after it stay."""
    path = ROOT / "docs" / "performance.md"
    old = path.read_text() if path.exists() else ""
    notes = old.split(END_MEASURED, 1)[1] if END_MEASURED in old else "\n"
    path.write_text(f"{text}\n{END_MEASURED}{notes}")


def main():
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    started = datetime.datetime.now(datetime.UTC)
    urls, speeds, weights, queries = pages_benchmark()
    totals = totals_benchmark()
    imports = import_benchmark()
    report(started, urls, speeds, weights, queries, totals, imports)
    print((ROOT / "docs" / "performance.md").read_text())


if __name__ == "__main__":
    main()
