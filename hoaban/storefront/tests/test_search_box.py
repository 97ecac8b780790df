"""The search box: a maximum length (the input's maxlength and the form), a clear message for a
longer search (never a 500), and after a search the results come first, the filters folded."""

import re

import pytest
from django.urls import reverse

from hoaban.catalog.tests.factories import ProductFactory
from hoaban.core.bounds import MAX_SEARCH_LENGTH
from hoaban.storefront.forms import ProductFilterForm

pytestmark = pytest.mark.django_db
URL = reverse("storefront:products")


def details_tag(html: str) -> str:
    return re.search(r'<details class="filter-box"[^>]*>', html).group(0)


def test_every_search_box_carries_the_maximum_length(client):
    html = client.get(URL).content.decode()

    assert MAX_SEARCH_LENGTH == 100
    assert f'id="top-q" type="search" name="q" maxlength="{MAX_SEARCH_LENGTH}"' in html
    assert re.search(rf'<input type="search" name="q" maxlength="{MAX_SEARCH_LENGTH}"', html)
    assert ProductFilterForm().fields["q"].max_length == MAX_SEARCH_LENGTH


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("vi", "Từ tìm kiếm quá dài (101 ký tự). Hãy viết nhiều nhất 100 ký tự: vài từ là đủ."),
        (
            "en",
            "Your search is too long (101 characters). "
            "Write at most 100 characters: a few words are enough.",
        ),
    ],
)
def test_a_longer_search_gets_a_clear_message_and_no_list(client, settings, lang, message):
    ProductFactory(name="Miến dong Na Rì")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang

    response = client.get(URL, {"q": "m" * 101})

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<div class="messages" role="alert"><p class="msg-error">{message}</p>' in html
    assert "Miến dong Na Rì" not in html  # no list of everything instead
    assert " open>" in details_tag(html)  # the field to shorten is in view


def test_a_search_of_exactly_the_maximum_length_is_a_search(client):
    response = client.get(URL, {"q": "m" * MAX_SEARCH_LENGTH})

    assert response.status_code == 200
    assert 'role="alert"' not in response.content.decode()


def test_after_a_search_the_filters_fold_away_and_results_come_first(client):
    ProductFactory(name="Miến dong Na Rì")

    html = client.get(URL, {"q": "mien dong"}).content.decode()

    assert details_tag(html) == '<details class="filter-box">'
    assert "Đổi từ tìm kiếm hoặc bộ lọc" in html
    assert html.index("</details>") < html.index("Miến dong Na Rì")


def test_without_a_search_the_filters_are_open(client, settings):
    assert " open>" in details_tag(client.get(URL).content.decode())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(URL, {"q": "honey"}).content.decode()
    assert details_tag(html) == '<details class="filter-box">'
    assert "Change the search or filters" in html
