"""Uploads: PDFs and JPEG/PNG/WebP only, judged by content; size and pixel limits; documents
served as attachments that never run; district staff upload nothing."""

import io
import json
import struct
import zlib

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.users.models import UserProfile

from tests.factories import PDF_BYTES, DocumentFactory

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
HTML_WITH_PDF_MARKER = b"<html><!-- %PDF-1.4 --><script>alert(1)</script></html>"


def image_bytes(fmt, size=(20, 20)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "red").save(buffer, fmt)
    return buffer.getvalue()


def huge_png(width=20_000, height=20_000):
    """A real black-and-white PNG of width by height pixels, a few tens of kilobytes: more than
    twice the pixels Pillow agrees to open (about 179 million)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    line = b"\0" * (1 + (width + 7) // 8)  # filter byte, then one bit per pixel
    pack = zlib.compressobj(9)
    pixels = b"".join(pack.compress(line) for _ in range(height)) + pack.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("qt", "qt@example.vn", "x"))
    return client


def add_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {"title": "Tờ rơi", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def add_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {"title": "Ảnh", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


class TestDocuments:
    def test_a_real_pdf_is_accepted(self, admin_client):
        assert add_document(admin_client, "to-roi.pdf", PDF_BYTES).status_code == 302
        assert get_document_model().objects.count() == 1

    @pytest.mark.parametrize(
        "content", [HTML, SVG, HTML_WITH_PDF_MARKER], ids=["html", "svg", "html-with-marker"]
    )
    def test_anything_else_renamed_pdf_is_refused_and_nothing_saved(self, admin_client, content):
        response = add_document(admin_client, "to-roi.pdf", content)
        assert response.status_code == 200
        errors = response.context["form"].errors["file"]
        assert (
            errors
            == [
                "This file is not a PDF, whatever its name says. Export the leaflet as PDF and upload that."
            ]
            or "PDF" in errors[0]
        )
        assert get_document_model().objects.count() == 0

    def test_multiple_upload_refuses_html_renamed_pdf(self, admin_client):
        response = admin_client.post(
            "/admin/documents/multiple/add/",
            {"files[]": SimpleUploadedFile("to-roi.pdf", HTML)},
        )
        assert response.json()["success"] is False
        assert get_document_model().objects.count() == 0

    def test_other_extensions_are_refused(self, admin_client):
        add_document(admin_client, "trang.html", HTML)
        add_document(admin_client, "hinh.svg", SVG)
        assert get_document_model().objects.count() == 0

    def test_served_as_an_attachment_that_never_runs(self, client, settings, tmp_path):
        # On disk, as in production (the test settings keep files in memory, with no path).
        settings.MEDIA_ROOT = tmp_path
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "core.storage.FileSystemStorage"},
        }
        document = DocumentFactory()
        response = client.get(document.url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")

    def test_document_links_go_through_the_serve_view_not_media(self):
        assert DocumentFactory().url.startswith("/documents/")


class TestImages:
    @pytest.mark.parametrize("fmt,name", [("JPEG", "a.jpg"), ("PNG", "a.png"), ("WEBP", "a.webp")])
    def test_jpeg_png_webp_accepted(self, admin_client, fmt, name):
        assert add_image(admin_client, name, image_bytes(fmt)).status_code == 302
        assert get_image_model().objects.count() == 1

    @pytest.mark.parametrize(
        "name,content",
        [
            ("anh.svg", SVG),
            ("anh.png", SVG),
            ("anh.jpg", HTML),
            ("anh.gif", image_bytes("GIF")),
            ("anh.png", image_bytes("GIF")),
            ("anh.jpg", image_bytes("BMP")),
        ],
        ids=["svg", "svg-as-png", "html-as-jpg", "gif", "gif-as-png", "bmp-as-jpg"],
    )
    def test_anything_else_refused_and_nothing_saved(self, admin_client, name, content):
        response = add_image(admin_client, name, content)
        assert response.status_code == 200
        assert response.context["form"].errors["file"]
        assert get_image_model().objects.count() == 0

    def test_limits_are_set(self):
        assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
        assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
        assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024

    def test_too_many_pixels_refused(self, admin_client, settings):
        settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
        response = add_image(admin_client, "lon.png", image_bytes("PNG", (101, 100)))
        assert response.context["form"].errors["file"] == [
            "Tệp này có quá nhiều điểm ảnh (10100). Tối đa 10000 điểm ảnh."
        ]
        assert get_image_model().objects.count() == 0

    TOO_MANY_PIXELS = "Ảnh này có quá nhiều điểm ảnh: tối đa 40.000.000 điểm ảnh. Hãy thu nhỏ ảnh rồi tải lên lại."

    def test_a_picture_past_pillows_own_limit_is_refused_in_words(self, admin_client):
        """20000 by 20000 pixels in a few kB: Pillow refuses to open it before Wagtail counts."""
        response = add_image(admin_client, "bom.png", huge_png())
        assert response.status_code == 200
        assert response.context["form"].errors["file"] == [self.TOO_MANY_PIXELS]
        assert self.TOO_MANY_PIXELS in response.content.decode()
        assert get_image_model().objects.count() == 0

    def test_the_multiple_uploader_and_the_chooser_refuse_it_too(self, admin_client):
        multiple = admin_client.post(
            "/admin/images/multiple/add/",
            {"files[]": SimpleUploadedFile("bom.png", huge_png()), "collection": 1},
        )
        assert multiple.status_code == 200
        assert multiple.json()["success"] is False
        assert self.TOO_MANY_PIXELS in multiple.json()["error_message"]
        chooser = admin_client.post(
            "/admin/images/chooser/create/",
            {
                "image-chooser-upload-title": "Bom",
                "image-chooser-upload-file": SimpleUploadedFile("bom.png", huge_png()),
                "image-chooser-upload-collection": 1,
            },
        )
        assert chooser.status_code == 200
        assert self.TOO_MANY_PIXELS in json.dumps(chooser.json(), ensure_ascii=False)
        assert get_image_model().objects.count() == 0

    def test_too_large_a_file_refused(self, admin_client, settings):
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
        response = add_image(admin_client, "to.png", image_bytes("PNG", (400, 400)) + b"\0" * 2000)
        assert response.context["form"].errors["file"]
        assert get_image_model().objects.count() == 0

    def test_too_large_a_document_refused(self, admin_client, settings):
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
        response = add_document(admin_client, "to.pdf", PDF_BYTES)
        assert response.context["form"].errors["file"]
        assert get_document_model().objects.count() == 0


UPLOAD_URLS = [
    "/admin/images/add/",
    "/admin/images/multiple/add/",
    "/admin/images/chooser/create/",
    "/admin/documents/add/",
    "/admin/documents/multiple/add/",
    "/admin/documents/chooser/create/",
]


@pytest.mark.parametrize("url", UPLOAD_URLS)
def test_district_staff_cannot_upload(client, district_staff, url):
    client.force_login(district_staff)
    name, content = ("a.pdf", PDF_BYTES) if "documents" in url else ("a.png", image_bytes("PNG"))
    files = {"files[]" if "multiple" in url else "file": SimpleUploadedFile(name, content)}
    page = client.get(url)
    response = client.post(url, {"title": "x", "collection": 1, **files})
    assert page.status_code in {302, 403}
    assert response.status_code in {302, 403}
    if response.status_code == 302:
        assert response["Location"] in {"/admin/", "/admin/login/"} or response[
            "Location"
        ].startswith("/admin/login/")
    assert get_image_model().objects.count() == 0
    assert get_document_model().objects.count() == 0


def account_form(html):
    """The account settings form's fields with the values shown, as a browser would post them."""
    form = BeautifulSoup(html, "html.parser").find("form", attrs={"enctype": "multipart/form-data"})
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in {"file", "submit"}:
            continue
        if field.get("type") in {"checkbox", "radio"} and not field.has_attr("checked"):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        else:
            data[name] = field.get("value", field.text if field.name == "textarea" else "")
    return data


def test_district_staff_cannot_upload_a_profile_picture(client, district_staff):
    client.force_login(district_staff)
    page = client.get("/admin/account/")
    assert page.status_code == 200
    assert b'name="avatar-avatar"' not in page.content
    # A forged upload in an otherwise valid post is ignored: the settings save, the picture not.
    data = account_form(page.content.decode())
    data.update(
        {
            "name_email-first_name": "Hà",
            "name_email-last_name": "Lê Thu",
            "name_email-email": "ha@example.vn",
        }
    )
    picture = SimpleUploadedFile("anh.png", image_bytes("PNG"), content_type="image/png")
    response = client.post("/admin/account/", {**data, "avatar-avatar": picture})
    assert response.status_code == 302
    assert response["Location"] == "/admin/account/"
    assert not UserProfile.get_for_user(district_staff).avatar
    district_staff.refresh_from_db()
    assert district_staff.first_name == "Hà"
