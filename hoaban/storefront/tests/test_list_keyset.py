"""The product list without a search pages by cursor (storefront.list_pages): following
"Next" and "Previous" never skips or repeats a product while products are added or removed,
crosses from the featured products to the others, costs the same queries on every page, and
a cursor that is not ours is read by number (never an error)."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.urls import reverse

from hoaban.catalog.models import Product
from hoaban.catalog.tests.factories import ProductFactory
from hoaban.core.cursors import encode_cursor
from hoaban.core.pagecache import catalog_changed

pytestmark = pytest.mark.django_db
URL = reverse("storefront:products")
PER_PAGE = 24


def visit(client, url=URL, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    html = response.content.decode()
    links = {
        rel: URL + unescape(href)
        for href, rel in re.findall(r'<a href="(\?[^"]*)" rel="(prev|next)"', html)
    }
    return [p.code for p in response.context["products"]], links, html


def make(n, *, featured=False, prefix="A"):
    return [
        ProductFactory(
            code=f"{prefix}{i:03d}", name=f"{prefix} sản phẩm {i:03d}", is_featured=featured
        )
        for i in range(n)
    ]


def walk(client):
    """Every page by "Next", from the first."""
    seen, url, params = [], URL, None
    while True:
        codes, links, _ = visit(client, url, params)
        seen.append(codes)
        if "next" not in links:
            return seen
        url, params = links["next"], None


def test_next_walks_every_product_once_featured_first(client):
    featured = make(30, featured=True, prefix="F")
    others = make(40, prefix="B")
    pages = walk(client)
    flat = [code for page in pages for code in page]
    assert flat == [p.code for p in featured] + [p.code for p in others]
    assert [len(page) for page in pages] == [24, 24, 22]


def test_products_added_or_removed_while_walking_never_skip_or_repeat_a_product(client):
    originals = make(60)
    first, links, _ = visit(client)
    # before the cursor (a name that sorts first), after it, and one already seen removed
    ProductFactory(code="A000X", name="A sản phẩm 000 mới")
    ProductFactory(code="Z999", name="Z sản phẩm mới")
    Product.objects.filter(code=first[3]).update(status=Product.Status.ARCHIVED)
    catalog_changed()  # as the services do
    second, links, _ = visit(client, links["next"])
    third, links, _ = visit(client, links["next"])
    assert "next" not in links
    seen = first + second + third
    assert len(seen) == len(set(seen))
    assert set(p.code for p in originals) <= set(seen)
    assert "Z999" in third and "A000X" not in seen  # added before the cursor: not reached


def test_previous_goes_back_to_the_same_rows(client):
    make(80)
    first, links, _ = visit(client)
    second, links, _ = visit(client, links["next"])
    third, links, html = visit(client, links["next"])
    assert "Trang 3 / 4" in html or "Page 3 of 4" in html
    back, links, _ = visit(client, links["prev"])
    assert back == second
    assert "after=" not in links["prev"] and "before=" not in links["prev"]  # page 1: plain
    again, _, _ = visit(client, links["prev"])
    assert again == first


def test_previous_across_the_featured_boundary(client):
    featured = make(20, featured=True, prefix="F")
    make(40, prefix="B")
    first, links, _ = visit(client)
    second, links, _ = visit(client, links["next"])
    third, links, _ = visit(client, links["next"])
    back, _, _ = visit(client, links["prev"])
    assert back == second
    assert first[:20] == [p.code for p in featured]


@pytest.mark.parametrize(
    "params",
    [
        {"after": "not a cursor", "page": "2"},
        {"after": encode_cursor([True, "x\x00", 1]), "page": "2"},
        {"after": encode_cursor(["x", "y", 1]), "page": "2"},
        {"before": "x" * 5000, "page": "2"},
        {"after": encode_cursor([False, "z" * 200, 2**70]), "page": "2"},
        {"page": "99999999999999999999999"},
        {"page": "-3", "before": encode_cursor([False, "A", 1])},
    ],
)
def test_a_cursor_that_is_not_ours_is_read_by_number(client, params):
    make(30)
    codes, _, _ = visit(client, URL, params)
    assert len(codes) in (6, 24)


def test_every_page_by_cursor_costs_the_same_queries(client, django_assert_num_queries):
    client.cookies[settings.SESSION_COOKIE_NAME] = "past-the-page-cache"
    make(100)
    _, links, _ = visit(client)  # counts the list once for this catalogue version
    _, second, _ = visit(client, links["next"])
    # the ids after the cursor, the page's cards, their images
    with django_assert_num_queries(3):
        _, third, _ = visit(client, second["next"])
    with django_assert_num_queries(3):
        visit(client, third["next"])


def test_everything_after_the_cursor_gone_shows_the_last_page(client):
    make(30)
    _, links, _ = visit(client)
    Product.objects.filter(code__gte="A024").update(status=Product.Status.ARCHIVED)
    catalog_changed()  # as the services do
    codes, links, _ = visit(client, links["next"])
    assert len(codes) == 24 and "next" not in links
