"""commerce.pricing, the one pricing rule: the basket, the pages, the API and the placed order
all charge the same unit price in every channel."""

import pytest
from django.contrib.sessions.backends.db import SessionStore

from hoaban.commerce.models import Channel, ChannelListing, OrderLine
from hoaban.commerce.pricing import price_for, prices_for
from hoaban.storefront.cart import Cart, cart_contents

from .builders import pickup, place, product

pytestmark = pytest.mark.django_db
CHANNELS = ["eco", "eso", "offline", "b2b"]


def listing(item, channel, **fields):
    return ChannelListing.objects.create(
        product=item, channel=Channel.objects.get(code=channel), **fields
    )


@pytest.mark.parametrize("override", [None, 38_000], ids=["product price", "channel override"])
@pytest.mark.parametrize("channel", CHANNELS)
def test_the_basket_and_the_placed_order_agree_in_every_channel(channel, override):
    # given two products of one seller, one of them with a listing in the channel
    rice = product(stock=10, price=45_000)
    tea = product(stock=10, price=120_000, organisation=rice.organisation)
    listing(rice, channel, price=override)
    listing(tea, "eco" if channel != "eco" else "eso", price=1)  # another channel's: ignored
    cart = Cart(SessionStore())
    cart.add(product=rice, quantity=2, available=10)
    cart.add(product=tea, quantity=1, available=10)

    # when the basket is read in that channel and the same basket is placed there
    contents = cart_contents(cart, channel)
    result = place([(rice, 2), (tea, 1)], channel=channel, delivery=pickup(), payment="cash")

    # then the totals and each line's unit price agree, and the line keeps the price charged
    rice_price = override if override is not None else 45_000
    assert contents.total == 2 * rice_price + 120_000
    assert [order.subtotal for order in result.orders] == [contents.total]
    lines = OrderLine.objects.order_by("product_code")
    assert {(line.product_id, line.unit_price) for line in lines} == {
        (line.product.pk, line.unit_price) for line in contents.lines
    }
    assert price_for(rice, channel).unit == rice_price
    rice.price = 99_000  # a later price change does not touch what was charged
    rice.save(update_fields=["price"])
    assert OrderLine.objects.get(product=rice).unit_price == rice_price


def test_a_listing_that_takes_a_product_out_of_a_channel():
    rice = product(stock=10, price=45_000)
    listing(rice, "eso", is_available=False)

    assert price_for(rice, "eso").is_listed is False
    assert price_for(rice, "eco").is_listed is True


def test_prices_for_many_products_costs_a_fixed_number_of_queries(django_assert_num_queries):
    few = [product(stock=5) for _ in range(2)]
    many = few + [product(stock=5) for _ in range(4)]
    for item in many:
        listing(item, "eso", price=10_000)

    # listings, stock, holds: 3 queries whatever the number of products
    for products in (few, many):
        with django_assert_num_queries(3):
            prices = prices_for(products, "eso")
        assert {price.unit for price in prices.values()} == {10_000}
        assert {price.available for price in prices.values()} == {5}


def test_the_organisation_page_shows_the_marketplace_price_like_the_product_page(client):
    # given a product whose eCo listing overrides its price
    rice = product(stock=10, price=45_000)
    listing(rice, "eco", price=38_000)

    # when a buyer opens the cooperative's page and the product page
    shop_front = client.get(f"/org/{rice.organisation.slug}/").content.decode()
    product_page = client.get(f"/p/{rice.code}/").content.decode()

    # then both show the price the basket will charge, never the base price
    assert "38.000" in shop_front and "45.000" not in shop_front
    assert "38.000" in product_page
