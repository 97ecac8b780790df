"""Pages cost the same number of queries at N and 2N products."""

import pytest
from django.conf import settings
from django.urls import reverse

from hoaban.catalog import queries
from hoaban.catalog.tests.factories import CertificateFactory, LotFactory, ProductFactory

from .builders import image_for

pytestmark = pytest.mark.django_db

N = 5


def products(n: int) -> None:
    for product in ProductFactory.create_batch(n, is_featured=True):
        image_for(product)


@pytest.mark.parametrize("n", [N, 2 * N])
def test_home_query_count_is_constant(client, django_assert_num_queries, n):
    products(n)
    # candidates (ids), the chosen cards (joined, with price and stock), their images, the
    # top sellers, provinces, former provinces; and, once per catalogue version (a fresh
    # cache here), the counts: products grouped by seller and commune, active organisations,
    # those communes
    with django_assert_num_queries(9):
        assert client.get(reverse("storefront:home")).status_code == 200


@pytest.mark.parametrize("n", [N, 2 * N])
def test_home_query_count_is_constant_once_the_counts_are_cached(
    client, django_assert_num_queries, n
):
    products(n)
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"  # rendered, not the page cache
    assert client.get(reverse("storefront:home")).status_code == 200
    # candidates, cards, images, top sellers, provinces, former provinces
    with django_assert_num_queries(6):
        assert client.get(reverse("storefront:home")).status_code == 200


@pytest.mark.parametrize("n", [N, 2 * N])
def test_product_list_query_count_is_constant(client, django_assert_num_queries, n):
    products(n)
    # once per catalogue version (a fresh cache here): 4 filter choices (provinces, former
    # provinces, categories, ethnic groups), the count; then page of products (joined),
    # their images
    with django_assert_num_queries(7):
        assert client.get(reverse("storefront:products")).status_code == 200


@pytest.mark.parametrize("n", [N, 2 * N])
def test_search_query_count_is_constant(client, django_assert_num_queries, n):
    products(n)
    # 4 filter choices (fresh cache), the ids rank by rank (name, own text, the sellers then
    # seller-only: fewer than SEARCH_RESULTS_MAX here, so all 4; they give the count), page
    # of products, their images
    with django_assert_num_queries(10):
        assert client.get(reverse("storefront:products"), {"q": "mien"}).status_code == 200


@pytest.mark.parametrize("n", [N, 2 * N])
def test_a_search_past_the_maximum_reads_one_rank(
    client, django_assert_num_queries, monkeypatch, n
):
    monkeypatch.setattr(queries, "SEARCH_RESULTS_MAX", 3)
    products(n)
    # the names alone give more than the maximum: 4 + 1 + page + images
    with django_assert_num_queries(7):
        assert client.get(reverse("storefront:products"), {"q": "mien"}).status_code == 200


@pytest.mark.parametrize("n", [N, 2 * N])
def test_product_page_query_count_is_constant(client, django_assert_num_queries, n):
    product = ProductFactory()
    for position in range(n):
        image_for(product, position)
        LotFactory(product=product)
        product.certificates.add(CertificateFactory(organisation=product.organisation))
    # product (joined), images, certificates, lots
    with django_assert_num_queries(4):
        assert client.get(reverse("storefront:product", args=[product.code])).status_code == 200
