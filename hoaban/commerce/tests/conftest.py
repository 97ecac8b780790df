import pytest

from hoaban.commerce.notifications import LocmemBackend


@pytest.fixture
def outbox(settings):
    settings.NOTIFICATION_BACKEND = "hoaban.commerce.notifications.LocmemBackend"
    LocmemBackend.outbox = []
    yield LocmemBackend.outbox
    LocmemBackend.outbox = []


@pytest.fixture(autouse=True)
def _quiet_notifications(settings):
    # Tests read messages from the outbox fixture; nothing is printed.
    settings.NOTIFICATION_BACKEND = "hoaban.commerce.notifications.LocmemBackend"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Managers come from factories with a password; argon2 would make each test slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
