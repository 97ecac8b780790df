"""Every order status change, in one module, each writing an event (payments: payments.py).

    placed → confirmed → packed → shipped → delivered → completed
    placed / confirmed / packed → cancelled;  shipped / delivered → returned
    packed → delivered directly for pick-up orders (handed over at the cooperative)

Only managers of the selling organisation (or platform superusers) may change an order.
Confirming turns the reservation into a real stock decrement (conditional update: never below
zero); if the reservation expired meanwhile, availability is checked again under the lock.
Cancelling releases the reservation, or puts the units back once the stock was decremented.
Every stock change is written by `hoaban.inventory.services` (sale, cancellation, return
movements naming the order); this module decides when, inventory changes the numbers.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hoaban.accounts.access import managed_organisations
from hoaban.accounts.phone import InvalidPhone, normalize_phone
from hoaban.catalog.models import Product
from hoaban.inventory import services as inventory

from ..errors import NotAllowed, OrderError, OutOfStock, Shortage, TransferNotReceived
from ..models import Order, OrderEvent, OrderLine, Payment, Shipment, StockReservation
from ..shipping import Carrier, Parcel
from ..stock import reserved_quantities

S = Order.Status
TRANSITIONS: dict[str, frozenset[str]] = {
    S.PLACED: frozenset({S.CONFIRMED, S.CANCELLED}),
    S.CONFIRMED: frozenset({S.PACKED, S.CANCELLED}),
    S.PACKED: frozenset({S.SHIPPED, S.DELIVERED, S.CANCELLED}),
    S.SHIPPED: frozenset({S.DELIVERED, S.RETURNED}),
    S.DELIVERED: frozenset({S.COMPLETED, S.RETURNED}),
    S.COMPLETED: frozenset(),
    S.CANCELLED: frozenset(),
    S.RETURNED: frozenset(),
}
# Statuses in which the stock has already been decremented (confirmed, not yet gone).
STOCK_TAKEN = frozenset({S.CONFIRMED, S.PACKED})
NOTIFY_BUYER = frozenset({S.CONFIRMED, S.SHIPPED, S.DELIVERED, S.CANCELLED})


def user_can_manage(user, organisation_id: int) -> bool:
    """Managers of the organisation, and admins (`accounts.access` decides)."""
    return managed_organisations(user).filter(pk=organisation_id).exists()


def _order_for_update(order: Order) -> Order:
    return Order.objects.select_for_update(of=("self",)).select_related("seller").get(pk=order.pk)


def _notify(order_id: int, kind: str) -> None:
    from ..tasks import order_event_notify

    order_event_notify.delay(order_id, kind)


def _refuse(order: Order, target: str) -> OrderError:
    return OrderError(
        _("Order %(code)s is “%(status)s”; it cannot become “%(target)s”.")
        % {
            "code": order.code,
            "status": order.get_status_display(),
            "target": S(target).label,
        }
    )


def _transition(
    order: Order, target: str, by, note="", apply=None, *, by_buyer: bool = False
) -> Order:
    """Lock, check who and whether, apply the side effect, save, record, notify.

    `note`: the event's note, or a function giving it once `apply` ran.

    `by_buyer`: the caller already checked the buyer's phone; `by` is then None."""
    with transaction.atomic():
        locked = _order_for_update(order)
        if not by_buyer and not user_can_manage(by, locked.seller_id):
            raise NotAllowed()
        if target not in TRANSITIONS[locked.status]:
            raise _refuse(locked, target)
        if target in (S.CANCELLED, S.RETURNED):  # under the order lock, as payments are
            from .payments import payments_close  # marked received

            payments_close(locked, returned=target == S.RETURNED)
        if apply is not None:
            apply(locked)
        previous = locked.status
        locked.status = target
        locked.save(update_fields=["status", "updated_at"])
        OrderEvent.objects.create(
            order=locked,
            actor=by,
            kind=target,
            from_status=previous,
            to_status=target,
            note=((note() if callable(note) else note) or "")[:255],
        )
        if target in NOTIFY_BUYER:
            transaction.on_commit(partial(_notify, locked.pk, str(target)), robust=True)
    return locked


def _lines_and_products(order: Order) -> tuple[list[OrderLine], dict[int, Product]]:
    lines = list(order.lines.order_by("pk"))
    ids = sorted({line.product_id for line in lines})
    products = {
        p.pk: p
        for p in Product.objects.select_for_update(of=("self",)).filter(pk__in=ids).order_by("pk")
    }
    return lines, products


def _items(lines: list[OrderLine]) -> list[inventory.Item]:
    return [inventory.Item(line.product_id, line.quantity, line.pk) for line in lines]


def _take_stock(order: Order, _by=None) -> None:
    """Reservation → real decrement. Never below zero (conditional update + constraint)."""
    lines, products = _lines_and_products(order)
    now = timezone.now()
    reservations = {
        r.order_line_id: r
        for r in StockReservation.objects.select_for_update().filter(order_line__in=lines)
    }
    held = reserved_quantities(list(products), now)
    shortages = []
    for line in lines:
        reservation = reservations.get(line.pk)
        product = products[line.product_id]
        if reservation is not None and reservation.is_active(now):
            # Our own units are among the held ones: the stock covers them unless edited down.
            enough = product.stock >= line.quantity
            available = product.stock
        else:
            available = max(product.stock - held.get(product.pk, 0), 0)
            enough = available >= line.quantity
        if not enough:
            shortages.append(Shortage(product.code, product.name, line.quantity, available))
    if shortages:
        raise OutOfStock(shortages)
    try:
        inventory.stock_sell(items=_items(lines), by=_by, order_code=order.code)
    except inventory.StockError as error:  # the stock is elsewhere than the store
        product = products[error.product_id]
        wanted = sum(line.quantity for line in lines if line.product_id == product.pk)
        raise OutOfStock(
            [Shortage(product.code, product.name, wanted, error.available or 0)]
        ) from error
    StockReservation.objects.filter(order_line__in=lines).update(is_consumed=True)


def _give_back(order: Order, by=None) -> None:
    """Cancel: release the hold, or put the units back if the stock was decremented."""
    lines = list(order.lines.order_by("pk"))
    if order.status in STOCK_TAKEN:
        inventory.stock_cancel(items=_items(lines), by=by, taken=True, order_code=order.code)
    else:  # a hold already released (it expired: holds.reservations_expire) is not again
        held = set(
            StockReservation.objects.filter(
                order_line__in=lines, is_released=False, is_consumed=False
            ).values_list("order_line_id", flat=True)
        )
        inventory.stock_release(
            items=_items([line for line in lines if line.pk in held]),
            by=by,
            order_code=order.code,
        )
    StockReservation.objects.filter(order_line__order=order, is_consumed=False).update(
        is_released=True
    )


def order_confirm(*, order: Order, by) -> Order:
    return _transition(order, S.CONFIRMED, by, apply=partial(_take_stock, _by=by))


def order_pack(*, order: Order, by) -> Order:
    """Packed: each line without a lot is recorded as packed from the proposed one."""
    from .lots import order_lots_propose

    return _transition(order, S.PACKED, by, apply=order_lots_propose)


def transfer_pending(order: Order) -> bool:
    """Is a bank transfer (VietQR) of this order still to be received? (1 query)"""
    return (
        Payment.objects.filter(
            order=order, method=Payment.Method.VIETQR, status=Payment.Status.PENDING
        )
        .exclude(kind=Payment.Kind.REFUND)
        .exists()
    )


def order_ship(
    *,
    order: Order,
    by,
    carrier: str = "seller",
    tracking_code: str = "",
    fee: int = 0,
    raw=None,
    before_payment: bool = False,
) -> Order:
    """Mark shipped and record the shipment (carrier code, its tracking code and fee).

    A bank-transfer order ships once the transfer is received; `before_payment=True` is the
    seller saying she ships before it (recorded in the event). Else TransferNotReceived."""
    if order.delivery_method == Order.Delivery.PICKUP:
        raise OrderError(_("This order is picked up at the cooperative; it is not shipped."))
    notes = [tracking_code or ""]

    def record(locked: Order) -> None:
        if transfer_pending(locked):  # under the order lock, as payments are marked received
            if not before_payment:
                raise TransferNotReceived(locked.code)
            notes.insert(0, _("Shipped before the bank transfer arrived."))
        Shipment.objects.create(
            order=locked,
            carrier=(carrier or "seller")[:20],
            tracking_code=(tracking_code or "").strip()[:60],
            fee=max(int(fee or 0), 0),
            raw=raw or {},
        )

    # The note is read after `record` ran (it may add the warning).
    note = lambda: " ".join(part for part in notes if part)  # noqa: E731
    return _transition(order, S.SHIPPED, by, note=note, apply=record)


def order_deliver(*, order: Order, by) -> Order:
    def check(locked: Order) -> None:
        if locked.status == S.PACKED and locked.delivery_method != Order.Delivery.PICKUP:
            raise _refuse(locked, S.DELIVERED)

    return _transition(order, S.DELIVERED, by, apply=check)


def order_complete(*, order: Order, by) -> Order:
    return _transition(order, S.COMPLETED, by)


def order_cancel(*, order: Order, by, reason: str = "") -> Order:
    return _transition(order, S.CANCELLED, by, note=reason, apply=partial(_give_back, by=by))


def order_cancel_by_buyer(*, order: Order, buyer_phone: str, reason: str = "") -> Order:
    """The buyer changed her mind: allowed (with the phone the order was placed with) until
    the seller confirms. Releases the hold; the seller is told by the order's event."""
    try:
        phone = normalize_phone(buyer_phone)
    except InvalidPhone:
        phone = ""
    if not phone or phone != order.buyer_phone:
        raise NotAllowed(_("Only the buyer of this order can cancel it."))

    def release(locked: Order) -> None:
        if locked.status != S.PLACED:  # checked under the lock: the seller may just confirm
            raise OrderError(
                _("The seller has already confirmed order %(code)s. Please call them to cancel it.")
                % {"code": locked.code}
            )
        _give_back(locked)

    note = _("Cancelled by the buyer.") + (f" {reason}" if reason else "")
    return _transition(order, S.CANCELLED, None, note=note, apply=release, by_buyer=True)


def order_return(*, order: Order, by, restock: bool = False, reason: str = "") -> Order:
    """The goods came back. `restock=True` puts the units back on sale (if they are sound)."""

    def back(locked: Order) -> None:
        if restock:
            lines = list(locked.lines.order_by("pk"))
            inventory.stock_return(items=_items(lines), by=by, order_code=locked.code, note=reason)

    return _transition(order, S.RETURNED, by, note=reason, apply=back)


def order_parcel(order: Order) -> Parcel:
    """What a carrier needs to carry this order (plain values)."""
    lines = list(order.lines.select_related("product"))
    # What the carrier collects: the cash-on-delivery payments still due (the rest, once a
    # deposit was paid).
    collect = sum(
        p.amount
        for p in order.payments.all()
        if p.method == Payment.Method.COD
        and p.status == Payment.Status.PENDING
        and p.kind != Payment.Kind.REFUND
    )
    return Parcel(
        order_code=order.code,
        to_name=order.buyer_name,
        to_phone="0" + order.buyer_phone.removeprefix("+84"),
        to_address=", ".join(
            part
            for part in (
                order.address,
                order.commune.name if order.commune_id else "",
                order.commune.province.name if order.commune_id else "",
            )
            if part
        ),
        weight_grams=sum(line.product.weight_grams * line.quantity for line in lines) or 500,
        cod_amount=collect,
        insurance_value=order.subtotal,
        items=[
            {"name": line.product_name, "code": line.product_code, "quantity": line.quantity}
            for line in lines
        ],
        carrier_address=order.carrier_address or {},
    )


def order_ship_with_carrier(
    *, order: Order, by, carrier: Carrier, before_payment: bool = False
) -> Order:
    """Book the shipment with a carrier's API, then mark the order shipped.

    The carrier is called outside any transaction (a slow network must not hold locks); the
    order must be packed. Raises CarrierError if the carrier refuses."""
    if not user_can_manage(by, order.seller_id):
        raise NotAllowed()
    current = (
        Order.objects.select_related("commune__province")
        .prefetch_related("payments")
        .get(pk=order.pk)
    )
    if S.SHIPPED not in TRANSITIONS[current.status]:
        raise _refuse(current, S.SHIPPED)
    if not before_payment and transfer_pending(current):  # before booking the carrier
        raise TransferNotReceived(current.code)
    created = carrier.create_shipment(order_parcel(current))
    return order_ship(
        order=current,
        by=by,
        carrier=created.carrier,
        tracking_code=created.tracking_code,
        fee=created.fee,
        raw=created.raw,
        before_payment=before_payment,
    )
