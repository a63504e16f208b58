"""What a reader sees on each page type, and the rules editors meet when they write one."""

import json
import re
from urllib.parse import quote

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from news.models import (
    ArticlePage,
    HelpPage,
    Keyword,
    LeafletPage,
    MaterialsIndexPage,
    NewsIndexPage,
    PosterPage,
    ProgrammeContact,
)
from tests.factories import (
    ArticlePageFactory,
    AudienceFactory,
    ImageFactory,
    LeafletPageFactory,
    MaterialsIndexPageFactory,
    NewsIndexPageFactory,
    PosterPageFactory,
)


class PageTreeRules(WagtailPageTestCase):
    def test_where_each_page_type_may_go(self):
        self.assertAllowedParentPageTypes(ArticlePage, {NewsIndexPage})
        self.assertAllowedParentPageTypes(PosterPage, {MaterialsIndexPage})
        self.assertAllowedParentPageTypes(LeafletPage, {MaterialsIndexPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {ArticlePage})
        self.assertAllowedSubpageTypes(MaterialsIndexPage, {PosterPage, LeafletPage})
        for index in (NewsIndexPage, MaterialsIndexPage, HelpPage):
            self.assertCanCreateAt(HomePage, index)
        self.assertCanNotCreateAt(Page, ArticlePage)

    def test_every_page_type_renders(self):
        home = HomePage.objects.get()
        news_index = NewsIndexPageFactory(parent=home)
        materials = MaterialsIndexPageFactory(parent=home)
        for page in [
            news_index,
            materials,
            ArticlePageFactory(parent=news_index),
            PosterPageFactory(parent=materials),
            LeafletPageFactory(parent=materials),
        ]:
            self.assertPageIsRenderable(page)


@pytest.mark.django_db
class TestEditorRules:
    def test_an_image_needs_alternative_text(self, news_index):
        article = ArticlePageFactory.build(image=ImageFactory(), image_alt="  ")
        with pytest.raises(ValidationError) as error:
            article.full_clean()
        assert "image_alt" in error.value.message_dict

    def test_a_poster_needs_its_image(self, materials_index):
        poster = PosterPageFactory.build(image=None)
        with pytest.raises(ValidationError) as error:
            poster.full_clean()
        assert "image" in error.value.message_dict

    def test_keywords_get_slugs_without_diacritics(self, news_index):
        ArticlePageFactory(parent=news_index, keywords=["Lừa đảo", "Đường dây nóng"])
        assert set(Keyword.objects.values_list("slug", flat=True)) == {"lua-dao", "duong-day-nong"}


@pytest.mark.django_db
class TestArticlePage:
    @pytest.fixture
    def article(self, news_index, district, site_settings):
        students = AudienceFactory(name="Học sinh", slug="hoc-sinh")
        return ArticlePageFactory(
            parent=news_index,
            title="Cảnh giác lời mời việc làm",
            byline="Ban Chủ nhiệm mô hình",
            audiences=[students],
            districts=[district],
            keywords=["lừa đảo"],
            image=ImageFactory(),
            image_alt="Một người đang đọc tin tuyển dụng",
            body=json.dumps(
                [
                    {"type": "paragraph", "value": "<p>Đoạn văn.</p>"},
                    {
                        "type": "warning_signs",
                        "value": {"heading": "Dấu hiệu", "signs": ["Giữ giấy tờ"]},
                    },
                    {"type": "hotline", "value": {"text": ""}},
                ]
            ),
        )

    def test_shows_date_byline_and_taxonomy_links(self, client, article):
        html = client.get(article.url).content.decode()
        assert "Ban Chủ nhiệm mô hình" in html
        assert f'href="{article.get_parent().url}?keyword=lua-dao"' in html
        assert reverse("audience", args=["hoc-sinh"]) in html
        assert reverse("area", args=["731"]) in html
        assert "Giữ giấy tờ" in html

    def test_images_are_responsive_renditions_never_the_original(self, client, article):
        html = client.get(article.url).content.decode()
        assert "<picture>" in html and 'type="image/webp"' in html and "srcset=" in html
        assert article.image.file.url not in html
        assert 'alt="Một người đang đọc tin tuyển dụng"' in html

    def test_link_previews_and_structured_data(self, client, article):
        html = client.get(article.url).content.decode()
        assert f'<link rel="canonical" href="{article.full_url}">' in html
        assert '<meta property="og:title" content="Cảnh giác lời mời việc làm">' in html
        assert 'property="og:image"' in html
        data = json.loads(
            re.search(
                r"<script type=\"application/ld\+json\"[^>]*>(.*?)</script>", html, re.S
            ).group(1)
        )
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == "Cảnh giác lời mời việc làm"

    def test_share_links_are_plain_links_with_no_third_party_script(self, client, article):
        html = client.get(article.url).content.decode()
        address = quote(article.full_url, safe="")
        assert f'href="https://sp.zalo.me/share_inline?url={address}"' in html
        assert f'href="https://www.facebook.com/sharer/sharer.php?u={address}"' in html
        assert f'value="{article.full_url}" readonly data-share-url' in html
        assert "data-share-native hidden" in html  # shown by share.js where the phone has one
        assert "connect.facebook.net" not in html and "plugins/sdk.js" not in html
        assert not re.search(r"<script[^>]*src=\"(https?:)?//", html)

    @pytest.mark.parametrize("factory", [PosterPageFactory, LeafletPageFactory])
    def test_posters_and_leaflets_can_be_shared_too(self, client, materials_index, factory):
        html = client.get(factory(parent=materials_index).url).content.decode()
        assert "https://sp.zalo.me/share_inline?url=" in html and "data-share-url" in html

    def test_related_content_shares_a_keyword_or_audience(self, client, article, news_index):
        related = ArticlePageFactory(parent=news_index, title="Cùng từ khóa", keywords=["lừa đảo"])
        ArticlePageFactory(parent=news_index, title="Không liên quan")
        response = client.get(article.url)
        assert [page.title for page in response.context["related"]] == [related.title]

    def test_a_newly_published_related_item_shows_on_an_article_already_seen(
        self, client, article, news_index
    ):
        client.get(article.url)  # its tags and related items are now kept
        related = ArticlePageFactory(
            parent=news_index, title="Mới cùng từ khóa", keywords=["lừa đảo"]
        )
        related.save_revision().publish()
        html = client.get(article.url).content.decode()
        assert "Mới cùng từ khóa" in html

    def test_query_budget(self, client, article, django_assert_max_num_queries):
        client.get(article.url)
        # Finding the page (2) and Wagtail's check of its view restrictions (2): its tags, share
        # links and related items are kept until a change.
        with django_assert_max_num_queries(4):
            client.get(article.url)


@pytest.mark.django_db
class TestLeafletPage:
    def test_shows_the_text_and_the_pdf_size_before_download(self, client, materials_index):
        leaflet = LeafletPageFactory(
            parent=materials_index,
            body=json.dumps(
                [{"type": "paragraph", "value": "<p>Nội dung tờ rơi để đọc ngay.</p>"}]
            ),
        )
        html = client.get(leaflet.url).content.decode()
        assert "Nội dung tờ rơi để đọc ngay." in html
        assert ("PDF, " in html and "bytes" in html) or "byte" in html


@pytest.mark.django_db
class TestHelpAndDistricts:
    def test_help_page_lists_every_district_contact(
        self, client, help_page, district, other_district, site_settings
    ):
        ProgrammeContact.objects.create(
            unit=district, office="Ban Chủ nhiệm Biên Hòa", address="Số 1", phone="0251 1"
        )
        ProgrammeContact.objects.create(
            unit=other_district, office="Ban Chủ nhiệm Xuân Lộc", address="Số 2", phone="0251 2"
        )
        html = client.get(help_page.url).content.decode()
        assert "Ban Chủ nhiệm Biên Hòa" in html and "Ban Chủ nhiệm Xuân Lộc" in html
        assert 'href="tel:111"' in html

    def test_a_district_page_shows_its_contact_and_its_content(
        self, client, news_index, district, site_settings
    ):
        ProgrammeContact.objects.create(
            unit=district, office="Ban Chủ nhiệm Biên Hòa", address="Số 1", phone="0251 1"
        )
        ArticlePageFactory(parent=news_index, title="Tin Biên Hòa", districts=[district])
        html = client.get(reverse("area", args=["731"])).content.decode()
        assert "Ban Chủ nhiệm Biên Hòa" in html and "Tin Biên Hòa" in html

    def test_an_unknown_district_or_audience_answers_404(self, client, db):
        assert client.get(reverse("area", args=["999"])).status_code == 404
        assert client.get(reverse("audience", args=["khong-co"])).status_code == 404
