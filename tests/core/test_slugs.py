"""Page addresses in plain letters, and old addresses with Vietnamese letters that keep working."""

import importlib
import json
import re
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from django.apps import apps
from django.test import override_settings

from wagtail.contrib.redirects.models import Redirect

from core.slugs import ascii_slug, slug_formatters
from news.models import ArticlePage
from tests.factories import ArticlePageFactory, NewsIndexPageFactory, translate_page

ascii_slugs = importlib.import_module("core.migrations.0005_ascii_slugs").ascii_slugs


@pytest.mark.django_db
class TestNewPages:
    def test_a_page_without_a_slug_gets_one_from_its_title_in_plain_letters(self, news_index):
        page = ArticlePageFactory(parent=news_index, title="Đường dây lừa đảo qua mạng", slug="")
        assert page.slug == "duong-day-lua-dao-qua-mang"
        assert page.url == "/tin-tuc/duong-day-lua-dao-qua-mang/"

    def test_a_slug_typed_with_vietnamese_letters_is_saved_in_plain_letters(self, news_index):
        page = ArticlePageFactory(parent=news_index, slug="cảnh-giác-việc-nhẹ-lương-cao")
        assert page.slug == "canh-giac-viec-nhe-luong-cao"

    def test_a_second_page_with_the_same_title_gets_its_own_slug(self, news_index):
        first = ArticlePageFactory(parent=news_index, title="Gọi 111", slug="")
        second = ArticlePageFactory(parent=news_index, title="Gọi 111", slug="")
        assert (first.slug, second.slug) == ("goi-111", "goi-111-2")

    def test_the_editors_slug_field_folds_vietnamese_letters_as_they_type(
        self, client, editor, news_index
    ):
        client.force_login(editor)
        html = client.get(f"/admin/pages/add/news/articlepage/{news_index.pk}/").content.decode()
        field = re.search(r'<input[^>]*name="slug"[^>]*>', html).group()
        assert "allow-unicode-value" not in field  # Wagtail's slug field's default: off
        formatters = json.loads(
            re.search(r'data-w-slug-formatters-value="([^"]*)"', field)
            .group(1)
            .replace("&quot;", '"')
        )
        assert [["[Đđ]", "gu"], "d"] in formatters


@given(st.text(alphabet="aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐ\u0300\u0301\u0303\u0309\u0323 -"))
def test_the_admins_table_folds_every_letter_as_the_server_does(title):
    """What the slug field's formatters leave is what anyascii makes of the title."""
    folded = title
    for pattern, plain in slug_formatters():
        folded = re.sub(pattern, plain, folded)
    assert folded.isascii()
    assert ascii_slug(folded) == ascii_slug(title)


@pytest.fixture
def unicode_pages(home_page, english_home):
    """Pages saved while Wagtail still allowed Vietnamese letters in slugs, with a draft."""
    with override_settings(WAGTAIL_ALLOW_UNICODE_SLUGS=True):
        news = NewsIndexPageFactory(parent=home_page, title="Tin tức", slug="tin-tức")
        taken = ArticlePageFactory(parent=news, title="Cũ", slug="lua-dao")
        article = ArticlePageFactory(parent=news, title="Lừa đảo", slug="lừa-đảo")
        article.save_revision()  # a draft, still with the old slug
        english_news = translate_page(news, slug="tin-tức-en", title="News")
    return news, taken, article, english_news


@pytest.mark.django_db
class TestOldAddresses:
    def test_pages_get_plain_slugs_and_the_pages_below_move_with_them(self, unicode_pages):
        news, taken, article, english_news = unicode_pages
        ascii_slugs(apps, None)
        for page in (news, taken, article, english_news):
            page.refresh_from_db()
        assert news.slug == "tin-tuc" and news.url_path.endswith("/tin-tuc/")
        assert article.slug == "lua-dao-2"  # "lua-dao" was taken by its sibling
        assert article.url == "/tin-tuc/lua-dao-2/"
        assert taken.url == "/tin-tuc/lua-dao/"
        assert english_news.url == "/en/tin-tuc-en/"

    def test_old_addresses_redirect_permanently_to_the_new_ones(self, client, unicode_pages):
        redirects = Redirect.objects.count()
        ascii_slugs(apps, None)
        for old, new in [
            ("/tin-tức/lừa-đảo/", "/tin-tuc/lua-dao-2/"),
            ("/tin-tức/", "/tin-tuc/"),
            ("/tin-tức/lua-dao/", "/tin-tuc/lua-dao/"),
            ("/en/tin-tức-en/", "/en/tin-tuc-en/"),
        ]:
            response = client.get(quote(old))  # as a browser sends a shared link
            assert response.status_code == 301, old
            assert response["Location"] == new
            assert client.get(new).status_code == 200
        assert Redirect.objects.count() == redirects + 4

    def test_publishing_the_draft_keeps_the_new_slug(self, unicode_pages):
        _, _, article, _ = unicode_pages
        ascii_slugs(apps, None)
        article = ArticlePage.objects.get(pk=article.pk)
        article.get_latest_revision().publish()
        article.refresh_from_db()
        assert article.slug == "lua-dao-2"

    def test_running_it_again_changes_nothing(self, unicode_pages):
        ascii_slugs(apps, None)
        redirects = Redirect.objects.count()
        ascii_slugs(apps, None)
        assert Redirect.objects.count() == redirects
