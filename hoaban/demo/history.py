"""The demo's order history: orders placed and moved through the real services, dated honestly.

Every order is placed with `commerce.services.order_place` and moved with the lifecycle and
payments services (`order_confirm` … `order_return`, `payment_mark_received`,
`payment_refund`), never around them: statuses, amounts, stock and the ledger are theirs.

Those services stamp `timezone.now()`. To give the history its past there is ONE step written
by hand, `_stamp`: right after each service call it sets the timestamps of the rows that call
just wrote (the order's events, payments, shipment, stock movements and reservations, the
order's placed/updated times, its placement record) to the step's planned moment, and nothing
else. The steps of all orders run in the order of their moments, so the stock ledger's balances
follow time; and every demo product's opening receipt is dated when the product was listed,
before any sale (`_date_opening_receipts`).

Deterministic: `history_plan` draws every order from a seeded generator over the loaded plan,
moments counted back from the minute of loading (so waiting orders are fresh: a placed order
still holds its stock). Order codes are the service's own (random: they open tracking).
Idempotent: each order has its key in the scope `demo-history`; an order whose key exists is
skipped whole (so a second `hoaban demo` adds nothing). Historic orders tell nobody: the
notifications their services queue are dropped (fictional buyers, months-old news).
"""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from hoaban.accounts.models import User
from hoaban.catalog.models import Product
from hoaban.commerce import services as commerce
from hoaban.commerce.errors import InvalidOrder, OutOfStock
from hoaban.commerce.models import (
    IdempotencyRecord,
    Order,
    OrderEvent,
    Payment,
    Shipment,
    StockReservation,
)
from hoaban.commerce.stock import reservation_expiry
from hoaban.inventory.models import StockMovement
from hoaban.orgs.models import Membership

from .history_plan import PlannedOrder, history_plan
from .rows import PlannedOrg

SCOPE = "demo-history"
OPENING_NOTE = "Demo"  # the note of the opening receipts (loader.products)


def history_anchor() -> datetime.datetime:
    """The moment the history ends: the current minute (not the hour: an unpaid transfer
    placed an hour before it must still hold its units, which it does for two hours)."""
    return timezone.now().replace(second=0, microsecond=0)


def history_load(
    *, plan: list[PlannedOrg], codes: set[str], anchor: datetime.datetime | None = None
) -> int:
    """Place and move the demo orders that are missing; return how many were placed.

    `codes`: the demo's own products (a product someone made with a demo code is not sold)."""
    anchor = anchor or history_anchor()
    with transaction.atomic():
        queued = len(connection.run_on_commit)
        started = timezone.now()
        _date_opening_receipts(sorted(codes))
        planned = history_plan(plan, anchor)
        done = set(
            IdempotencyRecord.objects.filter(
                scope=SCOPE, key__in=[o.key for o in planned]
            ).values_list("key", flat=True)
        )
        todo = [o for o in planned if o.key not in done and all(c in codes for c, _q in o.lines)]
        placed = _Runner(todo, started).run() if todo else 0
        # Drop the SMS/Zalo messages the services queued for these orders (see above).
        del connection.run_on_commit[queued:]
    return placed


def _date_opening_receipts(codes: list[str]) -> None:
    """The opening stock arrived when the product was listed (before any sale)."""
    listed = Product.objects.filter(pk=OuterRef("product_id")).values("created_at")[:1]
    movements = StockMovement.objects.filter(
        kind=StockMovement.Kind.RECEIPT, note=OPENING_NOTE, product__code__in=codes
    )
    late = [
        pk
        for pk, at, created in movements.values_list("pk", "at", "product__created_at")
        if at > created
    ]
    StockMovement.objects.filter(pk__in=late).update(at=Subquery(listed))


class _Runner:
    def __init__(self, orders: list[PlannedOrder], started: datetime.datetime):
        self.started = started  # rows written at or after this are the services' own stamps
        self.planned = {o.key: o for o in orders}
        self.steps = sorted(
            ((at, index, step, o.key) for o in orders for index, (at, step) in enumerate(o.steps)),
        )
        slugs = {o.seller for o in orders}
        self.managers = {
            m.organisation.slug: m.user
            for m in Membership.objects.select_related("organisation", "user").filter(
                organisation__slug__in=slugs, role=Membership.Role.MANAGER
            )
        }
        logins = {o.buyer.phone for o in orders if o.buyer.login}
        self.users = {u.phone: u for u in User.objects.filter(phone__in=logins)}
        self.orders: dict[str, Order] = {}
        self.skipped: set[str] = set()

    def run(self) -> int:
        for at, _index, step, key in self.steps:
            if key in self.skipped:
                continue
            planned = self.planned[key]
            if step == "place":
                if not self.place(planned, at):
                    self.skipped.add(key)
                continue
            order = Order.objects.get(pk=self.orders[key].pk)
            getattr(self, step)(planned, order, self.managers[planned.seller])
            self.stamp(order, at, planned, step)
        return len(self.orders)

    # --- the steps: each one service call ---------------------------------------------

    def place(self, planned: PlannedOrder, at: datetime.datetime) -> bool:
        buyer = planned.buyer
        user = self.users.get(buyer.phone) if planned.channel in ("eco", "b2b") else None
        try:
            with transaction.atomic():
                result = commerce.order_place(
                    lines=[commerce.LineInput(code, qty) for code, qty in planned.lines],
                    buyer=commerce.BuyerInput(buyer.name, buyer.phone, planned.language),
                    delivery=commerce.DeliveryInput(
                        planned.delivery,
                        address=buyer.address if planned.delivery == "ship" else "",
                        commune=buyer.commune if planned.delivery == "ship" else None,
                    ),
                    payment_method=planned.payment,
                    channel=planned.channel,
                    source=planned.source,
                    idempotency_key=planned.key,
                    idempotency_scope=SCOPE,
                    user=user,
                )
        except (OutOfStock, InvalidOrder):  # e.g. stock sold by hand since: leave it out
            return False
        order = result.orders[0]
        self.orders[planned.key] = order
        Order.objects.filter(pk=order.pk).update(created_at=at)
        IdempotencyRecord.objects.filter(scope=SCOPE, key=planned.key).update(created_at=at)
        StockReservation.objects.filter(order_line__order=order).update(
            created_at=at, expires_at=reservation_expiry(planned.payment, at)
        )
        self.stamp(order, at, planned, "place")
        return True

    def pay(self, planned, order, by) -> None:
        payment = order.payments.get(kind=Payment.Kind.CHARGE)
        commerce.payment_mark_received(payment=payment, by=by)

    def confirm(self, planned, order, by) -> None:
        commerce.order_confirm(order=order, by=by)

    def pack(self, planned, order, by) -> None:
        commerce.order_pack(order=order, by=by)

    def ship(self, planned, order, by) -> None:
        tracking = "" if planned.carrier == "seller" else f"DEMO{order.code}"
        commerce.order_ship(order=order, by=by, carrier=planned.carrier, tracking_code=tracking)

    def deliver(self, planned, order, by) -> None:
        commerce.order_deliver(order=order, by=by)
        if planned.payment in (Payment.Method.COD, Payment.Method.CASH):
            payment = order.payments.get(kind=Payment.Kind.CHARGE)
            commerce.payment_mark_received(payment=payment, by=by)

    def complete(self, planned, order, by) -> None:
        commerce.order_complete(order=order, by=by)

    def cancel(self, planned, order, by) -> None:
        commerce.order_cancel(order=order, by=by, reason=planned.note)

    def cancel_by_buyer(self, planned, order, by) -> None:
        commerce.order_cancel_by_buyer(
            order=order, buyer_phone=planned.buyer.phone, reason=planned.note
        )

    def refund(self, planned, order, by) -> None:
        held = Order.objects.prefetch_related("payments").get(pk=order.pk).paid_amount
        if held > 0:
            method = Payment.Method.VIETQR if planned.payment == "vietqr" else Payment.Method.CASH
            commerce.payment_refund(order=order, by=by, amount=held, method=method)

    def return_goods(self, planned, order, by) -> None:
        commerce.order_return(order=order, by=by, restock=True, reason=planned.note)

    # --- the one hand-written step: date what the call just wrote -----------------------

    def stamp(self, order: Order, at: datetime.datetime, planned: PlannedOrder, step: str):
        fresh = self.started
        OrderEvent.objects.filter(order=order, at__gte=fresh).update(at=at)
        Order.objects.filter(pk=order.pk).update(updated_at=at)
        tables = STAMPED.get(step, ())
        if "payments" in tables:
            Payment.objects.filter(order=order, created_at__gte=fresh).update(created_at=at)
            Payment.objects.filter(order=order, received_at__gte=fresh).update(received_at=at)
        if "shipment" in tables:
            Shipment.objects.filter(order=order, created_at__gte=fresh).update(created_at=at)
        if "movements" in tables:
            StockMovement.objects.filter(order_code=order.code, at__gte=fresh).update(at=at)
        if step == "pay" and order.status == Order.Status.PLACED:
            # A received transfer holds the units until the seller confirms.
            StockReservation.objects.filter(order_line__order=order).update(
                expires_at=reservation_expiry(planned.payment, at, paid=True)
            )


# Besides the order's events and its `updated_at`: what each step writes with a time.
STAMPED = {
    "place": ("payments",),
    "pay": ("payments",),
    "confirm": ("movements",),
    "ship": ("shipment",),
    "deliver": ("payments",),
    "cancel": ("movements", "payments"),
    "cancel_by_buyer": ("movements", "payments"),
    "refund": ("payments",),
    "return_goods": ("movements", "payments"),
}
