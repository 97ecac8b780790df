import pytest
from django.conf import settings


@pytest.fixture
def vi(client):
    """A browser that chose Vietnamese (also the default)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    return client


@pytest.fixture
def en(client):
    """A browser that chose English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
