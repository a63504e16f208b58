"""Original images and documents are never reachable by a guessable media URL.

They are stored under a random folder (core/storage.py), Django never serves them from
`/media/` (only renditions, and those only in development), and documents go through Wagtail's
serve view. The production-settings scan in test_headers checks the demo's names answer 404
there too.
"""

import importlib
import re

import pytest

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import config.urls
from tests.factories import PDF_BYTES, DocumentFactory, ImageFactory

from .test_uploads import image_bytes

pytestmark = pytest.mark.django_db

RANDOM_FOLDER = r"[0-9a-f]{32}"


@pytest.fixture
def development_urls(settings):
    """The URL configuration as `make run` builds it (DEBUG on: it serves media itself)."""
    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("qt", "qt@example.vn", "x"))
    return client


def test_uploads_through_the_admin_get_a_random_folder(on_disk, admin_client):
    for _ in range(2):
        admin_client.post(
            "/admin/images/add/",
            {"title": "Ảnh", "file": SimpleUploadedFile("demo.jpg", image_bytes("JPEG"))},
        )
        admin_client.post(
            "/admin/documents/add/",
            {"title": "Tờ rơi", "file": SimpleUploadedFile("to-roi.pdf", PDF_BYTES)},
        )
    images = [i.file.name for i in get_image_model().objects.all()]
    documents = [d.file.name for d in get_document_model().objects.all()]
    assert len(set(images)) == len(set(documents)) == 2
    assert all(re.fullmatch(rf"original_images/{RANDOM_FOLDER}/demo\.jpg", n) for n in images)
    assert all(re.fullmatch(rf"documents/{RANDOM_FOLDER}/to-roi\.pdf", n) for n in documents)
    assert all((on_disk / name).is_file() for name in images + documents)


def test_a_long_file_name_still_fits_the_column(on_disk):
    document = DocumentFactory(file__filename="t" * 120 + ".pdf")
    assert len(document.file.name) <= 100
    # Django shortens the name and adds a random suffix to make it fit.
    assert re.fullmatch(rf"documents/{RANDOM_FOLDER}/t+_\w{{7}}\.pdf", document.file.name)


def test_renditions_do_not_reveal_the_originals_folder(on_disk):
    image = ImageFactory(file__filename="demo.jpg")
    rendition = image.get_rendition("max-100x100")
    folder = image.file.name.split("/")[1]
    assert folder not in rendition.url
    assert rendition.url.startswith("/media/images/")


@pytest.mark.parametrize("urls", ["production", "development"])
def test_originals_and_documents_answer_404_under_media(on_disk, client, request, urls):
    if urls == "development":
        request.getfixturevalue("development_urls")
    image = ImageFactory(file__filename="demo.jpg")
    document = DocumentFactory(file__filename="cam-nang-nhan-dien-thu-doan.pdf")
    rendition = image.get_rendition("max-100x100")
    for path in [
        "original_images/demo.jpg",  # the demo's name before the random folders
        "documents/cam-nang-nhan-dien-thu-doan.pdf",
        image.file.name,  # even the real names, were they to leak
        document.file.name,
    ]:
        assert client.get(f"/media/{path}").status_code == 404, path
    # Renditions are the public copies: served in development (by the proxy in production).
    assert client.get(rendition.url).status_code == (200 if urls == "development" else 404)
    # And documents through Wagtail's serve view, as attachments.
    assert client.get(document.url).status_code == 200


def test_the_migration_moves_earlier_uploads_into_random_folders(on_disk):
    image = ImageFactory(file__filename="demo.jpg")
    document = DocumentFactory(file__filename="to-roi.pdf")
    # As uploaded before core/storage.py: plain names.
    for item, old in ((image, "original_images/demo.jpg"), (document, "documents/to-roi.pdf")):
        default_storage.save(old, item.file.open("rb"))
        type(item).objects.filter(pk=item.pk).update(file=old)
    missing = DocumentFactory()
    get_document_model().objects.filter(pk=missing.pk).update(file="documents/gone.pdf")

    migration = importlib.import_module("core.migrations.0004_unguessable_media_names")
    migration.move_files(apps, None)

    image.refresh_from_db()
    document.refresh_from_db()
    missing.refresh_from_db()
    assert re.fullmatch(rf"original_images/{RANDOM_FOLDER}/demo\.jpg", image.file.name)
    assert re.fullmatch(rf"documents/{RANDOM_FOLDER}/to-roi\.pdf", document.file.name)
    assert image.file.open("rb").read()[:2] == b"\xff\xd8"
    assert document.file.open("rb").read().startswith(b"%PDF-")
    assert not (on_disk / "original_images" / "demo.jpg").exists()
    assert not (on_disk / "documents" / "to-roi.pdf").exists()
    assert missing.file.name == "documents/gone.pdf"  # nothing to move: left as it was
