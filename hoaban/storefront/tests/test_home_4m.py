"""The home page's 4M section tells the truth: Move links to the marketplace; Meet, Match and
Mentor say "coming" (Sắp có) until their part lands, then link to it by themselves."""

import pytest
from django.urls import include, path, reverse

from hoaban.urls import urlpatterns as site_urls

pytestmark = pytest.mark.django_db


def fourm(html: str) -> str:
    start = html.index('id="h-4m"')
    return html[start : html.index("</section>", start)]


def test_move_links_to_the_marketplace_and_the_rest_are_coming_in_vietnamese(client):
    html = client.get(reverse("storefront:home")).content.decode()

    section = fourm(html)
    assert f'<a href="{reverse("storefront:products")}"><strong>Phát triển</strong></a>' in section
    for step in ("Gặp gỡ", "Kết nối", "Đồng hành"):
        assert f'<strong>{step}</strong> <span class="soon">Sắp có</span>' in section
    assert section.count("Sắp có") == 3
    assert section.count("<a ") == 1


def test_the_same_in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    section = fourm(client.get(reverse("storefront:home")).content.decode())

    assert f'<a href="{reverse("storefront:products")}"><strong>Move</strong></a>' in section
    for step in ("Meet", "Match", "Mentor"):
        assert f'<strong>{step}</strong> <span class="soon">Coming</span>' in section


def _meet_home(request):
    from django.http import HttpResponse

    return HttpResponse("meet")


meet_urls = ([path("", _meet_home, name="home")], "meet")
urlpatterns = [path("meet/", include(meet_urls)), *site_urls]


@pytest.mark.urls(__name__)
def test_a_step_links_to_its_part_once_it_exists(client):
    section = fourm(client.get("/").content.decode())

    assert '<a href="/meet/"><strong>Gặp gỡ</strong></a>' in section
    assert section.count("Sắp có") == 2
