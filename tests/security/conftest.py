import pytest


@pytest.fixture
def on_disk(settings, tmp_path):
    """Files on disk under MEDIA_ROOT, as in production (the test settings keep them in memory)."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "core.storage.FileSystemStorage"},
    }
    return tmp_path
