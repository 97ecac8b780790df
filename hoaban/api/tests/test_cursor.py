"""Keyset pagination of /api/v1/products: follow `next`, no row skipped or repeated."""

import pytest

from hoaban.api.pagination import encode_cursor
from hoaban.catalog.models import Product
from hoaban.catalog.services import product_status_set
from hoaban.catalog.tests.factories import ProductFactory, category
from hoaban.orgs.tests.factories import ManagerFactory

pytestmark = pytest.mark.django_db


def page(client, url="/api/v1/products", **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    body = response.json()
    return [item["code"] for item in body["items"]], body["next"], body["count"]


def test_next_walks_every_product_once_while_products_are_added(client):
    for n in range(7):
        ProductFactory(code=f"P{n}", name=f"Miến {n:02d}")
    seen = []
    codes, next_url, count = page(client, limit=3)
    assert count == 7 and next_url and "cursor=" in next_url and "limit=3" in next_url
    seen += codes
    # Added while the client reads: before the cursor (name sorts first), at its very name
    # (same name, higher id) and after it.
    ProductFactory(code="NEWA", name="Miến 00")
    ProductFactory(code="NEWB", name="Miến 02")
    ProductFactory(code="NEWC", name="Miến 99")
    while next_url:
        codes, next_url, _ = page(client, next_url)
        seen += codes
    assert len(seen) == len(set(seen))  # nothing twice
    assert {f"P{n}" for n in range(7)} <= set(seen)  # nothing missing
    assert "NEWA" not in seen  # before where the client was: not shown on later pages
    assert {"NEWB", "NEWC"} <= set(seen)  # after it: shown


def test_an_offset_page_gives_the_cursor_of_the_next(client):
    for n in range(5):
        ProductFactory(code=f"P{n}", name=f"Miến {n}")
    codes, next_url, _ = page(client, limit=2, offset=1)
    assert codes == ["P1", "P2"]
    assert "offset" not in next_url
    assert page(client, next_url)[0] == ["P3", "P4"]
    assert page(client, limit=2, offset=3)[1] is None  # the last page


def test_a_cursor_keeps_the_filters(client):
    ProductFactory(code="A1", name="Miến a")
    ProductFactory(code="B1", name="Chè b", category=category("che"))
    ProductFactory(code="A2", name="Miến c")
    codes, next_url, count = page(client, q="mien", limit=1)
    assert (codes, count) == (["A1"], 2)
    assert page(client, next_url)[0] == ["A2"]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"cursor": "not a cursor"}, "cursor"),
        ({"cursor": encode_cursor(["Miến", "x"])}, "cursor"),  # not ours: id not a number
        ({"cursor": encode_cursor(["Miến", 1]), "offset": 5}, "offset"),
        ({"offset": 1_000_001}, "offset"),
        ({"cursor": "x" * 1001}, "cursor"),
    ],
)
def test_a_bad_cursor_or_a_deep_offset_is_a_clear_422(client, params, field):
    ProductFactory()
    response = client.get("/api/v1/products", params)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_field" and field in body["errors"]
    english = client.get("/api/v1/products", params, HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["errors"][field] != body["errors"][field]  # Vietnamese, and English


def test_the_cursor_page_is_served_by_the_ordering_index(django_assert_num_queries, client):
    for n in range(6):
        ProductFactory(code=f"P{n}", name=f"Miến {n}")
    _, next_url, _ = page(client, limit=2)
    # the page, its images: as on the first page (whose visit counted the list)
    with django_assert_num_queries(2):
        assert page(client, next_url)[0] == ["P2", "P3"]


def test_the_count_is_counted_once_per_catalogue_version(django_assert_num_queries, client):
    products = [ProductFactory(code=f"P{n}", name=f"Miến {n}") for n in range(3)]
    manager = ManagerFactory(organisation=products[0].organisation).user
    assert client.get("/api/v1/products").json()["count"] == 3
    with django_assert_num_queries(2):  # the page and its images: the count was kept
        assert client.get("/api/v1/products").json()["count"] == 3

    product_status_set(product=products[0], status=Product.Status.ARCHIVED, by=manager)
    assert client.get("/api/v1/products").json()["count"] == 2
    # a search is counted each time (its count is not kept)
    with django_assert_num_queries(3):
        assert client.get("/api/v1/products", {"q": "mien"}).json()["count"] == 2
