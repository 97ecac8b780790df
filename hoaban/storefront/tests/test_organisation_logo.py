"""The cooperative's logo on its public page (decorative: its name is the heading)."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from hoaban.orgs.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_organisation_page_shows_its_logo(client, language):
    org = OrganisationFactory()
    org.logo.save("logo.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=True)
    bare = OrganisationFactory()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.get(f"/org/{org.slug}/").content.decode()
    other = client.get(f"/org/{bare.slug}/").content.decode()

    assert f'<img class="logo" src="{org.logo.url}" alt="" width="96" height="96">' in page
    assert 'class="logo"' not in other
