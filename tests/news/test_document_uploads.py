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

    @pytest.mark.parametrize(
        "before",
        [b"\xef\xbb\xbf", b" ", b"\n", b"\xef\xbb\xbf\r\n\t "],
        ids=["bom", "space", "newline", "bom-and-whitespace"],
    )
    def test_a_pdf_with_a_bom_or_blank_space_first_is_refused_saying_so(
        self, client, editor, before
    ):
        response = upload(client, editor, "to-roi.pdf", before + PDF_BYTES)
        assert response.status_code == 200
        (message,) = response.context["form"].errors["file"]
        assert message.startswith("Tệp PDF này có dấu thứ tự byte (BOM) hoặc khoảng trắng")
        assert get_document_model().objects.count() == 0

    @pytest.mark.parametrize(
        "content",
        [
            b"<html><body>" + PDF_BYTES,
            b"\x00" + PDF_BYTES,
            b"%PDF\n1 0 obj<<>>endobj",
            b"%pdf-1.4\n1 0 obj<<>>endobj",
            b"PDF-1.4\n1 0 obj<<>>endobj",
            b"%PD",
        ],
        ids=["html-first", "nul-first", "no-dash", "lower-case", "no-percent", "cut-short"],
    )
    def test_anything_else_before_or_instead_of_the_header_is_not_a_pdf(
        self, client, editor, content
    ):
        response = upload(client, editor, "to-roi.pdf", content)
        assert response.status_code == 200
        (message,) = response.context["form"].errors["file"]
        assert message.startswith("Tệp này không phải PDF")
        assert get_document_model().objects.count() == 0

    def test_the_multiple_upload_says_why_in_vietnamese(self, client, editor):
        client.force_login(editor)
        response = client.post(
            reverse("wagtaildocs:add_multiple"),
            {"files[]": SimpleUploadedFile("to-roi.pdf", b"\xef\xbb\xbf" + PDF_BYTES)},
        )
        assert response.json()["success"] is False
        assert "khoảng trắng đứng trước dòng đầu tiên" in response.json()["error_message"]
        assert get_document_model().objects.count() == 0

    def test_other_extensions_are_refused(self, client, editor):
        response = upload(client, editor, "to-roi.html", b"<html></html>")
        assert response.status_code == 200
        assert get_document_model().objects.count() == 0
        response = upload(client, editor, "to-roi.txt", PDF_BYTES)
        assert response.context["form"].errors["file"] == [
            "Không chấp nhận tệp có phần mở rộng “txt”. Các phần mở rộng được phép: pdf."
        ]
        assert get_document_model().objects.count() == 0

    def test_an_oversized_pdf_is_refused(self, client, editor, settings):
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
        response = upload(client, editor, "to-roi.pdf", PDF_BYTES + b" " * 200)
        assert response.status_code == 200
        assert "error-message" in response.content.decode()
        assert get_document_model().objects.count() == 0
