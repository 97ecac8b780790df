"""The session basket: add, change, remove, bad quantities, prices from the eCo channel."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hoaban.catalog.models import Product
from hoaban.catalog.tests.factories import OrganisationFactory, ProductFactory
from hoaban.commerce.models import Channel, ChannelListing
from hoaban.storefront.cart import SESSION_KEY

pytestmark = pytest.mark.django_db


def english(client):
    client.cookies["hoaban_language"] = "en"
    return client


def basket(client) -> dict:
    return dict(client.session.get(SESSION_KEY) or {})


def add(client, product, quantity, **extra):
    return client.post(
        reverse("shop:cart_add"),
        {"product": product.code, "quantity": quantity, **extra},
        follow=True,
    )


def test_add_puts_the_product_in_the_basket_and_shows_its_seller(client):
    product = ProductFactory(name="Miến dong Na Rì", price=45_000)

    response = add(client, product, 2)

    assert basket(client) == {product.code: 2}
    page = response.content.decode()
    assert "Miến dong Na Rì" in page
    assert product.organisation.name in page
    assert "90.000\u00a0₫" in page


def test_adding_again_adds_up(client):
    product = ProductFactory(stock=5)
    add(client, product, 2)

    add(client, product, 3)

    assert basket(client) == {product.code: 5}


def test_add_returns_to_the_page_it_came_from(client):
    product = ProductFactory()
    next_url = reverse("storefront:product", args=[product.code])

    response = client.post(
        reverse("shop:cart_add"), {"product": product.code, "quantity": 1, "next": next_url}
    )

    assert response.status_code == 302
    assert response["Location"] == next_url


def test_add_refuses_a_redirect_to_another_site(client):
    product = ProductFactory()

    response = client.post(
        reverse("shop:cart_add"),
        {"product": product.code, "quantity": 1, "next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("shop:cart")


@pytest.mark.parametrize(
    ("quantity", "vi", "en"),
    [
        (0, "Hãy chọn số lượng từ 1 trở lên.", "Choose a quantity of 1 or more."),
        (-3, "Hãy chọn số lượng từ 1 trở lên.", "Choose a quantity of 1 or more."),
        (
            "hai",
            "Hãy viết số lượng bằng số nguyên, ví dụ 2.",
            "Write the quantity as a whole number, for example 2.",
        ),
        (
            6,
            "Chỉ còn 5 gói 500 g Trà Shan tuyết. Hãy chọn 5 hoặc ít hơn.",
            "Only 5 packs of 500 g left of Trà Shan tuyết. Choose 5 or fewer.",
        ),
    ],
)
def test_bad_quantity_is_refused_in_both_languages_and_nothing_changes(client, quantity, vi, en):
    product = ProductFactory(name="Trà Shan tuyết", stock=5)
    other = ProductFactory()
    add(client, other, 1)

    response_vi = add(client, product, quantity)
    response_en = add(english(client), product, quantity)

    assert vi in response_vi.content.decode()
    assert en in response_en.content.decode()
    assert basket(client) == {other.code: 1}


def test_sold_out_product_says_so(client):
    product = ProductFactory(name="Mật ong bạc hà", stock=0)

    response = add(english(client), product, 1)

    assert "Mật ong bạc hà is sold out." in response.content.decode()
    assert basket(client) == {}


def test_unpublished_or_unknown_product_cannot_be_added(client):
    draft = ProductFactory(status=Product.Status.DRAFT)

    first = add(english(client), draft, 1)
    second = client.post(
        reverse("shop:cart_add"), {"product": "NOPE99", "quantity": 1}, follow=True
    )

    assert "This product is not for sale any more." in first.content.decode()
    assert "This product is not for sale any more." in second.content.decode()
    assert basket(client) == {}


def test_update_changes_the_quantity(client):
    product = ProductFactory(stock=10)
    add(client, product, 1)

    client.post(reverse("shop:cart_update"), {"product": product.code, "quantity": 4})

    assert basket(client) == {product.code: 4}


@pytest.mark.parametrize(
    ("quantity", "vi", "en"),
    [
        (0, "Hãy chọn số lượng từ 1 trở lên.", "Choose a quantity of 1 or more."),
        (
            11,
            "Chỉ còn 10 gói 500 g Gạo nếp Khẩu nua lếch. Hãy chọn 10 hoặc ít hơn.",
            "Only 10 packs of 500 g left of Gạo nếp Khẩu nua lếch. Choose 10 or fewer.",
        ),
    ],
)
def test_update_with_a_bad_quantity_shows_the_error_next_to_the_line(client, quantity, vi, en):
    product = ProductFactory(name="Gạo nếp Khẩu nua lếch", stock=10)
    add(client, product, 2)
    url = reverse("shop:cart_update")

    response_vi = client.post(url, {"product": product.code, "quantity": quantity})
    response_en = english(client).post(url, {"product": product.code, "quantity": quantity})

    assert response_vi.status_code == 400
    assert vi in response_vi.content.decode()
    assert en in response_en.content.decode()
    assert f'id="err-{product.code}"' in response_en.content.decode()
    assert basket(client) == {product.code: 2}


def test_remove_takes_the_line_out(client):
    keep, drop = ProductFactory(), ProductFactory()
    add(client, keep, 1)
    add(client, drop, 2)

    client.post(reverse("shop:cart_remove"), {"product": drop.code})

    assert basket(client) == {keep.code: 1}


def test_lines_are_grouped_by_seller_with_subtotals(client):
    first = OrganisationFactory(name="HTX Miến dong Côn Minh")
    second = OrganisationFactory(name="HTX Chè Bằng Phúc")
    ProductFactory(organisation=first, code="MD01", price=40_000)
    ProductFactory(organisation=second, code="CH01", price=100_000)
    client.session  # noqa: B018  (creates the session)
    for code, quantity in (("MD01", 2), ("CH01", 1)):
        client.post(reverse("shop:cart_add"), {"product": code, "quantity": quantity})

    page = client.get(reverse("shop:cart")).content.decode()

    assert page.index("HTX Chè Bằng Phúc") < page.index("HTX Miến dong Côn Minh")
    assert "80.000\u00a0₫" in page
    assert "180.000\u00a0₫" in page


def test_price_comes_from_the_eco_channel_override(client):
    product = ProductFactory(price=45_000)
    ChannelListing.objects.create(
        product=product, channel=Channel.objects.get(code="eco"), price=39_000
    )
    add(client, product, 2)

    page = client.get(reverse("shop:cart")).content.decode()

    assert "78.000\u00a0₫" in page
    assert "90.000\u00a0₫" not in page


def test_product_not_sold_on_eco_cannot_be_added(client):
    product = ProductFactory()
    ChannelListing.objects.create(
        product=product, channel=Channel.objects.get(code="eco"), is_available=False
    )

    add(client, product, 1)

    assert basket(client) == {}


def test_reserved_units_are_not_available(client):
    from hoaban.commerce.models import StockReservation

    product = ProductFactory(stock=5)
    line = _order_line_for(product, quantity=3)
    StockReservation.objects.create(
        product=product,
        order_line=line,
        quantity=3,
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )

    response = add(english(client), product, 3)

    assert f"Only 2 packs of 500 g left of {product.name}." in response.content.decode()
    assert basket(client) == {}


def _order_line_for(product, *, quantity):
    from hoaban.commerce.models import Order, OrderLine

    order = Order.objects.create(
        code="HB-TEST2",
        seller=product.organisation,
        channel=Channel.objects.get(code="eco"),
        buyer_name="Lý Thị Hoa",
        buyer_phone="+84912345678",
        delivery_method="pickup",
        subtotal=product.price * quantity,
        total=product.price * quantity,
    )
    return OrderLine.objects.create(
        order=order,
        product=product,
        product_code=product.code,
        product_name=product.name,
        unit_price=product.price,
        quantity=quantity,
        line_total=product.price * quantity,
    )


def test_unpublished_product_is_taken_out_of_the_basket_when_shown(client):
    product = ProductFactory()
    add(client, product, 1)
    Product.objects.filter(pk=product.pk).update(status=Product.Status.ARCHIVED)

    page = english(client).get(reverse("shop:cart")).content.decode()

    assert "no longer for sale" in page
    assert basket(client) == {}


def test_empty_basket_invites_to_shop(client):
    response = english(client).get(reverse("shop:cart"))

    assert "Your basket is empty." in response.content.decode()


@pytest.mark.parametrize("lines", [3, 6])
def test_cart_page_query_count_does_not_grow_with_lines(client, django_assert_num_queries, lines):
    organisations = OrganisationFactory.create_batch(lines)
    for organisation in organisations:
        product = ProductFactory(organisation=organisation)
        add(client, product, 1)
    assert len(basket(client)) == lines

    # 1 session, 1 products (seller, origin, category joined; eCo price and reserved
    # units as subqueries), 1 images.
    with django_assert_num_queries(3):
        response = client.get(reverse("shop:cart"))

    assert response.status_code == 200


def test_header_shows_the_number_of_items(client):
    product = ProductFactory(stock=9)
    add(client, product, 3)

    response = client.get(reverse("shop:cart"))

    assert response.context["cart_count"] == 3


def test_a_forged_product_code_is_not_for_sale(client):
    response = english(client).post(
        reverse("shop:cart_add"), {"product": "X" * 40, "quantity": 1}, follow=True
    )

    assert "This product is not for sale any more." in response.content.decode()
    assert basket(client) == {}
