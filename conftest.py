"""Test-wide fixtures: every test database starts with the reference data (places, groups…)."""

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from hoaban.catalog.reference import reference_data_load

    with django_db_blocker.unblock():
        reference_data_load()


@pytest.fixture
def reference_data(db):
    """For transactional tests (which flush the database afterwards): reload if missing."""
    from hoaban.catalog.reference import reference_data_load
    from hoaban.places.models import Province

    if not Province.objects.exists():
        reference_data_load()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests render `{% static %}` without a collectstatic manifest: use plain names."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is slow on purpose; tests hash many passwords (production: see settings)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def vi(client, db):
    """A browser that chose Vietnamese (also the default)."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    return client


@pytest.fixture
def en(client, db):
    """A browser that chose English."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- issue 6 (orders): throttle counters and one injectable clock
@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttle counters live in the cache: each test starts with none (issue 6, throttles)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen_clock(monkeypatch):
    """One clock for `timezone.now()` and the throttles, moved only by `advance(...)`."""
    import datetime

    from django.utils import timezone

    from hoaban.core import throttle

    class Clock:
        now = datetime.datetime(2026, 12, 1, 2, 0, tzinfo=datetime.UTC)

        def advance(self, **delta) -> None:
            self.now += datetime.timedelta(**delta)

    clock = Clock()
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    monkeypatch.setattr(throttle, "clock", lambda: clock.now.timestamp())
    return clock


# --- end of issue 6 (orders) fixtures


# --- issue 8 (pages): a request in English must not leave English active for the next test
@pytest.fixture(autouse=True)
def _language_reset():
    yield
    from django.utils import translation

    translation.deactivate()  # back to LANGUAGE_CODE (Vietnamese), as a new request would be
