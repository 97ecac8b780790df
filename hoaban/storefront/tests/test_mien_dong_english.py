"""“Miến dong” is arrowroot (canna) glass noodles, never “rice noodles”, in English mode too."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "said"), [("en", "glass noodles"), ("vi", "Miến dong")])
def test_the_home_page_never_calls_mien_dong_rice_noodles(client, language, said):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    html = client.get("/").content.decode()

    assert "rice noodle" not in html.lower()
    assert said.lower() in html.lower()
