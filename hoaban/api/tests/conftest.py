import pytest


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Tests run without `collectstatic`: the manifest storage would fail on hashed names."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
