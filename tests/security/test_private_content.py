"""Private content stays private: the documents and pictures of a page behind a view restriction
are not served to a reader who has not passed it, and restricted pages are linked from no public
page, list, search, feed or sitemap (core/private_content.py)."""

import importlib
import json
import re

import pytest

from django.urls import clear_url_caches, reverse

from wagtail.models import PageViewRestriction, ReferenceIndex

import config.urls
from tests.factories import (
    ArticlePageFactory,
    AudienceFactory,
    DocumentFactory,
    ImageFactory,
    LeafletPageFactory,
    PosterPageFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-tap-huan"


def index(*objects):
    # Wagtail fills its reference index after the transaction commits, which a test never does.
    for obj in objects:
        ReferenceIndex.create_or_update_for_object(obj)


def restrict(page, kind=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=PASSWORD if kind == "password" else ""
    )


def give_password(client, restriction, page):
    response = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]),
        {"password": PASSWORD, "return_url": page.url},
    )
    assert response.status_code == 302


@pytest.fixture
def development_urls(settings):
    """DEBUG on, so that Django serves /media/images/ as the proxy does in production."""
    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def private_leaflet(materials_index, site_settings):
    leaflet = LeafletPageFactory(parent=materials_index, title="Tài liệu tập huấn nội bộ")
    index(leaflet)
    return leaflet, restrict(leaflet)


@pytest.mark.usefixtures("on_disk")
class TestDocuments:
    def test_a_restricted_pages_pdf_is_404_until_the_password_is_given(
        self, client, private_leaflet
    ):
        leaflet, restriction = private_leaflet
        download = reverse("download", args=[leaflet.pk, "pdf"])
        assert client.get(leaflet.document.url).status_code == 404
        assert client.get(download).status_code == 404
        give_password(client, restriction, leaflet)
        served = client.get(leaflet.document.url)
        assert served.status_code == 200
        assert b"".join(served.streaming_content).startswith(b"%PDF-")
        assert client.get(download).status_code == 200

    def test_a_sign_in_restriction_serves_any_signed_in_reader(
        self, client, materials_index, site_settings, district_staff
    ):
        leaflet = LeafletPageFactory(parent=materials_index)
        index(leaflet)
        restrict(leaflet, PageViewRestriction.LOGIN)
        assert client.get(leaflet.document.url).status_code == 404
        client.force_login(district_staff)
        assert client.get(leaflet.document.url).status_code == 200

    def test_a_restriction_on_a_parent_covers_its_pages_files(
        self, client, materials_index, site_settings
    ):
        leaflet = LeafletPageFactory(parent=materials_index)
        index(leaflet)
        restrict(materials_index, PageViewRestriction.LOGIN)
        assert client.get(leaflet.document.url).status_code == 404

    def test_a_document_also_used_by_a_public_page_stays_public(
        self, client, private_leaflet, materials_index
    ):
        leaflet, _ = private_leaflet
        public = LeafletPageFactory(parent=materials_index, document=leaflet.document)
        index(public)
        assert client.get(leaflet.document.url).status_code == 200
        # The public page's own download works; the restricted page's does not.
        assert client.get(reverse("download", args=[public.pk, "pdf"])).status_code == 200
        assert client.get(reverse("download", args=[leaflet.pk, "pdf"])).status_code == 404

    def test_a_document_no_page_uses_stays_public(self, client):
        assert client.get(DocumentFactory().url).status_code == 200

    def test_a_document_linked_in_a_restricted_articles_text_is_private(
        self, client, news_index, site_settings
    ):
        document = DocumentFactory()
        link = f'<p><a linktype="document" id="{document.pk}">Tờ rơi</a></p>'
        article = ArticlePageFactory(
            parent=news_index, body=json.dumps([{"type": "paragraph", "value": link}])
        )
        index(article)
        restriction = restrict(article)
        assert client.get(document.url).status_code == 404
        give_password(client, restriction, article)
        assert client.get(document.url).status_code == 200

    def test_staff_who_manage_documents_still_get_them(self, client, private_leaflet, editor):
        leaflet, _ = private_leaflet
        client.force_login(editor)
        assert client.get(leaflet.document.url).status_code == 200


@pytest.mark.usefixtures("on_disk", "development_urls")
class TestPictures:
    def test_a_restricted_articles_picture_cannot_be_found_without_the_password(
        self, client, news_index, site_settings
    ):
        image = ImageFactory(file__filename="nan-nhan.jpg")
        article = ArticlePageFactory(
            parent=news_index, image=image, image_alt="Buổi tập huấn", title="Ảnh nội bộ"
        )
        restriction = restrict(article)

        anonymous = client.get(article.url).content.decode()
        assert "/media/images/" not in anonymous
        # The rendition's plain name, as Wagtail would choose it, does not exist.
        rendition = image.get_rendition("fill-640x360")
        assert re.fullmatch(r"images/[0-9a-f]{32}/nan-nhan\.[\w.-]+", rendition.file.name)
        plain = "/media/images/" + rendition.file.name.rsplit("/", 1)[1]
        assert client.get(plain).status_code == 404

        give_password(client, restriction, article)
        shown = client.get(article.url).content.decode()
        urls = set(re.findall(r"/media/images/[0-9a-f]{32}/nan-nhan\.[^\"' ]+", shown))
        assert urls
        for url in urls:
            assert client.get(url).status_code == 200

    def test_a_posters_original_is_404_until_the_password_is_given(
        self, client, materials_index, site_settings
    ):
        poster = PosterPageFactory(parent=materials_index)
        restriction = restrict(poster)
        original = reverse("download", args=[poster.pk, "original"])
        assert client.get(original).status_code == 404
        give_password(client, restriction, poster)
        assert client.get(original).status_code == 200


class TestNotListed:
    TITLE = "Bài dành cho cán bộ"

    @pytest.fixture
    def pages(self, home_page, news_index, materials_index, site_settings, district):
        news_index.show_in_menus = True
        news_index.save()
        students = AudienceFactory(slug="hoc-sinh")
        public = ArticlePageFactory(
            parent=news_index, title="Bài công khai", audiences=[students], districts=[district]
        )
        private = ArticlePageFactory(
            parent=news_index, title=self.TITLE, audiences=[students], districts=[district]
        )
        restrict(private)
        # A restricted section in the menu, and a public article linking a restricted leaflet.
        section = ArticlePageFactory(parent=home_page, title="Mục nội bộ", show_in_menus=True)
        restrict(section, PageViewRestriction.LOGIN)
        leaflet = LeafletPageFactory(parent=materials_index, title="Tờ rơi nội bộ")
        restrict(leaflet)
        linking = ArticlePageFactory(
            parent=news_index,
            title="Bài có liên kết",
            body=json.dumps(
                [{"type": "material", "value": {"material": leaflet.pk, "text": "Tờ rơi nội bộ"}}]
            ),
        )
        return {"public": public, "linking": linking, "district": district}

    def test_absent_from_every_public_list(self, client, pages):
        addresses = [
            "/",
            "/tin-tuc/",
            "/tai-lieu/",
            pages["public"].url,
            pages["linking"].url,
            reverse("audience", args=["hoc-sinh"]),
            reverse("area", args=[pages["district"].code]),
            reverse("search") + "?q=c%C3%A1n+b%E1%BB%99",
            reverse("search") + "?q=n%E1%BB%99i+b%E1%BB%99",
            reverse("articles_rss"),
            reverse("articles_atom"),
            reverse("sitemap"),
        ]
        for address in addresses:
            response = client.get(address)
            assert response.status_code == 200, address
            text = b"".join(getattr(response, "streaming_content", [response.content])).decode()
            assert self.TITLE not in text, address
            assert "Mục nội bộ" not in text, address
            assert "Tờ rơi nội bộ" not in text, address
        assert "Bài công khai" in client.get("/tin-tuc/").content.decode()

    def test_a_rich_text_link_to_a_restricted_page_keeps_its_words_but_no_address(
        self, client, news_index, site_settings
    ):
        private = ArticlePageFactory(parent=news_index, title="Hướng dẫn nội bộ", slug="noi-bo")
        shared = ArticlePageFactory(parent=news_index, title="Bài công khai", slug="cong-khai")

        def paragraph(*pages):
            links = "".join(f'<a linktype="page" id="{p.pk}">đọc {p.slug}</a> ' for p in pages)
            return json.dumps([{"type": "paragraph", "value": f"<p>{links}</p>"}])

        linking = ArticlePageFactory(parent=news_index, body=paragraph(private, shared))
        html = client.get(linking.url).content.decode()
        assert f'<a href="{private.url}">đọc noi-bo</a>' in html
        restrict(private)
        html = client.get(linking.url).content.decode()
        assert "<a>đọc noi-bo</a>" in html and private.url not in html
        assert f'<a href="{shared.url}">đọc cong-khai</a>' in html
