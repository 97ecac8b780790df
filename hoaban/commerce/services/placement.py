"""`order_place`: the one entry point that turns a basket into orders, for every channel.

In one transaction: record the idempotency key (unique), lock the products in primary-key
order, compute what is available (stock − active reservations), reserve, split the basket
into one order per seller, create the payments (VietQR payload for transfers), write the
events, and queue one notification per order after commit.

Idempotency: the same key with the same request returns the first answer (no new order);
with a different request it raises `IdempotencyConflict`. Two identical requests racing are
resolved by the unique key: the loser's insert fails, it re-reads the winner's record.
Failed attempts leave nothing behind (the key row is rolled back with everything else), so a
buyer may fix the basket and retry with the same key.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hoaban.accounts.phone import InvalidPhone, normalize_phone
from hoaban.catalog.models import Product
from hoaban.places.models import Commune

from .. import codes
from ..errors import IdempotencyConflict, InvalidOrder, OutOfStock, Shortage
from ..models import (
    Channel,
    ChannelListing,
    IdempotencyRecord,
    Order,
    OrderEvent,
    OrderLine,
    Payment,
    StockReservation,
)
from ..payments import vietqr
from ..shipping import carrier_for_delivery
from ..stock import reservation_expiry, reserved_quantities
from ..summaries import placement_response

MAX_LINES = 50
MAX_QUANTITY = 10_000
MAX_KEY = 100


@dataclass(frozen=True)
class LineInput:
    product: Any  # the product's public code, e.g. "MD05"
    quantity: Any


@dataclass(frozen=True)
class BuyerInput:
    name: Any
    phone: Any
    language: str = ""  # "vi" or "en"; empty: the active language


@dataclass(frozen=True)
class DeliveryInput:
    method: Any  # "ship" or "pickup"
    address: Any = ""
    commune: Any = None  # commune code (post-2025), needed to ship
    carrier_address: dict | None = None  # what a carrier needs in pre-2025 levels


@dataclass
class PlaceResult:
    orders: list[Order]
    response: dict  # the JSON answer (same for a replay)
    replayed: bool = False


@dataclass
class _Clean:
    lines: list[tuple[Product, int, int]] = field(default_factory=list)  # product, qty, price
    buyer_name: str = ""
    buyer_phone: str = ""
    language: str = "vi"
    delivery_method: str = ""
    address: str = ""
    commune: Commune | None = None
    carrier_address: dict = field(default_factory=dict)
    payment_method: str = ""
    channel: Channel | None = None
    source: str = ""


def order_place(
    *,
    lines: Sequence[LineInput],
    buyer: BuyerInput,
    delivery: DeliveryInput,
    payment_method: str,
    channel: str,
    idempotency_key: str,
    source: str = "",
    source_ref: str = "",
    user=None,
) -> PlaceResult:
    """Place the basket; one order per seller. Raises InvalidOrder, OutOfStock,
    IdempotencyConflict (see `errors`)."""
    key = (idempotency_key or "").strip() if isinstance(idempotency_key, str) else ""
    if not key or len(key) > MAX_KEY:
        raise InvalidOrder(
            {"idempotency_key": _("A unique key for this order (up to 100 characters) is needed.")}
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
    record = IdempotencyRecord.objects.filter(key=key).first()
    if record is not None:
        return _replay(record, fingerprint)
    clean = _validate(
        lines=lines,
        buyer=buyer,
        delivery=delivery,
        payment_method=payment_method,
        channel=channel,
        source=source,
    )
    try:
        with transaction.atomic():
            return _place_locked(
                clean, key=key, fingerprint=fingerprint, source_ref=source_ref, user=user
            )
    except IntegrityError:
        # Most likely the same key placed by a concurrent request that committed first.
        record = IdempotencyRecord.objects.filter(key=key).first()
        if record is None:
            raise
        return _replay(record, fingerprint)


def _fingerprint(**request: Any) -> str:
    def plain(value: Any) -> Any:
        if hasattr(value, "__dataclass_fields__"):
            return asdict(value)
        if isinstance(value, list | tuple):
            return [plain(item) for item in value]
        return value

    text = json.dumps({k: plain(v) for k, v in request.items()}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _replay(record: IdempotencyRecord, fingerprint: str) -> PlaceResult:
    if record.fingerprint != fingerprint:
        raise IdempotencyConflict()
    orders = list(record.orders.select_related("seller", "payment").order_by("pk"))
    return PlaceResult(orders=orders, response=record.response, replayed=True)


def _text(value: Any, limit: int) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value if 0 < len(value) <= limit else None


def _validate(*, lines, buyer, delivery, payment_method, channel, source) -> _Clean:
    """Every field checked, every problem reported at once (field path → message)."""
    errors: dict[str, str] = {}
    clean = _Clean()

    channel_code = channel if channel in Channel.Code.values else None
    if channel_code is None:
        errors["channel"] = _("Unknown sales channel.")
    else:
        clean.channel = Channel.objects.get_or_create(
            code=channel_code, defaults={"name": Channel.Code(channel_code).label}
        )[0]
    if source in ("", None):
        clean.source = Order.Source.WEB
    elif source in Order.Source.values:
        clean.source = source
    else:
        errors["source"] = _("Unknown order source.")

    quantities = _validate_lines(lines, errors)
    _validate_buyer(buyer, clean, errors)
    _validate_delivery(delivery, clean, errors)

    if payment_method not in Payment.Method.values:
        errors["payment"] = _("Choose how to pay: cash on delivery, bank transfer or cash.")
    elif payment_method == Payment.Method.COD and clean.delivery_method == Order.Delivery.PICKUP:
        errors["payment"] = _("Cash on delivery is for delivered orders. At pick-up, pay cash.")
    elif payment_method == Payment.Method.CASH and clean.delivery_method == Order.Delivery.SHIP:
        errors["payment"] = _("Cash at pick-up is for pick-up orders. Choose cash on delivery.")
    clean.payment_method = payment_method

    if quantities:
        _validate_products(quantities, clean, errors)
    if errors:
        raise InvalidOrder(errors)
    return clean


def _validate_lines(lines, errors: dict[str, str]) -> dict[str, tuple[int, int]]:
    """{code: (first line index, total quantity)}; repeated products are merged."""
    if not isinstance(lines, list | tuple) or not lines:
        errors["lines"] = _("The basket is empty. Add at least one product.")
        return {}
    if len(lines) > MAX_LINES:
        errors["lines"] = _("An order can have at most %(count)d different products.") % {
            "count": MAX_LINES
        }
        return {}
    quantities: dict[str, tuple[int, int]] = {}
    for index, line in enumerate(lines):
        code = line.product.strip().upper() if isinstance(line.product, str) else ""
        if not code:
            errors[f"lines.{index}.product"] = _("Choose a product.")
        quantity = line.quantity
        if isinstance(quantity, bool) or not isinstance(quantity, int):
            errors[f"lines.{index}.quantity"] = _("The quantity must be a whole number.")
            continue
        if quantity < 1:
            errors[f"lines.{index}.quantity"] = _("The quantity must be at least 1.")
            continue
        if quantity > MAX_QUANTITY:
            errors[f"lines.{index}.quantity"] = _(
                "The quantity is too large (at most %(max)d)."
            ) % {"max": MAX_QUANTITY}
            continue
        if code:
            first, total = quantities.get(code, (index, 0))
            quantities[code] = (first, total + quantity)
    return quantities


def _validate_buyer(buyer, clean: _Clean, errors: dict[str, str]) -> None:
    name = _text(getattr(buyer, "name", None), 150)
    if name is None:
        errors["buyer.name"] = _("Please write your name (up to 150 letters).")
    clean.buyer_name = name or ""
    try:
        clean.buyer_phone = normalize_phone(str(getattr(buyer, "phone", "") or ""))
    except InvalidPhone:
        errors["buyer.phone"] = _(
            "This is not a Vietnamese phone number. Write it like 0912 345 678."
        )
    language = getattr(buyer, "language", "") or translation.get_language() or "vi"
    clean.language = language if language in dict(settings.LANGUAGES) else "vi"


def _validate_delivery(delivery, clean: _Clean, errors: dict[str, str]) -> None:
    method = getattr(delivery, "method", None)
    if method not in Order.Delivery.values:
        errors["delivery.method"] = _("Choose delivery to an address or pick-up.")
        return
    clean.delivery_method = method
    carrier_address = getattr(delivery, "carrier_address", None) or {}
    clean.carrier_address = carrier_address if isinstance(carrier_address, dict) else {}
    if method == Order.Delivery.PICKUP:
        return
    address = _text(getattr(delivery, "address", None), 255)
    if address is None:
        errors["delivery.address"] = _(
            "Please write the delivery address: house number, street or village."
        )
    clean.address = address or ""
    commune = getattr(delivery, "commune", None)
    if isinstance(commune, str) and commune.strip().isdigit():
        commune = int(commune)
    found = None
    if isinstance(commune, int) and not isinstance(commune, bool) and 0 < commune < 2**31:
        found = Commune.objects.select_related("province").filter(code=commune).first()
    if found is None:
        errors["delivery.commune"] = _(
            "This commune does not exist. Please choose it from the list."
        )
    clean.commune = found


def _validate_products(
    quantities: dict[str, tuple[int, int]], clean: _Clean, errors: dict[str, str]
) -> None:
    products = {
        p.code: p
        for p in Product.objects.select_related("organisation").filter(code__in=list(quantities))
    }
    listings = {}
    if clean.channel is not None:
        listings = {
            listing.product_id: listing
            for listing in ChannelListing.objects.filter(
                channel=clean.channel, product__code__in=list(quantities)
            )
        }
    for code, (index, quantity) in quantities.items():
        product = products.get(code)
        if product is None:
            errors[f"lines.{index}.product"] = _("There is no product with the code %(code)s.") % {
                "code": code
            }
            continue
        listing = listings.get(product.pk)
        if (
            not product.is_published
            or not product.organisation.is_active
            or (listing is not None and not listing.is_available)
        ):
            errors[f"lines.{index}.product"] = _(
                "%(name)s (%(code)s) is not for sale right now."
            ) % {"name": product.name, "code": code}
            continue
        if clean.payment_method == Payment.Method.VIETQR and not _takes_transfers(
            product.organisation
        ):
            errors["payment"] = _(
                "%(seller)s cannot receive bank transfers yet. Please choose another way to pay."
            ) % {"seller": product.organisation.name}
        price = listing.price if listing is not None and listing.price is not None else None
        clean.lines.append((product, quantity, price if price is not None else product.price))


def _takes_transfers(seller) -> bool:
    """Bank details complete and in a form a VietQR payload can carry."""
    if not seller.can_receive_transfers:
        return False
    try:
        vietqr.encode(vietqr.VietQR(bank_bin=seller.bank_bin, account=_account(seller)))
    except vietqr.VietQRError:
        return False
    return True


def _account(seller) -> str:
    return "".join(seller.bank_account.split())


def _place_locked(
    clean: _Clean, *, key: str, fingerprint: str, source_ref: str, user
) -> PlaceResult:
    record = IdempotencyRecord.objects.create(key=key, fingerprint=fingerprint)
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

    expires_at = reservation_expiry(now)
    orders = []
    for seller_lines in by_seller.values():
        order = _order_create(clean, seller_lines, record, source_ref, user, now, expires_at)
        orders.append(order)
        transaction.on_commit(partial(_notify_placed, order.pk), robust=True)
    record.response = placement_response(orders)
    record.save(update_fields=["response"])
    return PlaceResult(orders=orders, response=record.response)


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
    order = Order.objects.create(
        code=_order_code_unused(),
        seller=seller,
        channel=clean.channel,
        source=clean.source,
        source_ref=(source_ref or "")[:100],
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
    payload = ""
    if clean.payment_method == Payment.Method.VIETQR:
        payload = vietqr.encode(
            vietqr.VietQR(
                bank_bin=seller.bank_bin,
                account=_account(seller),
                amount=order.total or None,
                purpose=vietqr.purpose_text(order.code),
            )
        )
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
