"""Reads of the order pipeline reused by pages and the API (already joined: fixed query counts).

`available` = stock − units held by active reservations (not released, not consumed, not
expired). `with_available(products)` annotates a product queryset in the same query (a
subquery), `available_quantities(ids)` answers for a handful of ids in one query.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from hoaban.catalog.models import Product

from . import codes
from .models import IdempotencyRecord, Order, OrderLine, Shipment, StockReservation
from .stock import active_reservations_q, reserved_quantities


def available_quantities(product_ids: Iterable[int]) -> dict[int, int]:
    """{product id: units a buyer can still order} (one query for stock, one for holds)."""
    ids = list(product_ids)
    stock = dict(Product.objects.filter(pk__in=ids).values_list("pk", "stock"))
    held = reserved_quantities(ids)
    return {pk: max(quantity - held.get(pk, 0), 0) for pk, quantity in stock.items()}


def with_available(products: QuerySet[Product]) -> QuerySet[Product]:
    """Annotate `available` on each product, in the same SQL query (no extra query)."""
    held = (
        StockReservation.objects.filter(
            active_reservations_q(timezone.now()), product=OuterRef("pk")
        )
        .order_by()
        .values("product")
        .annotate(total=Sum("quantity"))
        .values("total")
    )
    return products.annotate(
        available=Greatest(
            F("stock") - Coalesce(Subquery(held, output_field=IntegerField()), Value(0)),
            Value(0),
            output_field=IntegerField(),
        )
    )


def order_for_tracking(code: str, phone_e164: str) -> Order | None:
    """The order with this code AND this buyer phone, joined for `summaries.order_tracking`
    (5 queries: order with seller/channel/commune, payments, lines, events, shipments), or None."""
    clean = codes.order_code_clean(code)
    if clean is None or not phone_e164:
        return None
    return (
        Order.objects.filter(code=clean, buyer_phone=phone_e164)
        .select_related("seller", "channel", "commune__province", "placement")
        .prefetch_related(
            "payments",
            Prefetch("lines", queryset=OrderLine.objects.order_by("pk")),
            "events",
            Prefetch("shipments", queryset=Shipment.objects.order_by("-created_at", "-pk")),
        )
        .first()
    )


def seller_orders(organisation_id: int, status: str | None = None) -> QuerySet[Order]:
    """A seller's orders, newest first, with payments and lines (3 queries for any length)."""
    orders = Order.objects.filter(seller_id=organisation_id)
    if status:
        orders = orders.filter(status=status)
    return orders.select_related("channel", "commune__province").prefetch_related(
        "payments",
        Prefetch("lines", queryset=OrderLine.objects.select_related("lot").order_by("pk")),
    )


def placement_orders(key: str, scope: str) -> QuerySet[Order]:
    """The orders made by one checkout (one per seller), for a thank-you page."""
    return (
        Order.objects.filter(placement__scope=scope, placement__key=key)
        .select_related("seller")
        .prefetch_related("payments")
        .order_by("pk")
    )


def placement_record(key: str, scope: str) -> IdempotencyRecord | None:
    """This client's placement with this idempotency key, if any (1 query)."""
    key = (key or "").strip() if isinstance(key, str) else ""
    if not key or len(key) > 100 or not key.isprintable():
        return None
    return IdempotencyRecord.objects.filter(scope=scope, key=key).first()


def placement_exists(key: str, scope: str) -> bool:
    """This client already placed orders with this key (a retry would be a replay)."""
    return placement_record(key, scope) is not None
