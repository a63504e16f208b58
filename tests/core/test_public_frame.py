"""The frame every public page shares: hotline, skip link, quick exit, footer, no third parties."""

import re
from html.parser import HTMLParser
from pathlib import Path
from unittest.mock import ANY

import pytest
from PIL import Image

from django.urls import reverse

from wagtail.models import Page, get_page_models

from campaigns.models import ResultsPage
from home.models import HomePage
from news.models import (
    ArticlePage,
    HelpPage,
    LeafletPage,
    MaterialsIndexPage,
    NewsIndexPage,
    PosterPage,
)
from tests.factories import (
    ArticlePageFactory,
    AudienceFactory,
    DistrictFactory,
    HelpPageFactory,
    LeafletPageFactory,
    MaterialsIndexPageFactory,
    NewsIndexPageFactory,
    PosterPageFactory,
    ResultsPageFactory,
)


# Every public page type with a way to build one. A new page type fails
# test_every_page_type_is_covered until it is added here.
def under_home(factory):
    return lambda: factory(parent=HomePage.objects.get())


def under_index(index_factory, factory):
    return lambda: factory(parent=index_factory(parent=HomePage.objects.get()))


PAGE_BUILDERS = {
    HomePage: lambda: HomePage.objects.get(),
    NewsIndexPage: under_home(NewsIndexPageFactory),
    MaterialsIndexPage: under_home(MaterialsIndexPageFactory),
    HelpPage: under_home(HelpPageFactory),
    ResultsPage: under_home(ResultsPageFactory),
    ArticlePage: under_index(NewsIndexPageFactory, ArticlePageFactory),
    PosterPage: under_index(MaterialsIndexPageFactory, PosterPageFactory),
    LeafletPage: under_index(MaterialsIndexPageFactory, LeafletPageFactory),
}
PUBLIC_NON_PAGE_URLS = [
    "/an-toan-khi-truy-cap/",
    "/khong-co-trang-nay/",
    "/tim-kiem/",
    "/tim-kiem/?q=lua+dao",
    "/danh-cho/hoc-sinh/",
    "/dia-ban/731/",
]

OUR_APPS = {"core", "taxonomy", "accounts", "home", "demo", "news", "campaigns"}


def test_every_page_type_is_covered():
    ours = {
        model
        for model in get_page_models()
        if model._meta.app_label in OUR_APPS and model.is_creatable
    }
    assert ours == set(PAGE_BUILDERS)


class ResourceCollector(HTMLParser):
    """Every address the browser would fetch on its own: scripts, styles, images, frames, media."""

    LOADING_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}

    def __init__(self):
        super().__init__()
        self.addresses = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") not in self.LOADING_LINKS:
            return
        for name in ("src", "href", "srcset", "poster", "data"):
            if attrs.get(name) and tag in {
                "script",
                "link",
                "img",
                "source",
                "iframe",
                "video",
                "audio",
                "object",
                "embed",
            }:
                self.addresses += [part.strip().split(" ")[0] for part in attrs[name].split(",")]


def loaded_resources(html):
    collector = ResourceCollector()
    collector.feed(html)
    external = [a for a in collector.addresses if a.startswith(("http:", "https:", "//"))]
    return {"external": external, "local": [a for a in collector.addresses if a not in external]}


def fetch(client, which):
    page_types = {model.__name__: builder for model, builder in PAGE_BUILDERS.items()}
    url = page_types[which]().url if which in page_types else which
    response = client.get(url)
    assert response.status_code == (404 if "khong-co-trang-nay" in url else 200)
    return response


@pytest.fixture
def public_data(site_settings):
    AudienceFactory(slug="hoc-sinh")
    DistrictFactory(code="731")


@pytest.mark.django_db
@pytest.mark.usefixtures("public_data")
@pytest.mark.parametrize(
    "which", [model.__name__ for model in PAGE_BUILDERS] + PUBLIC_NON_PAGE_URLS
)
class TestEveryPublicPage:
    """One request per page type, every rule of the frame checked on it."""

    def test_carries_the_public_frame(self, client, site_settings, settings, which):
        response = fetch(client, which)
        html = response.content.decode()

        # The hotline, in the bar at the top of the page.
        bar = html.split('class="safety-bar"', 1)[1].split("</div>", 1)[0]
        assert 'href="tel:111"' in bar and "Tổng đài quốc gia" in bar

        # A skip link to the main content, first in the page.
        assert '<a class="skip-link" href="#main-content">' in html
        assert html.index("skip-link") < html.index('main-content" tabindex')

        # The quick-exit control and the page that explains browsing safely.
        assert f'href="{settings.QUICK_EXIT_URL}" rel="noreferrer" data-quick-exit' in html
        assert "Thoát nhanh" in html and "/static/js/quick-exit.js" in html
        assert f'href="{reverse("browse_safely")}"' in html

        # Contact details in the footer.
        footer = html.split("<footer", 1)[1]
        assert site_settings.organisation_name in footer and site_settings.contact_address in footer
        assert "tel:111" in footer

        # One description for search engines and link previews, whatever the page type.
        descriptions = re.findall(r'<meta name="description" content="([^"]*)">', html)
        assert len(descriptions) == 1 and descriptions[0].strip(), descriptions

        # The site's icons, from the site itself.
        for icon in ("favicon.svg", "favicon-32.png", "apple-touch-icon.png"):
            assert f'href="/static/icons/{icon}"' in html

        # Nothing from other sites, no cookies, Vietnamese by default.
        assert loaded_resources(html) == {"external": [], "local": ANY}
        assert not response.cookies
        assert '<html lang="vi">' in html and response["Content-Language"] == "vi"


@pytest.mark.django_db
class TestMetaDescription:
    def description(self, client, url):
        html = client.get(url).content.decode()
        return re.search(r'<meta name="description" content="([^"]*)">', html).group(1)

    def test_what_the_editor_wrote_for_search_engines_comes_first(self, client, news_index):
        news_index.introduction = "Tin mới về phòng, chống mua bán người."
        news_index.search_description = "Mô tả cho công cụ tìm kiếm."
        news_index.save_revision().publish()
        assert self.description(client, news_index.url) == "Mô tả cho công cụ tìm kiếm."

    def test_else_the_introduction_or_the_standfirst(self, client, news_index):
        news_index.introduction = "Tin mới về phòng, chống mua bán người."
        news_index.save_revision().publish()
        assert self.description(client, news_index.url) == news_index.introduction
        article = ArticlePageFactory(parent=news_index, standfirst="Ba dấu hiệu cần cảnh giác.")
        assert self.description(client, article.url) == "Ba dấu hiệu cần cảnh giác."

    def test_else_a_sentence_about_the_site_in_the_readers_language(
        self, client, home_page, english_home
    ):
        assert self.description(client, "/").startswith("Cách nhận biết mua bán người")
        assert self.description(client, "/en/").startswith("How to spot human trafficking")


def test_the_icons_are_small_and_the_right_size():
    icons = Path(__file__).resolve().parents[2] / "static" / "icons"
    for name, side in (("favicon-32.png", 32), ("apple-touch-icon.png", 180)):
        with Image.open(icons / name) as image:
            assert image.size == (side, side)
        assert (icons / name).stat().st_size < 8_000
    assert (icons / "favicon.svg").read_text().startswith("<svg")


@pytest.mark.django_db
def test_english_edition_has_the_same_frame_in_english(client, site_settings):
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    assert "Quick exit" in html
    assert 'href="tel:111"' in html


@pytest.mark.django_db
def test_unknown_page_answers_404_with_the_hotline(client, site_settings):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "tel:111" in response.content.decode()


@pytest.mark.django_db
def test_home_page_query_count_is_small(client, site_settings, django_assert_max_num_queries):
    client.get("/")  # warm the shared cache (site, settings, menu), as a running server would be
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_browse_safely_page_explains_clearing_history(client, site_settings):
    html = client.get(reverse("browse_safely")).content.decode()
    assert "<h1>Duyệt web an toàn</h1>" in html
    assert "lịch sử" in html


@pytest.mark.django_db
def test_home_page_is_the_site_root():
    assert Page.objects.get(depth=2).specific_class is HomePage
