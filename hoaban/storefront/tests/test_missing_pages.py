"""A missing product or lot (an old QR code, an archived product) answers 404 with a page that
helps: "no longer sold", the cooperative's other products, a search box and the catalogue —
and nothing else of the unpublished product."""

import pytest
from django.urls import reverse

from hoaban.catalog.models import Product
from hoaban.catalog.tests.factories import LotFactory, OrganisationFactory, ProductFactory
from hoaban.core.bounds import MAX_SEARCH_LENGTH

pytestmark = pytest.mark.django_db


@pytest.fixture
def archived():
    """An archived product of a cooperative that still sells two others (and has a draft)."""
    org = OrganisationFactory(name="HTX Miến Dong Na Rì")
    ProductFactory(organisation=org, code="MD01", name="Miến dong sợi nhỏ")
    ProductFactory(organisation=org, code="MD02", name="Miến dong sợi to")
    ProductFactory(organisation=org, code="MD09", name="Bản nháp bí mật", status="draft")
    return ProductFactory(
        organisation=org,
        code="MD07",
        name="Miến dong cũ",
        price=77_000,
        story="Câu chuyện riêng của sản phẩm cũ.",
        status=Product.Status.ARCHIVED,
    )


def page(client, url):
    response = client.get(url)
    assert response.status_code == 404
    return response.content.decode()


def assert_helps_to_search(html):
    assert f'name="q" maxlength="{MAX_SEARCH_LENGTH}"' in html
    assert 'role="search"' in html
    assert f'href="{reverse("storefront:products")}"' in html
    assert "{% " not in html


def assert_leaks_nothing_of(product, html):
    assert product.name not in html
    assert "77.000" not in html
    assert product.story not in html
    assert "Bản nháp bí mật" not in html


def test_an_archived_product_says_no_longer_sold_and_suggests_its_cooperatives_products(
    vi, archived
):
    html = page(vi, reverse("storefront:product", args=["MD07"]))

    assert "Sản phẩm này không còn bán" in html
    assert "HTX Miến Dong Na Rì không còn bán sản phẩm này." in html
    assert "Sản phẩm khác của HTX Miến Dong Na Rì" in html
    assert html.index("Miến dong sợi nhỏ") < html.index("Miến dong sợi to")
    assert reverse("storefront:product", args=["MD01"]) in html
    assert reverse("storefront:organisation", args=[archived.organisation.slug]) in html
    assert '<html lang="vi">' in html
    assert_helps_to_search(html)
    assert_leaks_nothing_of(archived, html)


def test_the_no_longer_sold_page_in_english(en, archived):
    html = page(en, reverse("storefront:product", args=["MD07"]))

    assert "This product is no longer sold" in html
    assert "HTX Miến Dong Na Rì no longer sells this product." in html
    assert "Other products of HTX Miến Dong Na Rì" in html
    assert "Search products" in html
    assert_leaks_nothing_of(archived, html)


def test_a_lot_of_a_product_taken_off_sale_suggests_its_cooperative(client, settings, archived):
    draft = Product.objects.get(code="MD09")
    LotFactory(product=draft, code="L-OLDQR1")

    html = page(client, reverse("catalog:lot_trace", args=["L-OLDQR1"]))

    assert "Sản phẩm này không còn bán" in html
    assert "Miến dong sợi nhỏ" in html
    assert_helps_to_search(html)
    assert_leaks_nothing_of(draft, html)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = page(client, reverse("catalog:lot_trace", args=["L-OLDQR1"]))
    assert "Other products of HTX Miến Dong Na Rì" in english


def test_the_lot_of_an_archived_product_still_traces_and_says_it_is_no_longer_sold(vi, archived):
    LotFactory(product=archived, code="L-ARCH01")

    response = vi.get(reverse("catalog:lot_trace", args=["L-ARCH01"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Sản phẩm này không còn bán." in html
    assert "Sản phẩm khác của HTX Miến Dong Na Rì" in html
    assert "Mua sản phẩm này" not in html


@pytest.mark.parametrize(
    "url",
    [
        reverse("storefront:product", args=["NOPE42"]),
        reverse("storefront:product", args=["MD09"]),  # a draft: never said to exist
        reverse("catalog:lot_trace", args=["L-NOPE42"]),
        "/no/such/page/",
    ],
)
def test_an_unknown_code_gets_the_generic_helpful_404_with_search(vi, archived, url):
    html = page(vi, url)

    assert "Không tìm thấy trang" in html
    assert "HTX Miến Dong Na Rì" not in html
    assert_helps_to_search(html)
    assert_leaks_nothing_of(archived, html)


def test_generic_404_in_english_offers_search(en, db):
    html = page(en, reverse("storefront:product", args=["NOPE42"]))

    assert "Page not found" in html
    assert "Search products" in html and "See all products" in html


def test_a_product_of_a_closed_cooperative_gets_the_generic_404(vi, archived):
    archived.organisation.is_active = False
    archived.organisation.save()

    html = page(vi, reverse("storefront:product", args=["MD07"]))

    assert "Không tìm thấy trang" in html
    assert "HTX Miến Dong Na Rì" not in html


def test_the_missing_product_page_costs_a_fixed_number_of_queries(
    client, archived, django_assert_max_num_queries
):
    # product (published: none), the archived product with its organisation, the suggestions,
    # plus the session / cart of the layout
    with django_assert_max_num_queries(5):
        client.get(reverse("storefront:product", args=["MD07"]))
