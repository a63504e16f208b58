"""Posters and leaflets download as attachments, counted on the server without cookies."""

import pytest

from django.urls import reverse

from news.models import DownloadCount
from tests.factories import DocumentFactory, LeafletPageFactory, PosterPageFactory


def download(client, page, kind):
    return client.get(reverse("download", args=[page.pk, kind]))


@pytest.mark.django_db
class TestDownloads:
    def test_a_leaflet_pdf_downloads_as_an_attachment_that_never_runs(
        self, client, materials_index
    ):
        leaflet = LeafletPageFactory(parent=materials_index, slug="cam-nang")
        response = download(client, leaflet, "pdf")
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="cam-nang.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        assert not response.cookies

    def test_each_download_is_counted(self, client, materials_index):
        poster = PosterPageFactory(parent=materials_index, print_file=DocumentFactory())
        for _ in range(3):
            download(client, poster, "original")
        download(client, poster, "print")
        counts = dict(DownloadCount.objects.filter(page=poster).values_list("file", "count"))
        assert counts == {"original": 3, "print": 1}

    def test_a_file_the_page_does_not_have_answers_404(self, client, materials_index):
        poster = PosterPageFactory(parent=materials_index)
        assert download(client, poster, "print").status_code == 404
        assert download(client, poster, "pdf").status_code == 404
        assert client.get(f"/download/{poster.pk}/..%2F..%2Fetc%2Fpasswd/").status_code == 404
        assert not DownloadCount.objects.exists()

    def test_an_unpublished_material_cannot_be_downloaded(self, client, materials_index):
        poster = PosterPageFactory(parent=materials_index, live=False)
        assert download(client, poster, "original").status_code == 404

    def test_staff_see_the_counts_in_the_admin(self, client, materials_index, editor):
        poster = PosterPageFactory(parent=materials_index, title="Gọi 111")
        download(client, poster, "original")
        client.force_login(editor)
        response = client.get(reverse("wagtailsnippets_news_downloadcount:list"))
        assert response.status_code == 200
        assert "Gọi 111" in response.content.decode()

    def test_the_poster_page_shows_the_file_size_before_download(self, client, materials_index):
        poster = PosterPageFactory(parent=materials_index)
        html = client.get(poster.url).content.decode()
        assert reverse("download", args=[poster.pk, "original"]) in html
        assert "px)" in html
