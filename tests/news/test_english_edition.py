"""The English edition: its own page tree under /en/, never mixed with the Vietnamese one, and a
way across to the same content in the other language."""

import re
import xml.etree.ElementTree as ET

import pytest

from tests.factories import (
    ArticlePageFactory,
    AudienceFactory,
    ImageFactory,
    PosterPageFactory,
    translate_page,
)

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def students(db):
    return AudienceFactory(name="Học sinh", name_en="Students", slug="hoc-sinh")


@pytest.fixture
def english_news(news_index, english_home):
    return translate_page(news_index, title="News", slug="news")


@pytest.fixture
def vietnamese_article(news_index, students, district):
    return ArticlePageFactory(
        parent=news_index,
        title="Cảnh giác lời mời việc làm",
        slug="canh-giac-loi-moi-viec-lam",
        audiences=[students],
        districts=[district],
        keywords=["lừa đảo"],
    )


@pytest.fixture
def english_article(vietnamese_article, english_news):
    return translate_page(
        vietnamese_article,
        title="Beware of job offers",
        slug="beware-of-job-offers",
        standfirst="What to check before you accept.",
    )


@pytest.fixture
def untranslated_article(news_index, students):
    return ArticlePageFactory(
        parent=news_index, title="Chỉ có tiếng Việt", slug="chi-co-tieng-viet", audiences=[students]
    )


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def switcher_link(html, code):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return re.search(rf'<a href="([^"]+)" lang="{code}"', nav).group(1)


@pytest.mark.django_db
class TestRouting:
    def test_english_pages_live_under_en_and_vietnamese_ones_keep_their_addresses(
        self, client, english_article, vietnamese_article
    ):
        assert vietnamese_article.url == "/tin-tuc/canh-giac-loi-moi-viec-lam/"
        assert english_article.url == "/en/news/beware-of-job-offers/"
        assert "Beware of job offers" in html_of(client, english_article.url)
        assert "Cảnh giác lời mời việc làm" in html_of(client, vietnamese_article.url)

    def test_each_language_has_its_own_home_page(self, client, english_home, site_settings):
        assert "<h1>Preventing human trafficking</h1>" in html_of(client, "/en/")
        assert "Preventing human trafficking" not in html_of(client, "/")

    def test_a_page_is_found_only_in_its_own_language(
        self, client, english_article, untranslated_article
    ):
        # The untranslated Vietnamese article has no English address, and no language's address
        # answers without its prefix in the other.
        assert client.get("/en/news/chi-co-tieng-viet/").status_code == 404
        assert client.get("/news/beware-of-job-offers/").status_code == 404
        assert client.get("/tin-tuc/beware-of-job-offers/").status_code == 404

    def test_a_draft_translation_is_not_served(self, client, english_news, untranslated_article):
        draft = untranslated_article.copy_for_translation(english_news.locale)
        assert not draft.live
        assert client.get(f"/en/news/{draft.slug}/").status_code == 404

    def test_each_language_is_declared_in_the_page(
        self, client, english_article, vietnamese_article
    ):
        assert '<html lang="en">' in html_of(client, english_article.url)
        assert '<html lang="vi">' in html_of(client, vietnamese_article.url)


@pytest.mark.django_db
class TestLanguageSwitcher:
    def test_a_translated_page_links_to_its_translation(
        self, client, english_article, vietnamese_article
    ):
        english = html_of(client, english_article.url)
        vietnamese = html_of(client, vietnamese_article.url)
        assert switcher_link(english, "vi") == vietnamese_article.full_url
        assert switcher_link(vietnamese, "en") == english_article.full_url

    def test_an_untranslated_page_links_to_the_other_home_page(
        self, client, english_home, untranslated_article
    ):
        html = html_of(client, untranslated_article.url)
        assert switcher_link(html, "en") == "http://testserver/en/"

    def test_other_views_link_to_the_same_view_in_the_other_language(self, client, students):
        assert switcher_link(html_of(client, "/tim-kiem/"), "en") == "http://testserver/en/search/"
        audience = html_of(client, "/en/for/hoc-sinh/")
        assert switcher_link(audience, "vi") == "http://testserver/danh-cho/hoc-sinh/"

    def test_hreflang_names_only_real_translations_with_vietnamese_the_default(
        self, client, english_article, vietnamese_article, untranslated_article
    ):
        expected = {
            "vi": vietnamese_article.full_url,
            "en": english_article.full_url,
            "x-default": vietnamese_article.full_url,
        }
        assert alternates(html_of(client, english_article.url)) == expected
        assert alternates(html_of(client, vietnamese_article.url)) == expected
        only_vietnamese = alternates(html_of(client, untranslated_article.url))
        assert only_vietnamese == {
            "vi": untranslated_article.full_url,
            "x-default": untranslated_article.full_url,
        }

    def test_a_translation_is_linked_as_soon_as_it_is_published_or_withdrawn(
        self, client, english_news, untranslated_article
    ):
        # The links are kept until a change (core_tags.language_versions_for).
        assert set(alternates(html_of(client, untranslated_article.url))) == {"vi", "x-default"}
        english = translate_page(untranslated_article, title="Only in Vietnamese, now English")
        assert alternates(html_of(client, untranslated_article.url))["en"] == english.full_url
        english.unpublish()
        assert set(alternates(html_of(client, untranslated_article.url))) == {"vi", "x-default"}


@pytest.mark.django_db
class TestNeverMixed:
    """Whatever lists pages lists the reader's language only."""

    @pytest.fixture(autouse=True)
    def both(self, english_article, untranslated_article, vietnamese_article):
        self.english, self.vietnamese = english_article, vietnamese_article

    def check(self, client, vietnamese_url, english_url):
        vietnamese, english = html_of(client, vietnamese_url), html_of(client, english_url)
        assert self.vietnamese.title in vietnamese and self.english.title not in vietnamese
        assert self.english.title in english and self.vietnamese.title not in english

    def test_article_lists(self, client, news_index):
        self.check(client, news_index.url, "/en/news/")

    def test_audience_and_district_pages(self, client, district):
        self.check(client, "/danh-cho/hoc-sinh/", "/en/for/hoc-sinh/")
        self.check(client, "/dia-ban/731/", "/en/district/731/")

    def test_home_pages(self, client):
        self.check(client, "/", "/en/")

    def test_search(self, client):
        self.check(client, "/tim-kiem/?q=bai", "/en/search/?q=bai")
        vietnamese = html_of(client, "/tim-kiem/?q=canh+giac")
        assert self.vietnamese.title in vietnamese
        assert "Beware" not in html_of(client, "/en/search/?q=canh+giac")

    def test_feeds(self, client):
        vietnamese, english = (
            html_of(client, "/feeds/articles.rss"),
            html_of(client, "/en/feeds/articles.rss"),
        )
        assert "Beware of job offers" in english and "Cảnh giác" not in english
        assert "Cảnh giác lời mời việc làm" in vietnamese and "Beware" not in vietnamese
        assert "<link>http://testserver/en/</link>" in english

    def test_related_items(self, client, news_index, students):
        ArticlePageFactory(parent=news_index, title="Bài liên quan", audiences=[students])
        english_related = client.get(self.english.url).context["related"]
        assert [page.title for page in english_related] == []
        vietnamese_related = client.get(self.vietnamese.url).context["related"]
        assert "Bài liên quan" in [page.title for page in vietnamese_related]

    def test_filter_counts(self, client, news_index):
        english = client.get("/en/news/").context["listing"]
        assert english.total == 1
        assert client.get(news_index.url).context["listing"].total == 2

    def test_menus(self, client, materials_index, english_news):
        for page in (materials_index, english_news, self.vietnamese.get_parent()):
            page.show_in_menus = True
            page.save()
        nav = re.compile(r'<nav class="main-nav".*?</nav>', re.S)
        english = nav.search(html_of(client, "/en/")).group(0)
        vietnamese = nav.search(html_of(client, "/")).group(0)
        assert 'href="/en/news/"' in english and "/tai-lieu/" not in english
        assert 'href="/tin-tuc/"' in vietnamese and "/en/news/" not in vietnamese

    def test_sitemap_lists_both_languages_with_their_alternates(self, client):
        tree = ET.fromstring(client.get("/sitemap.xml").content)
        entries = {
            url.findtext(f"{SITEMAP}loc"): {
                link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
            }
            for url in tree.iter(f"{SITEMAP}url")
        }
        assert self.english.full_url in entries and self.vietnamese.full_url in entries
        assert entries[self.english.full_url] == {
            "vi": self.vietnamese.full_url,
            "en": self.english.full_url,
            "x-default": self.vietnamese.full_url,
        }


@pytest.mark.django_db
class TestQueryBudgets:
    """The English pages cost what the Vietnamese ones do (tests/news/test_pages.py,
    tests/news/test_listing.py, tests/core/test_public_frame.py)."""

    def budget(self, client, url, queries, django_assert_max_num_queries):
        client.get(url)  # renditions and the site root paths, made once
        with django_assert_max_num_queries(queries):
            assert client.get(url).status_code == 200

    def test_english_article(
        self, client, english_article, site_settings, django_assert_max_num_queries
    ):
        self.budget(client, english_article.url, 12, django_assert_max_num_queries)

    def test_english_home_and_list(
        self, client, english_news, students, site_settings, django_assert_max_num_queries
    ):
        for _ in range(5):
            ArticlePageFactory(
                parent=english_news,
                audiences=[students],
                image=ImageFactory(),
                image_alt="Picture",
                keywords=["scams"],
                is_featured=True,
            )
        self.budget(client, "/en/", 15, django_assert_max_num_queries)
        self.budget(client, "/en/news/", 15, django_assert_max_num_queries)


@pytest.mark.django_db
def test_a_translated_publication_is_marked_as_written_in_english(english_news, materials_index):
    poster = PosterPageFactory(parent=materials_index)
    translate_page(materials_index.specific, title="Materials", slug="materials")
    english = poster.copy_for_translation(english_news.locale)
    assert english.language == "en"
    assert poster.language == "vi"
