"""The one pricing rule: a product's unit price and availability in a sales channel.

Every place that shows or charges a price asks here — the basket (storefront.cart), the
checkout and order validation (services.validation), the product pages and the API — never
reads `ChannelListing` itself.

Today's rule, in order:
1. the channel's listing (`ChannelListing`) overrides the product's price when it sets one;
2. else the product's own price.
A product is for sale in a channel when it is published, its seller is active, and the
channel's listing (if there is one) does not take it out of the channel. `available` is stock
minus active, unexpired reservations (`queries.with_available` / `available_quantities`).

Next (the `context` argument, unused today): a livestream session's price and a negotiated
deal's price slot in before step 1, e.g. `price_for(product, "eso", context=session)`.

Three ways to ask, so pages keep a fixed query count:
- `price_for(product, channel)`: one product (2 queries);
- `prices_for(products, channel)`: many products (2 queries, whatever their number);
- `with_channel_terms(queryset, channel)` + `terms_of(product)`: annotated in the products'
  own query (subqueries: no extra query at all), for lists and the basket.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import BigIntegerField, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from hoaban.catalog.models import Product

from .models import Channel, ChannelListing
from .queries import available_quantities, with_available


@dataclass(frozen=True)
class Price:
    unit: int  # đồng, what one unit costs in this channel
    available: int  # units a buyer can order now
    is_listed: bool  # the channel sells it (no listing row, or one that keeps it available)
    source: str = "product"  # where the price comes from: "product" or "channel_listing"

    @property
    def is_for_sale(self) -> bool:
        return self.is_listed


def _channel_code(channel: Channel | str) -> str:
    return channel.code if isinstance(channel, Channel) else str(channel)


def _price(product: Product, listing_price: int | None, listed: bool | None, available: int):
    if listing_price is not None:
        return Price(listing_price, max(available, 0), listed is not False, "channel_listing")
    return Price(product.price, max(available, 0), listed is not False, "product")


def prices_for(
    products: Iterable[Product],
    channel: Channel | str,
    *,
    context: Any = None,
    availability: bool = True,
) -> dict[int, Price]:
    """{product id: Price} in the channel (3 queries: listings, stock, holds; 1 query with
    `availability=False`, where `available` is then 0: placement counts it under its lock)."""
    products = list(products)
    ids = [product.pk for product in products]
    listings = {
        row["product_id"]: (row["price"], row["is_available"])
        for row in ChannelListing.objects.filter(
            product_id__in=ids, channel__code=_channel_code(channel)
        ).values("product_id", "price", "is_available")
    }
    available = available_quantities(ids) if availability else {}
    return {
        product.pk: _price(
            product,
            *listings.get(product.pk, (None, None)),
            available.get(product.pk, 0),
        )
        for product in products
    }


def price_for(product: Product, channel: Channel | str, *, context: Any = None) -> Price:
    """The product's unit price and availability in the channel."""
    return prices_for([product], channel, context=context)[product.pk]


def with_channel_terms(products: QuerySet[Product], channel: Channel | str) -> QuerySet[Product]:
    """Annotate `channel_price` (the listing's override or None), `channel_listed` (None: no
    listing row), `unit_price` (for templates) and `available`, in the products' own query;
    read them with `terms_of`."""
    listing = ChannelListing.objects.filter(
        product=OuterRef("pk"), channel__code=_channel_code(channel)
    )
    return with_available(products).annotate(
        channel_price=Subquery(listing.values("price")[:1]),
        channel_listed=Subquery(listing.values("is_available")[:1]),
        unit_price=Coalesce(
            Subquery(listing.values("price")[:1]), F("price"), output_field=BigIntegerField()
        ),
    )


def listed_in_channel(products: QuerySet[Product]) -> QuerySet[Product]:
    """Of products from `with_channel_terms`, those the channel sells."""
    return products.filter(Q(channel_listed__isnull=True) | Q(channel_listed=True))


def terms_of(product: Product) -> Price:
    """The Price of a product from `with_channel_terms` (no query)."""
    return _price(
        product,
        getattr(product, "channel_price", None),
        getattr(product, "channel_listed", None),
        getattr(product, "available", 0),
    )
