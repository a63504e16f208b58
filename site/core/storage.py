"""File storage that gives original images and documents names nobody can guess.

Wagtail stores an upload under its own name (`original_images/demo.jpg`, `documents/<slug>.pdf`)
and names its public renditions after it, so a rendition's address tells anyone where the
original lies. Originals may carry camera location data, and documents must only be reached
through Wagtail's serve view. Neither is ever served from `/media/` (see docs/security.md); a
random folder in front of each name means a misconfigured server still cannot be asked for one.
Renditions (`images/`) keep their plain names: they are the public copies.
"""

import posixpath
import secrets

from django.core.files import storage

PRIVATE_FOLDERS = ("original_images", "documents")


def unguessable_name(name):
    """`original_images/a.jpg` becomes `original_images/<32 random hex digits>/a.jpg`."""
    folder, filename = posixpath.split(name)
    if folder not in PRIVATE_FOLDERS:
        return name
    return posixpath.join(folder, secrets.token_hex(16), filename)


class UnguessableOriginalsMixin:
    def generate_filename(self, filename):
        return unguessable_name(super().generate_filename(filename))


class FileSystemStorage(UnguessableOriginalsMixin, storage.FileSystemStorage):
    pass


class InMemoryStorage(UnguessableOriginalsMixin, storage.InMemoryStorage):
    """The tests' storage: files in memory, named as in production."""
