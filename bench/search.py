"""The reader search over many published pages: `make bench` runs it after bench/run.py, or
`python bench/search.py` alone. Not part of the test suite.

Builds a throwaway SQLite database with the production settings, publishes BENCH_SEARCH_PAGES
articles of generated Vietnamese text (10,000 by default), and times the search page in-process
(the Django test client: no network, no server) for ten typical queries. The baseline, measured
in the same run on the same data, is the query the search made before (Wagtail's database
backend, `Page.objects.live().public().search(...)`), without rendering anything. The figures go
into docs/performance.md between the search markers.
"""

import datetime
import json
import os
import re
import shutil

from servers import ROOT, WORK, django_script, environment, manage

PAGES = int(os.environ.get("BENCH_SEARCH_PAGES", "10000"))
REPEATS = int(os.environ.get("BENCH_SEARCH_REPEATS", "20"))
START, END = "<!-- search figures -->", "<!-- end of search figures -->"


def main():
    work = WORK / "search"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = environment(
        f"sqlite:///{work / 'search.sqlite3'}",
        RATE_LIMIT_SEARCH="100000000",
        PAGE_CACHE_ENABLED="false",
    )
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    found = django_script(env, str(ROOT / "bench" / "search_inside.py"), str(PAGES), str(REPEATS))
    write(found)
    print(json.dumps(found, indent=2))


def write(found):
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    ratio = found["ours_p95"] / found["baseline_p95"]
    most = max(found["queries"].values())
    table = f"""{START}
## Search over {found["pages"]:,} published pages

Measured {now} with `python bench/search.py` (`BENCH_SEARCH_PAGES={found["pages"]}`, SQLite,
production settings, page cache off): {len(found["queries"])} queries × {REPEATS} requests each
through the Django test client, the whole page rendered. Building the pages and their index took
{found["build_seconds"]} s ({found["postings"]:,} postings).

| measure | median | 95th percentile |
|---|---:|---:|
| search page, rendered (`/tim-kiem/?q=…`) | {found["ours_p50"]:.1f} ms | {found["ours_p95"]:.1f} ms |
| baseline: Wagtail's database backend query alone, as before | {found["baseline_p50"]:.1f} ms | {found["baseline_p95"]:.1f} ms |
| ratio | | {ratio:.2f} |

SQL queries per search page: at most {most}. Goal: 95th percentile under 100 ms at 10,000 pages:
{"met" if found["ours_p95"] < 100 and found["pages"] >= 10000 else "see the note below"}.
{END}"""
    path = ROOT / "docs" / "performance.md"
    text = path.read_text()
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: table, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + table + "\n"
    path.write_text(text)


if __name__ == "__main__":
    main()
