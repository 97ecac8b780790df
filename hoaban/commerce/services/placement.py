"""`order_place`: the one entry point that turns a basket into orders, for every channel.

In one transaction: record the idempotency key (unique), lock the products in primary-key
order, compute what is available (stock − active reservations), reserve, split the basket
into one order per seller, create the payments (VietQR payload for transfers), write the
events, and queue one notification per order after commit.

Idempotency: a key belongs to its client, its `idempotency_scope`: `user_scope(user)` for a
person (an API token's owner, a logged-in API caller), `session_scope(session)` for a web
checkout, `ANONYMOUS_SCOPE` (shared by every anonymous API caller, so its keys must be at least
MIN_ANONYMOUS_KEY characters: a UUID, not "1"). Keys are unique per (scope, key): two clients
choosing the same key get two orders, and neither ever sees the other's. Within its scope,
the same key with the same request returns the first answer (no new order); with a different
request it raises `IdempotencyConflict`. Two identical requests racing are
resolved by the unique key: the loser's insert fails, it re-reads the winner's record.
Failed attempts leave nothing behind (the key row is rolled back with everything else), so a
buyer may fix the basket and retry with the same key.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hoaban.catalog.models import Product
from hoaban.core.bounds import (
    MAX_ORDER_TOTAL_VND,
    MAX_SHIPPING_FEE_VND,
    ORDER_TOTAL_TOO_HIGH,
    SHIPPING_FEE_TOO_HIGH,
)
from hoaban.core.pagecache import catalog_changed

from .. import codes
from ..errors import IdempotencyConflict, InvalidOrder, OutOfStock, Shortage
from ..models import IdempotencyRecord, Order, OrderEvent, OrderLine, Payment, StockReservation
from ..payments import vietqr
from ..shipping import carrier_for_delivery
from ..stock import reservation_expiry, reserved_quantities
from ..summaries import placement_response
from .validation import (
    MAX_KEY,
    BuyerInput,
    CleanRequest,
    DeliveryInput,
    LineInput,
    printable,
    seller_account,
    validate_request,
)

__all__ = [
    "ANONYMOUS_SCOPE",
    "BuyerInput",
    "DeliveryInput",
    "LineInput",
    "PlaceResult",
    "order_place",
    "session_scope",
    "user_scope",
]

ANONYMOUS_SCOPE = "anonymous"
MIN_ANONYMOUS_KEY = 16
SESSION_SCOPE_KEY = "hoaban_checkout_scope"


def user_scope(user) -> str:
    """The idempotency scope of a person (whatever token or session she calls with)."""
    return f"user:{user.pk}"


def session_scope(session) -> str:
    """The idempotency scope of a browser's checkout: a random id kept in its session (it
    survives the session key's rotation at log-in, since the session's data is kept)."""
    scope = session.get(SESSION_SCOPE_KEY)
    if not isinstance(scope, str) or len(scope) != 32:
        scope = uuid.uuid4().hex
        session[SESSION_SCOPE_KEY] = scope
    return f"session:{scope}"


@dataclass
class PlaceResult:
    orders: list[Order]
    response: dict  # the JSON answer (same for a replay)
    replayed: bool = False
    token: str = ""  # opens the order-placed page (`IdempotencyRecord.token`)


def order_place(
    *,
    lines: Sequence[LineInput],
    buyer: BuyerInput,
    delivery: DeliveryInput,
    payment_method: str,
    channel: str,
    idempotency_key: str,
    idempotency_scope: str = ANONYMOUS_SCOPE,
    source: str = "",
    source_ref: str = "",
    user=None,
) -> PlaceResult:
    """Place the basket; one order per seller. Raises InvalidOrder, OutOfStock,
    IdempotencyConflict (see `errors`). The key is looked up in `idempotency_scope` only."""
    key = (idempotency_key or "").strip() if isinstance(idempotency_key, str) else ""
    scope = idempotency_scope
    if not key or len(key) > MAX_KEY or not key.isprintable():
        raise InvalidOrder(
            {"idempotency_key": _("A unique key for this order (up to 100 characters) is needed.")}
        )
    if scope == ANONYMOUS_SCOPE and len(key) < MIN_ANONYMOUS_KEY:
        raise InvalidOrder(
            {
                "idempotency_key": _(
                    "Without an API token, the order key must have at least %(min)d "
                    "characters (for example a UUID), so it is not someone else's."
                )
                % {"min": MIN_ANONYMOUS_KEY}
            }
        )
    fingerprint = _fingerprint(
        lines=lines,
        buyer=buyer,
        delivery=delivery,
        payment_method=payment_method,
        channel=channel,
        source=source,
        source_ref=source_ref,
        user_id=getattr(user, "pk", None),
    )
    record = IdempotencyRecord.objects.filter(scope=scope, key=key).first()
    if record is not None:
        return _replay(record, fingerprint)
    clean = validate_request(
        lines=lines,
        buyer=buyer,
        delivery=delivery,
        payment_method=payment_method,
        channel=channel,
        source=source,
    )
    for attempt in range(3):
        try:
            with transaction.atomic():
                return _place_locked(
                    clean,
                    scope=scope,
                    key=key,
                    fingerprint=fingerprint,
                    source_ref=source_ref,
                    user=user,
                )
        except IntegrityError:
            # Most likely the same key placed by a concurrent request that committed first;
            # else an order code drawn twice at once (retry with new codes).
            record = IdempotencyRecord.objects.filter(scope=scope, key=key).first()
            if record is not None:
                return _replay(record, fingerprint)
            if attempt == 2:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


MAX_INPUT_DEPTH = 32  # like the API's JSON bodies (hoaban.core.edge.MAX_JSON_DEPTH)


def _fingerprint(**request: Any) -> str:
    """A hash of the request as given. Values nested deeper than MAX_INPUT_DEPTH are refused
    with InvalidOrder (not a RecursionError in `asdict` or `json.dumps`), whatever the channel."""

    def plain(value: Any, depth: int) -> Any:
        if depth > MAX_INPUT_DEPTH:
            raise InvalidOrder(
                {"body": _("The order has values nested too deeply. Send plain values.")}
            )
        if hasattr(value, "__dataclass_fields__"):
            return {f.name: plain(getattr(value, f.name), depth + 1) for f in fields(value)}
        if isinstance(value, dict):
            return {str(key): plain(item, depth + 1) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [plain(item, depth + 1) for item in value]
        return value

    text = json.dumps({k: plain(v, 1) for k, v in request.items()}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _replay(record: IdempotencyRecord, fingerprint: str) -> PlaceResult:
    if record.fingerprint != fingerprint:
        raise IdempotencyConflict()
    orders = list(
        record.orders.select_related("seller").prefetch_related("payments").order_by("pk")
    )
    return PlaceResult(orders=orders, response=record.response, replayed=True, token=record.token)


def _place_locked(
    clean: CleanRequest, *, scope: str, key: str, fingerprint: str, source_ref: str, user
) -> PlaceResult:
    record = IdempotencyRecord.objects.create(scope=scope, key=key, fingerprint=fingerprint)
    ids = sorted({product.pk for product, _q, _p in clean.lines})
    # Lock first (primary-key order: no deadlock between baskets), then read.
    locked = {
        p.pk: p
        for p in Product.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .filter(pk__in=ids)
        .order_by("pk")
    }
    now = timezone.now()
    held = reserved_quantities(ids, now)
    shortages = []
    for product, quantity, _price in clean.lines:
        current = locked[product.pk]
        available = max(current.stock - held.get(product.pk, 0), 0)
        if not current.is_published:
            raise InvalidOrder(
                {
                    "lines": _("%(name)s (%(code)s) is not for sale right now.")
                    % {"name": current.name, "code": current.code}
                }
            )
        if quantity > available:
            shortages.append(Shortage(current.code, current.name, quantity, available))
    if shortages:
        raise OutOfStock(shortages)

    by_seller: dict[int, list[tuple[Product, int, int]]] = {}
    for product, quantity, price in clean.lines:
        current = locked[product.pk]
        by_seller.setdefault(current.organisation_id, []).append((current, quantity, price))

    expires_at = reservation_expiry(clean.payment_method, now)
    orders = []
    for seller_lines in by_seller.values():
        order = _order_create(clean, seller_lines, record, source_ref, user, now, expires_at)
        orders.append(order)
        transaction.on_commit(partial(_notify_placed, order.pk), robust=True)
    record.response = placement_response(orders)
    record.save(update_fields=["response"])
    return PlaceResult(orders=orders, response=record.response, token=record.token)


def _notify_placed(order_id: int) -> None:
    from ..tasks import order_placed_notify

    order_placed_notify.delay(order_id)


def _order_code_unused() -> str:
    for _attempt in range(10):
        code = codes.order_code_new()
        if not Order.objects.filter(code=code).exists():
            return code
    raise RuntimeError("could not draw an unused order code")  # 1 in 33 million per try


def _order_create(clean, seller_lines, record, source_ref, user, now, expires_at) -> Order:
    seller = seller_lines[0][0].organisation
    subtotal = sum(quantity * price for _p, quantity, price in seller_lines)
    weight = sum(product.weight_grams * quantity for product, quantity, _p in seller_lines)
    carrier = carrier_for_delivery(clean.delivery_method)
    shipping_fee = carrier.quote(seller=seller, commune=clean.commune, weight_grams=weight).fee
    if shipping_fee > MAX_SHIPPING_FEE_VND:  # a carrier's quote gone wrong: refuse, clearly
        raise InvalidOrder({"delivery.method": str(SHIPPING_FEE_TOO_HIGH)})
    if subtotal + shipping_fee > MAX_ORDER_TOTAL_VND:  # a bigint and a VietQR amount hold it
        raise InvalidOrder({"lines": str(ORDER_TOTAL_TOO_HIGH)})
    order = Order.objects.create(
        code=_order_code_unused(),
        seller=seller,
        channel=clean.channel,
        source=clean.source,
        source_ref=printable(source_ref if isinstance(source_ref, str) else "")[:100],
        placement=record,
        buyer_name=clean.buyer_name,
        buyer_phone=clean.buyer_phone,
        buyer_user=user if getattr(user, "is_authenticated", False) else None,
        language=clean.language,
        delivery_method=clean.delivery_method,
        address=clean.address,
        commune=clean.commune,
        carrier_address=clean.carrier_address,
        subtotal=subtotal,
        shipping_fee=shipping_fee,
        total=subtotal + shipping_fee,
        created_at=now,
    )
    order_lines = OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            product=product,
            product_code=product.code,
            product_name=product.name,
            unit_price=price,
            quantity=quantity,
            line_total=price * quantity,
        )
        for product, quantity, price in seller_lines
    )
    StockReservation.objects.bulk_create(
        StockReservation(
            product_id=line.product_id,
            order_line=line,
            quantity=line.quantity,
            expires_at=expires_at,
            created_at=now,
        )
        for line in order_lines
    )
    catalog_changed()  # what is left to buy changed: public pages show it (core.pagecache)
    payload = ""
    if clean.payment_method == Payment.Method.VIETQR:
        try:
            payload = vietqr.encode(
                vietqr.VietQR(
                    bank_bin=seller.bank_bin,
                    account=seller_account(seller),
                    amount=order.total or None,
                    purpose=vietqr.purpose_text(order.code),
                )
            )
        except vietqr.VietQRError as error:  # bank details changed since validation
            raise InvalidOrder(
                {
                    "payment": _(
                        "%(seller)s cannot receive bank transfers yet. "
                        "Please choose another way to pay."
                    )
                    % {"seller": seller.name}
                }
            ) from error
    order.payment = Payment.objects.create(
        order=order, method=clean.payment_method, amount=order.total, vietqr=payload
    )
    OrderEvent.objects.create(
        order=order,
        actor=user if getattr(user, "is_authenticated", False) else None,
        kind=OrderEvent.Kind.PLACED,
        to_status=Order.Status.PLACED,
        at=now,
    )
    return order
