"""File storage that gives original images and documents names nobody can guess.

Wagtail stores an upload under its own name (`original_images/demo.jpg`, `documents/<slug>.pdf`)
and names its public renditions after it, so a rendition's address tells anyone where the
original lies. Originals may carry camera location data, and documents must only be reached
through Wagtail's serve view. Neither is ever served from `/media/` (see docs/security.md); a
random folder in front of each name means a misconfigured server still cannot be asked for one.
Renditions (`images/`) are the public copies the proxy serves, and get a random folder too: a
picture used only on a page behind a view restriction must not be found by guessing its name
(core/private_content.py); only a reader shown that page learns the address.

Original images are also stored without camera metadata (core/image_metadata.py), whatever
stores them: Wagtail's upload forms clean a picture first (core/forms.py), so the size, hash and
dimensions they record are the stored file's; this catches the rest. The multiple upload keeps a
file whose title Wagtail refused in `wagtail_uploads/` and later makes the image from it without
the form, so a picture there is cleaned too (a document there is left as it is).
"""

import posixpath
import secrets

from PIL import UnidentifiedImageError

from django.core.files import storage
from django.core.files.base import ContentFile

from .image_metadata import without_metadata

PRIVATE_FOLDERS = ("original_images", "documents", "images")


def unguessable_name(name):
    """`original_images/a.jpg` becomes `original_images/<32 random hex digits>/a.jpg` (and so
    for documents and renditions)."""
    folder, filename = posixpath.split(name)
    if folder not in PRIVATE_FOLDERS:
        return name
    return posixpath.join(folder, secrets.token_hex(16), filename)


class UnguessableOriginalsMixin:
    def generate_filename(self, filename):
        return unguessable_name(super().generate_filename(filename))


class CleanOriginalsMixin:
    def _save(self, name, content):
        folder = name.split("/", 1)[0]
        if folder in {"original_images", "wagtail_uploads"}:
            content.seek(0)
            try:
                cleaned = without_metadata(content.read())
            except UnidentifiedImageError:
                if folder == "original_images":
                    raise
                cleaned = None
            content = content if cleaned is None else ContentFile(cleaned)
        return super()._save(name, content)


class FileSystemStorage(UnguessableOriginalsMixin, CleanOriginalsMixin, storage.FileSystemStorage):
    pass


class InMemoryStorage(UnguessableOriginalsMixin, CleanOriginalsMixin, storage.InMemoryStorage):
    """The tests' storage: files in memory, named as in production."""
