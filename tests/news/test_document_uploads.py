"""Only real PDFs become documents: a renamed HTML or SVG file is refused and nothing is saved."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model

from tests.factories import PDF_BYTES


def upload(client, user, name, content):
    client.force_login(user)
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Tờ rơi", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


@pytest.mark.django_db
class TestLeafletUploads:
    def test_a_real_pdf_is_accepted(self, client, editor):
        response = upload(client, editor, "to-roi.pdf", PDF_BYTES)
        assert response.status_code == 302
        assert get_document_model().objects.count() == 1

    @pytest.mark.parametrize(
        "content",
        [
            b"<!DOCTYPE html><html><script>alert(1)</script>%PDF-1.4</html>",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            b"MZ\x90\x00 not a pdf at all",
        ],
    )
    def test_a_file_renamed_pdf_is_refused_with_a_clear_message(self, client, editor, content):
        response = upload(client, editor, "to-roi.pdf", content)
        assert response.status_code == 200
        assert "không phải PDF" in response.content.decode()
        assert get_document_model().objects.count() == 0

    def test_other_extensions_are_refused(self, client, editor):
        response = upload(client, editor, "to-roi.html", b"<html></html>")
        assert response.status_code == 200
        assert get_document_model().objects.count() == 0

    def test_an_oversized_pdf_is_refused(self, client, editor, settings):
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
        response = upload(client, editor, "to-roi.pdf", PDF_BYTES + b" " * 200)
        assert response.status_code == 200
        assert "error-message" in response.content.decode()
        assert get_document_model().objects.count() == 0
