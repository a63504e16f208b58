"""Builds N published pages of generated Vietnamese text and times the reader search over them,
run inside Django by bench/search.py. Prints `BENCH {json}`."""

import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, Site

from home.models import HomePage
from news.models import ArticlePage, NewsIndexPage, SearchPosting
from news.search import clean_query, fold

PAGES = int(sys.argv[1])
REPEATS = int(sys.argv[2])
# What readers type: common words, a phrase, a synonym's phrase, a typo, a rare word, nothing.
QUERIES = [
    "mua ban nguoi",
    "lua dao",
    "viec lam",
    "Phụ nữ trẻ em",
    "xuat khau lao dong",
    "mua ban ngui",
    "ho tro nguoi tro ve",
    "duong day nong",
    "giay to tuy than",
    "khong co gi ca",
]

random.seed(17)
source = (Path(sys.argv[0]).resolve().parents[1] / "site" / "demo" / "publications.py").read_text()
vocabulary = sorted({w for w in re.findall(r"[^\W\d_]+", source) if fold(w) and len(w) < 9})


def sentence(n):
    return " ".join(random.choice(vocabulary) for _ in range(n)).capitalize() + "."


def build():
    home = HomePage.objects.first() or Site.objects.get(is_default_site=True).root_page.specific
    index = NewsIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    started = time.perf_counter()
    for n in range(ArticlePage.objects.count(), PAGES):
        body = [{"type": "paragraph", "value": f"<p>{sentence(60)} {sentence(60)}</p>"}]
        index.add_child(
            instance=ArticlePage(
                title=sentence(8),
                slug=f"bai-{n}",
                standfirst=sentence(25),
                body=json.dumps(body),
            )
        )
    return time.perf_counter() - started


def timings(client, path, repeats):
    found, queries = [], {}
    for query in QUERIES:
        client.get(path, {"q": query})  # warm
        with CaptureQueriesContext(connection) as captured:
            client.get(path, {"q": query})
        queries[query] = len(captured)
        for _ in range(repeats):
            started = time.perf_counter()
            response = client.get(path, {"q": query})
            found.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
    return found, queries


def wagtail_search(request):
    """The search as it was before issue 17, on the same data: Wagtail's database backend."""
    query = clean_query(request.GET.get("q", ""))
    pages = list(Page.objects.live().public().search(query, operator="and")[:10])
    return HttpResponse(" ".join(page.title for page in pages))


seconds = build()
client = Client(HTTP_HOST="127.0.0.1")
ours, queries = timings(client, "/tim-kiem/", REPEATS)
baseline = []
for query in QUERIES:
    request = RequestFactory().get("/", {"q": query})
    wagtail_search(request)
    for _ in range(REPEATS):
        started = time.perf_counter()
        wagtail_search(request)
        baseline.append((time.perf_counter() - started) * 1000)


def p95(values):
    return statistics.quantiles(values, n=20)[-1]


print(
    "BENCH "
    + json.dumps(
        {
            "pages": ArticlePage.objects.live().count(),
            "build_seconds": round(seconds, 1),
            "postings": SearchPosting.objects.count(),
            "ours_p50": statistics.median(ours),
            "ours_p95": p95(ours),
            "baseline_p50": statistics.median(baseline),
            "baseline_p95": p95(baseline),
            "queries": queries,
        }
    )
)
