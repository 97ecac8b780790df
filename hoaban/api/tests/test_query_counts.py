"""List endpoints cost the same number of queries at N and 2N items."""

import pytest

from hoaban.catalog.tests.factories import LotFactory, MembershipFactory, ProductFactory
from hoaban.orgs.tests.factories import OrganisationFactory
from hoaban.storefront.tests.builders import image_for

pytestmark = pytest.mark.django_db

N = 4


@pytest.mark.parametrize("n", [N, 2 * N])
def test_organisations_query_count(client, django_assert_num_queries, n):
    OrganisationFactory.create_batch(n)
    # count, page (joined with commune, province, former province)
    with django_assert_num_queries(2):
        assert client.get("/api/v1/organisations").json()["count"] == n
    # + 1: the province check
    with django_assert_num_queries(3):
        assert client.get("/api/v1/organisations", {"province": 19}).status_code == 200


@pytest.mark.parametrize("n", [N, 2 * N])
def test_products_query_count(client, django_assert_num_queries, n):
    for product in ProductFactory.create_batch(n):
        image_for(product)
    # count, page (joined with seller, origin places, category, ethnic group), images
    with django_assert_num_queries(3):
        assert client.get("/api/v1/products", {"q": "mien"}).json()["count"] == n


@pytest.mark.parametrize("n", [N, 2 * N])
def test_product_lots_query_count(client, django_assert_num_queries, n):
    product = ProductFactory(code="MD05")
    for _ in range(n):
        LotFactory(
            product=product, producers=[MembershipFactory(organisation=product.organisation)]
        )
    # product check, count, lots (joined with product), consenting producers with their users
    with django_assert_num_queries(4):
        assert client.get("/api/v1/products/MD05/lots").json()["count"] == n


@pytest.mark.parametrize("limit", [10, 20])
def test_provinces_and_communes_query_count(client, django_assert_num_queries, limit):
    # provinces, their former provinces (at most 34: sorted and counted in Python)
    with django_assert_num_queries(2):
        assert len(client.get("/api/v1/provinces", {"limit": limit}).json()["items"]) == limit
    # province check, its communes (joined with former province; sorted, counted in Python)
    with django_assert_num_queries(2):
        body = client.get("/api/v1/provinces/19/communes", {"limit": limit}).json()
        assert len(body["items"]) == limit
