"""The public page cache: anonymous readers get a stored copy, refreshed whenever content changes."""

import datetime
import json
import re
import string

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from wagtail.models import PageViewRestriction

from campaigns.models import ActivityRecord
from campaigns.reporting.review import act
from core import page_cache
from news.models import ProgrammeContact
from tests.factories import (
    ActivityRecordFactory,
    ArticlePageFactory,
    AudienceFactory,
    IndicatorFactory,
    ResultsPageFactory,
    approve_months,
)

ADDRESS = "/tin-tuc/bai-doc-thu/"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def results_page(home_page, site_settings):
    return ResultsPageFactory(parent=home_page)


@pytest.fixture
def article(news_index, site_settings):
    return ArticlePageFactory(parent=news_index, title="Bài đọc thử", slug="bai-doc-thu")


def nonce_of(response):
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def publish_title(page, title):
    page.title = title
    page.save_revision().publish()


@pytest.mark.django_db
class TestServedFromTheCache:
    def test_a_second_visit_touches_no_database(self, client, article, django_assert_num_queries):
        first = client.get(ADDRESS)
        assert first.status_code == 200
        with django_assert_num_queries(0):
            second = client.get(ADDRESS)
        assert second.status_code == 200
        assert "Bài đọc thử" in second.content.decode()
        assert second["Age"] is not None

    def test_public_headers_no_cookie(self, client, article):
        client.get(ADDRESS)
        response = client.get(ADDRESS)
        control = response["Cache-Control"]
        assert "public" in control and "max-age=60" in control and "s-maxage=300" in control
        assert response["ETag"].startswith('W/"') and response["Last-Modified"]
        assert "Cookie" in response["Vary"]
        assert not response.cookies

    def test_english_and_vietnamese_are_kept_apart(self, client, article, home_page):
        vietnamese = client.get("/")
        english = client.get("/en/")
        assert vietnamese["Content-Language"] == "vi" and english["Content-Language"] == "en"
        assert client.get("/en/").content.decode().count('lang="en"') >= 1
        assert 'lang="vi"' in client.get("/").content.decode()

    def test_listing_filters_are_cached_in_any_order_other_queries_are_not(
        self, client, article, django_assert_num_queries
    ):
        year = article.publication_date.year
        client.get(f"/tin-tuc/?year={year}&kind=article")
        with django_assert_num_queries(0):
            client.get(f"/tin-tuc/?kind=article&year={year}")
        client.get("/tin-tuc/?utm_source=zalo")
        assert client.get("/tin-tuc/?utm_source=zalo").get("Age") is None

    def test_the_csp_nonce_is_fresh_and_matches_the_header(self, client, article):
        client.get(ADDRESS)
        nonces = set()
        for _ in range(2):
            response = client.get(ADDRESS)
            nonce = nonce_of(response)
            assert f'nonce="{nonce}"' in response.content.decode()
            nonces.add(nonce)
        assert len(nonces) == 2
        assert "__page_cache_nonce__" not in response.content.decode()


@pytest.mark.django_db
class TestConditionalRequests:
    def test_matching_etag_answers_304_without_a_body(
        self, client, article, django_assert_num_queries
    ):
        etag = client.get(ADDRESS)["ETag"]
        with django_assert_num_queries(0):
            response = client.get(ADDRESS, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304 and response.content == b""
        assert response["ETag"] == etag and "public" in response["Cache-Control"]

    def test_etag_is_the_same_whatever_the_nonce(self, client, article):
        assert client.get(ADDRESS)["ETag"] == client.get(ADDRESS)["ETag"]

    def test_if_modified_since_answers_304(self, client, article):
        last_modified = client.get(ADDRESS)["Last-Modified"]
        assert client.get(ADDRESS, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    def test_changed_page_answers_200(self, client, article):
        etag = client.get(ADDRESS)["ETag"]
        publish_title(article, "Bài đọc đã sửa")
        response = client.get(ADDRESS, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200 and response["ETag"] != etag


@pytest.mark.django_db
class TestRefreshedAtOnce:
    def test_publishing(self, client, article):
        client.get(ADDRESS)
        publish_title(article, "Tiêu đề mới")
        assert "Tiêu đề mới" in client.get(ADDRESS).content.decode()

    def test_unpublishing(self, client, article):
        client.get(ADDRESS)
        article.unpublish()
        assert client.get(ADDRESS).status_code == 404

    def test_moving(self, client, article, news_index, home_page):
        client.get("/tin-tuc/")
        article.move(home_page, pos="last-child")
        assert "Bài đọc thử" not in client.get("/tin-tuc/").content.decode()

    def test_deleting(self, client, article):
        client.get(ADDRESS)
        article.delete()
        assert client.get(ADDRESS).status_code == 404

    def test_changing_the_site_settings(self, client, article, site_settings):
        client.get(ADDRESS)
        site_settings.hotlines = [
            ("hotline", {"label": "Đường dây nóng", "number": "18001567", "hours": "24/7"})
        ]
        site_settings.save()
        assert "18001567" in client.get(ADDRESS).content.decode()

    def test_changing_a_snippet(self, client, article, help_page, district):
        client.get("/tim-giup-do/")
        ProgrammeContact.objects.create(
            unit=district, office="Ban Chủ nhiệm Biên Hòa", address="Số 2", phone="0251 111"
        )
        assert "Ban Chủ nhiệm Biên Hòa" in client.get("/tim-giup-do/").content.decode()

    def test_renaming_an_audience(self, client, home_page):
        audience = AudienceFactory(name="Học sinh")
        client.get("/")
        audience.name = "Học sinh, sinh viên"
        audience.save()
        assert "Học sinh, sinh viên" in client.get("/").content.decode()


@pytest.mark.django_db
class TestNeverCached:
    def test_staff_are_neither_served_nor_stored(self, client, article, editor):
        Client().get(ADDRESS)  # an anonymous visitor stores the page
        client.force_login(editor)
        response = client.get(ADDRESS)
        assert response.get("Age") is None and "userbar" in response.content.decode()
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert "userbar" not in Client().get(ADDRESS).content.decode()

    def test_preview_is_never_stored(self, client, article, moderator):
        client.force_login(moderator)
        article.title = "Chưa xuất bản"
        article.save_revision()
        preview = client.get(f"/admin/pages/{article.pk}/edit/preview/")
        assert "no-store" in preview["Cache-Control"]
        assert "Chưa xuất bản" not in Client().get(ADDRESS).content.decode()

    def test_a_restricted_page_is_never_stored(self, article, django_assert_max_num_queries):
        PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat"
        )
        visitor = Client()
        first = visitor.get(ADDRESS)
        assert "Bài đọc thử" not in first.content.decode()
        assert visitor.get(ADDRESS).get("Age") is None
        unlocked = Client()
        form = unlocked.get(ADDRESS).content.decode()
        action = re.search(r'action="([^"]+)"', form).group(1)
        unlocked.post(action, {"password": "bi-mat", "return_url": ADDRESS})
        assert "Bài đọc thử" in unlocked.get(ADDRESS).content.decode()
        assert "Bài đọc thử" not in Client().get(ADDRESS).content.decode()

    def test_posts_are_not_served_from_the_cache(self, client, article):
        client.get(ADDRESS)
        assert client.post(ADDRESS).get("Age") is None


def stored_entries():
    """How many entries the (local memory) cache holds: pages, the generation, shared values."""
    return len(page_cache.cache()._cache)


@pytest.mark.django_db
class TestOnlyRealFiltersAreStored:
    """Anyone can make up query strings; only the pages whose filters exist, each written one way,
    may be stored, so the cache holds at most one copy per real choice."""

    def test_made_up_listing_filters_never_add_an_entry(self, article, results_page):
        client = Client()
        client.get("/tin-tuc/")
        client.get("/ket-qua/")
        before = stored_entries()
        year = article.publication_date.year
        letters = st.text(string.ascii_letters + string.digits, min_size=1, max_size=30)

        @hypothesis_settings(max_examples=60, deadline=None)
        @given(
            query=st.one_of(
                st.dictionaries(
                    st.sampled_from(["district", "keyword", "audience", "language", "kind"]),
                    letters,
                    min_size=1,
                    max_size=3,
                ),
                st.builds(
                    lambda n: {"year": n}, st.integers(1900, 2999).filter(lambda n: n != year)
                ),
                st.builds(lambda n: {"page": n}, st.integers(2, 10**6)),
                st.sampled_from(
                    [{"page": "1"}, {"page": "01"}, {"year": f"0{year}"}, {"district": ""}]
                ),
            )
        )
        def visit(query):
            assert client.get("/tin-tuc/", query).status_code in {301, 400, 404}
            assert stored_entries() == before

        visit()

    def test_the_clean_address_is_stored_once(self, client, article, django_assert_num_queries):
        year = article.publication_date.year
        assert client.get(f"/tin-tuc/?year=0{year}")["Location"] == f"/tin-tuc/?year={year}"
        client.get(f"/tin-tuc/?year={year}")
        with django_assert_num_queries(0):
            assert client.get(f"/tin-tuc/?year={year}").status_code == 200

    @pytest.mark.parametrize(
        "query", ["year=02024", "year=2024.0", "year=+2024", "year=&campaign="]
    )
    def test_the_results_page_stores_its_clean_address_only(self, results_page, query):
        client = Client()
        client.get("/ket-qua/?year=2024")
        before = stored_entries()
        assert client.get(f"/ket-qua/?{query}").status_code == 200
        assert client.get(f"/ket-qua/?{query}").get("Age") is None
        assert stored_entries() == before
        assert client.get("/ket-qua/?year=2024").get("Age") is not None

    def test_a_page_that_reads_no_query_string_is_not_stored_with_one(self, client, article):
        for page in range(2, 12):
            assert client.get(ADDRESS, {"page": page}).status_code == 200
        assert client.get(ADDRESS, {"page": 2}).get("Age") is None


@pytest.mark.django_db
class TestLiveTotals:
    @pytest.fixture
    def results(self, home_page, district, site_settings):
        ResultsPageFactory(parent=home_page)
        leaflets = IndicatorFactory(code="leaflets", name="Tờ rơi phát ra")
        year = timezone.localdate().year - 1
        ActivityRecordFactory(
            unit=district, indicator=leaflets, date=datetime.date(year, 1, 2), quantity=1_234
        )
        approve_months(district, datetime.date(year, 1, 1))
        return leaflets, year

    def test_the_results_page_is_kept_only_the_configured_minutes(
        self, client, settings, results, district
    ):
        settings.PAGE_CACHE_LIVE_MINUTES = 2
        response = client.get("/ket-qua/")
        assert "1.234" in response.content.decode()
        assert "max-age=60" in response["Cache-Control"]
        assert "s-maxage=120" in response["Cache-Control"]

    def test_approving_or_reopening_a_month_refreshes_the_figures_at_once(
        self, client, results, district, district_staff, coordinator
    ):
        """The public sees approved months only, so a new record changes nothing until its month
        is approved, and then the cached page is replaced at once, without waiting."""
        leaflets, year = results
        february = datetime.date(year, 2, 1)
        ActivityRecord.objects.create(
            unit=district, indicator=leaflets, date=february, quantity=1_000
        )
        assert "1.234" in client.get("/ket-qua/").content.decode()
        act(district_staff, district, february, "submit")
        assert "1.234" in client.get("/ket-qua/").content.decode()  # submitted, not approved
        act(coordinator, district, february, "approve")
        assert "2.234" in client.get("/ket-qua/").content.decode()
        act(coordinator, district, february, "reopen", "Thiếu một buổi")
        assert "1.234" in client.get("/ket-qua/").content.decode()

    def test_an_article_with_a_live_total_block(self, client, settings, news_index, results):
        leaflets, _ = results
        settings.PAGE_CACHE_LIVE_MINUTES = 3
        ArticlePageFactory(
            parent=news_index,
            slug="con-so",
            body=json.dumps(
                [
                    {
                        "type": "live_total",
                        "value": {"indicator": leaflets.pk, "period": "this_year", "label": ""},
                    }
                ]
            ),
        )
        assert "s-maxage=180" in client.get("/tin-tuc/con-so/")["Cache-Control"]


@pytest.mark.django_db
class TestSharedValuesInTheProcess:
    """With the page cache on, a process keeps its own copy of the shared values for the
    generation a request reads, so a page drawn for a reader asks Redis for none of them; the
    generation replaced by any server (a change anywhere) makes every process draw them again."""

    UNCACHED = ADDRESS + "?uncached=1"  # a query the page cache does not store: always drawn

    def phone_shown(self, client):
        return re.search(r"Điện thoại: ([0-9 ]+)", client.get(self.UNCACHED).content.decode())[1]

    def test_kept_in_the_process_for_the_generation(self, client, article, site_settings):
        assert self.phone_shown(client) == "0251 000 000"
        # Changed behind the site's back (no signal) and gone from the shared cache: this
        # process still has its copy of the settings for this generation.
        type(site_settings).objects.update(contact_phone="0251 777 666")
        cache.delete_many([key for key in cache._cache if "pagecache:shared" in key])
        assert self.phone_shown(client) == "0251 000 000"

    def test_a_new_generation_from_another_server_is_seen_at_once(
        self, client, article, site_settings
    ):
        assert self.phone_shown(client) == "0251 000 000"
        type(site_settings).objects.update(contact_phone="0251 777 666")
        # What another server's change does: a new generation in the shared cache.
        cache.set(page_cache.GENERATION_KEY, "1.another-server", timeout=None)
        assert self.phone_shown(client) == "0251 777 666"

    def test_a_process_keeps_no_more_than_its_limit(self, monkeypatch):
        kept = page_cache._InProcess
        monkeypatch.setattr(kept, "LIMIT", 2)
        monkeypatch.setattr(kept, "generation", None)
        monkeypatch.setattr(kept, "values", {})
        for number in range(3):
            kept.keep("1.test", f"fragment {number}", f"<p>{number}</p>")
        assert kept.get("1.test", "fragment 1") == "<p>1</p>"
        assert kept.get("1.test", "fragment 2") is page_cache._MISSING  # left to Redis


@pytest.mark.django_db
class TestSharedValues:
    """The site, its settings and the menu every page shows come from the cache, under the same
    generation as the pages: kept while nothing changes, fresh after any change, even with the
    page cache off. Each language's menu: tests/news/test_english_edition.py."""

    @pytest.fixture(autouse=True)
    def page_cache_off(self, settings):
        settings.PAGE_CACHE_ENABLED = False

    def test_a_second_view_does_not_ask_for_them_again(self, client, article):
        client.get(ADDRESS)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(ADDRESS).status_code == 200
        queries = [query["sql"] for query in captured]
        assert not any('"wagtailcore_site"' in sql for sql in queries)
        assert not any('"core_sitesettings"' in sql for sql in queries)
        assert not any(re.search(r'WHERE .*"show_in_menus"', sql) for sql in queries)

    def test_new_hotline_shows_at_once(self, client, article, site_settings):
        client.get(ADDRESS)
        site_settings.hotlines = [
            ("hotline", {"label": "Đường dây nóng", "number": "0251 999 888"})
        ]
        site_settings.save()
        assert "tel:0251999888" in client.get(ADDRESS).content.decode()

    def test_menu_follows_publishing(self, client, article, news_index, home_page):
        def menu():
            html = client.get(ADDRESS).content.decode()
            return re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group()

        news_index.show_in_menus = True
        news_index.save_revision().publish()
        assert news_index.title in menu()
        publish_title(news_index, "Tin mới nhất")
        assert "Tin mới nhất" in menu()
        news_index.unpublish()
        assert "Tin mới nhất" not in menu()

    def test_publication_cards_are_drawn_once_and_redrawn_after_a_change(
        self, client, article, news_index
    ):
        def cards():
            html = client.get(news_index.url).content.decode()
            return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', html)

        assert cards() == ["Bài đọc thử"]
        with CaptureQueriesContext(connection) as captured:
            assert cards() == ["Bài đọc thử"]
        assert not any("wagtailimages_rendition" in query["sql"] for query in captured[-1:])
        publish_title(article, "Bài đọc đã sửa")
        assert cards() == ["Bài đọc đã sửa"]

    def test_a_kept_fragment_is_kept_per_language_and_never_in_a_preview(self, rf):
        fragment = Template(
            '{% load i18n core_tags %}{% cached_until_change "test" number %}'
            '{% translate "Kind" %} {{ number }} {{ drawn }}{% endcached_until_change %}'
        )

        def draw(language, drawn, preview=False):
            request = rf.get("/")
            request.is_preview = preview
            with translation.override(language):
                return fragment.render(Context({"request": request, "number": 1, "drawn": drawn}))

        assert draw("vi", "first") == "Loại 1 first"
        assert draw("vi", "second") == "Loại 1 first"
        assert draw("en", "third") == "Kind 1 third"
        assert draw("vi", "preview", preview=True) == "Loại 1 preview"

    def test_a_listings_filters_follow_publishing(self, client, article, news_index):
        students = AudienceFactory(name="Học sinh")

        def students_counted():
            html = client.get(news_index.url).content.decode()
            found = re.search(r'Học sinh <span class="facet__count">\((\d+)\)', html)
            return int(found[1]) if found else 0

        assert students_counted() == 0
        article.audiences.set([students])
        article.save_revision().publish()
        assert students_counted() == 1

    def test_a_fragment_showing_live_totals_is_drawn_every_time(self, rf):
        fragment = Template(
            '{% load core_tags %}{% cached_until_change "test_live" %}{{ total }}'
            "{% endcached_until_change %}"
        )
        request = rf.get("/")

        def total_of(number):
            def live_total():
                page_cache.shows_live_figures(request)  # as the live-total block does
                return number

            return fragment.render(Context({"request": request, "total": live_total}))

        assert total_of(1) == "1"
        assert total_of(2) == "2"

    def test_an_edited_body_shows_once_published(self, client, article):
        def body():
            html = client.get(ADDRESS).content.decode()
            return re.search(r'<div class="publication__body">(.*?)</div>', html, re.S)[1]

        body()
        article.body = json.dumps([{"type": "paragraph", "value": "<p>Đoạn mới viết</p>"}])
        revision = article.save_revision()
        assert "Đoạn mới viết" not in body()  # a draft is not shown
        revision.publish()
        assert "Đoạn mới viết" in body()
