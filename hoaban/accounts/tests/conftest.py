import pytest
from django.conf import settings


@pytest.fixture
def vi(client, db):
    """A browser that chose Vietnamese (also the default)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    return client


@pytest.fixture
def en(client, db):
    """A browser that chose English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Tests run without `collectstatic`: the manifest storage would fail on hashed names."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is slow on purpose; tests hash many passwords (production: see settings)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
