"""A search's list: at most SEARCH_RESULTS_MAX products, "more than …" past it (Vietnamese
by default, English), and no page beyond them."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from hoaban.catalog import queries
from hoaban.catalog.tests.factories import OrganisationFactory, ProductFactory
from hoaban.storefront.views import grouped

pytestmark = pytest.mark.django_db
URL = reverse("storefront:products")


def count_line(html: str) -> str:
    return re.search(r'<p class="count" role="status">(.*?)</p>', html).group(1)


def names(response) -> list[str]:
    return [p.name for p in response.context["products"]]


@pytest.fixture
def five_noodles():
    seller = OrganisationFactory()
    for n in range(5):
        ProductFactory(organisation=seller, name=f"Miến dong {n}")


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("vi", "Hơn 4 sản phẩm — thêm một từ để tìm sát hơn"),
        ("en", "More than 4 products — add a word to narrow the search"),
    ],
)
def test_past_the_maximum_the_count_says_more_and_asks_for_a_word(
    client, settings, monkeypatch, five_noodles, lang, line
):
    monkeypatch.setattr(queries, "SEARCH_RESULTS_MAX", 4)  # 1,001 products: a slow test
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang

    response = client.get(URL, {"q": "mien dong"})

    assert count_line(response.content.decode()) == line
    assert len(names(response)) == 4


@pytest.mark.parametrize(("lang", "text"), [("vi", "1.000"), ("en", "1,000")])
def test_the_maximum_is_written_as_each_language_writes_numbers(lang, text):
    assert queries.SEARCH_RESULTS_MAX == 1000
    with translation.override(lang):
        assert grouped(queries.SEARCH_RESULTS_MAX) == text


def test_within_the_maximum_the_count_is_exact(client, monkeypatch, five_noodles):
    monkeypatch.setattr(queries, "SEARCH_RESULTS_MAX", 5)

    html = client.get(URL, {"q": "mien dong"}).content.decode()

    assert count_line(html) == "5 sản phẩm"


def test_pages_beyond_the_maximum_are_not_offered(client, monkeypatch):
    monkeypatch.setattr(queries, "SEARCH_RESULTS_MAX", 30)
    seller = OrganisationFactory()
    for n in range(40):
        ProductFactory(organisation=seller, name=f"Miến dong {n:02d}")

    first = client.get(URL, {"q": "mien dong"})
    second = client.get(URL, {"q": "mien dong", "page": 2})
    beyond = client.get(URL, {"q": "mien dong", "page": 3})

    assert names(first) == [f"Miến dong {n:02d}" for n in range(24)]
    assert names(second) == [f"Miến dong {n:02d}" for n in range(24, 30)]  # 30 in all
    assert "Trang 2 / 2" in second.content.decode()
    assert 'rel="next"' not in second.content.decode()
    assert names(beyond) == names(second)  # the last page offered, as for any page too far
