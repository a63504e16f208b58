"""A photo's location and camera never reach the public: every way an original image is stored
keeps only its pixels (turned as the camera said), and so every rendition and download."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from PIL import ExifTags, PngImagePlugin
from PIL import Image as PILImage

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile

from core.image_metadata import without_metadata
from tests.factories import PDF_BYTES, ImageFactory, PosterPageFactory

pytestmark = pytest.mark.django_db

SECRETS = (b"Canon", b"EOS 5D", b"SN-4711", b"Nguyen Van A", b"10 57")
# 60 wide and 40 high as the sensor saw it, with a blue corner; the camera was held upright, so
# EXIF orientation 6 says "turn a quarter clockwise": 40 wide, 60 high, blue corner top right.
SENSOR_SIZE, UPRIGHT_SIZE = (60, 40), (40, 60)


def camera_exif(orientation=6):
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS 5D"
    exif[ExifTags.Base.Artist] = "Nguyen Van A"
    exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = "SN-4711"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (10.0, 57.0, 0.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (106.0, 49.0, 0.0)
    return exif


def sensor_picture():
    picture = PILImage.new("RGB", SENSOR_SIZE, "white")
    picture.paste("blue", (0, 0, 10, 10))
    return picture


def photo(fmt="JPEG", **extra):
    """A phone photo: location, camera, serial number and author in EXIF, XMP and a comment."""
    buffer = io.BytesIO()
    options = {"exif": camera_exif(), **extra}
    if fmt == "JPEG":
        options.update(comment=b"Nguyen Van A", xmp=b"<x:xmpmeta>10 57 Canon</x:xmpmeta>")
    elif fmt == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Author", "Nguyen Van A")
        text.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>10 57 Canon</x:xmpmeta>")
        options["pnginfo"] = text
    elif fmt == "WEBP":
        options["xmp"] = b"<x:xmpmeta>10 57 Canon</x:xmpmeta>"
    sensor_picture().save(buffer, fmt, **options)
    return buffer.getvalue()


def assert_clean(data):
    """No EXIF at all, none of the camera's words anywhere in the file, upright."""
    for secret in SECRETS:
        assert secret not in data
    with PILImage.open(io.BytesIO(data)) as picture:
        assert not picture.getexif()
        assert not {"exif", "xmp", "comment"} & set(picture.info)
        assert not getattr(picture, "text", None)
        assert picture.size[0] < picture.size[1]
        top_right = picture.convert("RGB").getpixel((picture.size[0] - 3, 2))
        assert top_right[2] > 200 and top_right[0] < 60  # the blue corner, turned upright


def stored(name):
    with default_storage.open(name, "rb") as file:
        return file.read()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def add_image(client, name, content, url="/admin/images/add/", prefix=""):
    fields = {
        "title": "Ảnh hiện trường",
        "file": SimpleUploadedFile(name, content),
        "collection": 1,
    }
    return client.post(url, {f"{prefix}{key}": value for key, value in fields.items()})


def only_image():
    (image,) = get_image_model().objects.all()
    return image


class TestTheAdminUploads:
    def test_a_phone_photo_put_on_a_poster_reaches_the_public_without_location_or_camera(
        self, editor_client, client, materials_index
    ):
        assert add_image(editor_client, "hien-truong.jpg", photo()).status_code == 302
        image = only_image()
        assert (image.width, image.height) == UPRIGHT_SIZE
        original = stored(image.file.name)
        assert_clean(original)
        assert image.file_size == len(original)

        poster = PosterPageFactory(parent=materials_index, image=image)
        page = client.get(poster.url)
        assert page.status_code == 200
        html = BeautifulSoup(page.content, "html.parser")
        figure = html.select_one(".publication__image")
        sources = {img["src"] for img in figure.find_all("img")} | {
            url
            for source in figure.find_all("source")
            for url in re.findall(r"(\S+) \d+w", source["srcset"])
        }
        assert any(url.endswith(".webp") for url in sources)
        assert any(url.endswith(".jpg") for url in sources)
        for url in sources:
            assert_clean(stored(url.removeprefix(settings.MEDIA_URL)))
        # The size the page shows is the size of the file the download gives.
        assert f"{UPRIGHT_SIZE[0]}×{UPRIGHT_SIZE[1]} px" in page.content.decode()

        download = client.get(reverse("download", args=[poster.pk, "original"]))
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == original

    @pytest.mark.parametrize("fmt,name", [("PNG", "anh.png"), ("WEBP", "anh.webp")])
    def test_png_text_chunks_and_webp_metadata_go_too(self, editor_client, fmt, name):
        assert add_image(editor_client, name, photo(fmt)).status_code == 302
        assert_clean(stored(only_image().file.name))

    def test_the_chooser_upload_cleans_too(self, editor_client):
        url, prefix = "/admin/images/chooser/create/", "image-chooser-upload-"
        assert add_image(editor_client, "anh.jpg", photo(), url, prefix).status_code == 200
        assert_clean(stored(only_image().file.name))

    def test_the_multiple_upload_cleans_too(self, editor_client):
        response = editor_client.post(
            "/admin/images/multiple/add/",
            {"files[]": SimpleUploadedFile("anh.jpg", photo()), "collection": 1},
        )
        assert response.json()["success"] is True
        image = only_image()
        assert_clean(stored(image.file.name))
        assert image.file_size == len(stored(image.file.name))

    def test_a_held_back_multiple_upload_is_cleaned_when_it_becomes_an_image(self, editor_client):
        # A title Wagtail refuses keeps the file aside until the editor fixes the title; the image
        # is then made from that file without the upload form, which storage catches.
        response = editor_client.post(
            "/admin/images/multiple/add/",
            {"files[]": SimpleUploadedFile("anh.jpg", photo()), "title": "x" * 300},
        )
        upload_id = response.json()["uploaded_file_id"]
        assert not get_image_model().objects.exists()
        response = editor_client.post(
            reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id]),
            {
                f"uploaded-image-{upload_id}-title": "Ảnh",
                f"uploaded-image-{upload_id}-collection": 1,
            },
        )
        assert response.json()["success"] is True
        image = only_image()
        assert_clean(stored(image.file.name))
        assert image.file_size == len(stored(image.file.name))
        assert (image.width, image.height) == UPRIGHT_SIZE

    def test_replacing_the_file_cleans_the_new_one(self, editor_client):
        image = ImageFactory(collection=Collection.get_first_root_node())
        response = editor_client.post(
            reverse("wagtailimages:edit", args=[image.pk]),
            {
                "title": image.title,
                "file": SimpleUploadedFile("moi.jpg", photo()),
                "collection": image.collection_id,
            },
        )
        assert response.status_code == 302
        image.refresh_from_db()
        assert_clean(stored(image.file.name))

    def test_a_picture_cut_short_is_refused_in_vietnamese_and_nothing_is_saved(self, editor_client):
        data = photo()
        response = add_image(editor_client, "hong.jpg", data[: len(data) // 2])
        assert response.status_code == 200
        (message,) = response.context["form"].errors["file"]
        assert message.startswith("Không đọc hết được ảnh này")
        assert not get_image_model().objects.exists()


class TestEveryOtherWay:
    def test_an_image_made_in_code_is_stored_clean(self):
        """The demo loader and anything else that creates an image without a form. (Django
        records the width and height of the file it was given, so a photo code stores turned
        keeps the sensor's; no upload screen does that.)"""
        image = ImageFactory(file=ContentFile(photo(), name="demo.jpg"))
        assert_clean(stored(image.file.name))

    def test_a_document_the_multiple_upload_holds_back_is_stored_as_it_is(self, editor_client):
        response = editor_client.post(
            "/admin/documents/multiple/add/",
            {"files[]": SimpleUploadedFile("to-roi.pdf", PDF_BYTES), "title": "x" * 300},
        )
        assert "uploaded_file_id" in response.json()
        (held,) = UploadedFile.objects.all()
        assert stored(held.file.name) == PDF_BYTES

    def test_a_picture_without_metadata_is_stored_byte_for_byte(self):
        buffer = io.BytesIO()
        sensor_picture().save(buffer, "PNG")
        assert without_metadata(buffer.getvalue()) is None
        image = ImageFactory(file=ContentFile(buffer.getvalue(), name="sach.png"))
        assert stored(image.file.name) == buffer.getvalue()

    @pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
    def test_cleaning_is_done_once(self, fmt):
        data = gif_with_comment() if fmt == "GIF" else photo(fmt)
        clean = without_metadata(data)
        assert clean is not None and b"Nguyen Van A" not in clean
        assert without_metadata(clean) is None

    def test_an_animation_keeps_its_frames_and_timing(self):
        clean = without_metadata(gif_with_comment(frames=3))
        with PILImage.open(io.BytesIO(clean)) as animation:
            assert animation.n_frames == 3
            assert animation.info["duration"] == 250
            assert "comment" not in animation.info

    def test_jpeg_quality_is_kept(self):
        """Re-encoded with the photo's own quantisation tables, not a lower default."""
        buffer = io.BytesIO()
        sensor_picture().save(buffer, "JPEG", quality=95, exif=camera_exif(orientation=1))
        clean = io.BytesIO(without_metadata(buffer.getvalue()))
        with PILImage.open(clean) as cleaned, PILImage.open(buffer) as source:
            assert cleaned.quantization == source.quantization


def gif_with_comment(frames=1, comment=b"Nguyen Van A"):
    buffer = io.BytesIO()
    colours = ("red", "green", "blue")
    pictures = [PILImage.new("RGB", (20, 20), colours[index]) for index in range(frames)]
    pictures[0].save(
        buffer,
        "GIF",
        save_all=frames > 1,
        append_images=pictures[1:],
        duration=250,
        loop=0,
        comment=comment,
    )
    return buffer.getvalue()


def store_as_before(name, data):
    """Put a file in storage as it was stored before originals were cleaned."""
    return InMemoryStorage._save(default_storage._wrapped, name, ContentFile(data))


class TestImagesStoredBefore:
    def test_the_command_cleans_originals_and_drops_renditions_once(self):
        image = ImageFactory()
        store_as_before(image.file.name, photo())
        image.file_size = None
        image.save()
        dirty = image.get_rendition("max-30x30")
        assert b"Canon" in stored(dirty.file.name)  # Willow copies the original's EXIF
        out = io.StringIO()
        call_command("strip_image_metadata", stdout=out)
        assert out.getvalue().strip() == "Đã làm sạch 1 trên 1 ảnh."
        image.refresh_from_db()
        assert_clean(stored(image.file.name))
        assert (image.width, image.height) == UPRIGHT_SIZE
        assert image.file_size == len(stored(image.file.name))
        assert not image.renditions.filter(pk=dirty.pk).exists()
        assert_clean(stored(image.get_rendition("max-30x30").file.name))

        name = image.file.name
        out = io.StringIO()
        call_command("strip_image_metadata", stdout=out)
        assert out.getvalue().strip() == "Đã làm sạch 0 trên 1 ảnh."
        image.refresh_from_db()
        assert image.file.name == name

    def test_an_unreadable_original_is_named_and_the_command_fails(self):
        clean, broken = ImageFactory(), ImageFactory()
        store_as_before(broken.file.name, photo()[:200])
        store_as_before(clean.file.name, photo())
        with pytest.raises(CommandError, match=f"{broken.pk}"):
            call_command("strip_image_metadata", stdout=io.StringIO(), stderr=io.StringIO())
        clean.refresh_from_db()
        assert_clean(stored(clean.file.name))
