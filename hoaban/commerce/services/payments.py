"""An order's payments: record a deposit or the rest, mark one received, refund.

An order may have several payments. Placement makes the first one, the *charge* (how the buyer
chose to pay, for the whole total). The seller may then record a *deposit* or *the rest*
(`balance`) — each recorded one is taken out of the still-pending charge, so the charge (its
VietQR payload, the cash a carrier collects) always asks for what is still due — and a *refund*
when money goes back to the buyer.

Locking: every function here locks the ORDER first (the same row `order_confirm` and
`order_cancel` lock), then its payments in primary-key order. So a payment marked received and a
cancellation are serialised by the order row: either the money arrives first and the cancellation
is refused ("refund it first"), or the order is cancelled first and the payment is refused. An
order is never both cancelled and paid.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hoaban.core.bounds import MAX_ORDER_TOTAL_VND
from hoaban.core.money import format_vnd

from ..errors import NotAllowed, OrderError
from ..models import Order, OrderEvent, Payment, StockReservation
from ..payments import vietqr
from ..stock import active_reservations_q, reservation_expiry
from .lifecycle import _notify, _order_for_update, user_can_manage
from .validation import seller_account

S = Order.Status
K = Payment.Kind
CLOSED = frozenset({S.CANCELLED, S.RETURNED})
# No payment can be larger than the largest order total (what a VietQR payload can carry).
AMOUNT_MAX = MAX_ORDER_TOTAL_VND


class PaymentRefused(OrderError):
    """A payment rule refused the request. `code` is stable, for programs."""

    def __init__(self, message: str, *, code: str, field: str | None = None):
        super().__init__(message, field=field)
        self.code = code


def _payments_for_update(order: Order) -> list[Payment]:
    """The order's payments, locked in pk order (call with the order already locked)."""
    return list(Payment.objects.select_for_update().filter(order=order).order_by("pk"))


def _net_received(payments: list[Payment]) -> int:
    received = sum(p.amount for p in payments if p.is_received and not p.is_refund)
    refunded = sum(p.amount for p in payments if p.is_received and p.is_refund)
    return received - refunded


def _recorded_pending(payments: list[Payment]) -> int:
    """Deposits and rests recorded but not yet received (the charge follows what is left)."""
    return sum(
        p.amount
        for p in payments
        if p.status == Payment.Status.PENDING and p.kind in (K.DEPOSIT, K.BALANCE)
    )


def _check_amount(amount) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise PaymentRefused(
            _("Enter an amount in đồng greater than 0."), code="invalid_amount", field="amount"
        )
    if amount > AMOUNT_MAX:
        raise PaymentRefused(
            _("This amount is too large. Check the number and try again."),
            code="invalid_amount",
            field="amount",
        )
    return amount


def _check_method(method: str) -> str:
    if method not in Payment.Method.values:
        raise PaymentRefused(
            _("Choose how the money is paid: cash on delivery, bank transfer or cash."),
            code="invalid_field",
            field="method",
        )
    return method


def _vietqr_payload(order: Order, amount: int) -> str:
    seller = order.seller
    try:
        return vietqr.encode(
            vietqr.VietQR(
                bank_bin=seller.bank_bin,
                account=seller_account(seller),
                amount=amount or None,
                purpose=vietqr.purpose_text(order.code),
            )
        )
    except vietqr.VietQRError as error:
        raise PaymentRefused(
            _("%(seller)s cannot receive bank transfers yet. Choose cash instead.")
            % {"seller": seller.name},
            code="invalid_field",
            field="method",
        ) from error


def _settle_charge(order: Order, payments: list[Payment]) -> None:
    """The pending charge asks for what is still due once recorded payments are counted:
    its amount (and VietQR payload) follow; at 0 it is no longer due."""
    open_amount = order.total - _net_received(payments) - _recorded_pending(payments)
    for charge in payments:
        if charge.kind != K.CHARGE or charge.status != Payment.Status.PENDING:
            continue
        if open_amount <= 0:
            charge.status = Payment.Status.VOID
            charge.save(update_fields=["status"])
        elif charge.amount != open_amount:
            charge.amount = open_amount
            if charge.method == Payment.Method.VIETQR:
                charge.vietqr = _vietqr_payload(order, open_amount)
            charge.save(update_fields=["amount", "vietqr"])
        open_amount = 0  # only the first pending charge carries the rest


def payments_close(order: Order, *, returned: bool = False) -> None:
    """Called by a cancellation or a return (with the order locked): drop what was still
    asked for. A cancellation is refused while money is held (refund it first); a returned
    order keeps what was paid (refund it after, with `payment_refund`)."""
    payments = _payments_for_update(order)
    held = _net_received(payments)
    if held > 0 and not returned:
        raise PaymentRefused(
            _(
                "%(amount)s has been paid for order %(code)s. "
                "Refund it to the buyer first, then cancel the order."
            )
            % {"amount": format_vnd(held), "code": order.code},
            code="refund_first",
        )
    Payment.objects.filter(
        pk__in=[p.pk for p in payments if p.status == Payment.Status.PENDING]
    ).update(status=Payment.Status.VOID)


def _locked(order: Order, by) -> tuple[Order, list[Payment]]:
    locked = _order_for_update(order)
    if not user_can_manage(by, locked.seller_id):
        raise NotAllowed()
    return locked, _payments_for_update(locked)


def _event(order: Order, by, kind: str, note: str) -> None:
    OrderEvent.objects.create(
        order=order,
        actor=by,
        kind=kind,
        from_status=order.status,
        to_status=order.status,
        note=(note or "")[:255],
    )


def payment_record(
    *, order: Order, by, amount: int, method: str, kind: str = K.DEPOSIT, note: str = ""
) -> Payment:
    """The seller asks for (or writes down) a deposit or the rest: a pending payment of
    `amount`, taken out of the pending charge. Mark it received when the money arrives."""
    with transaction.atomic():
        locked, payments = _locked(order, by)
        if locked.status in CLOSED:
            raise PaymentRefused(
                _("Order %(code)s was cancelled or returned; no payment can be added.")
                % {"code": locked.code},
                code="order_closed",
            )
        if kind not in (K.DEPOSIT, K.BALANCE):
            raise PaymentRefused(
                _("Choose a deposit or the rest."), code="invalid_field", field="kind"
            )
        amount = _check_amount(amount)
        method = _check_method(method)
        open_amount = locked.total - _net_received(payments) - _recorded_pending(payments)
        if amount > open_amount:
            raise PaymentRefused(
                _("Only %(open)s is still due for order %(code)s. Enter at most that.")
                % {"open": format_vnd(max(open_amount, 0)), "code": locked.code},
                code="amount_beyond_balance",
                field="amount",
            )
        payment = Payment.objects.create(
            order=locked,
            kind=kind,
            method=method,
            amount=amount,
            vietqr=_vietqr_payload(locked, amount) if method == Payment.Method.VIETQR else "",
            recorded_by=by,
        )
        payments.append(payment)
        _settle_charge(locked, payments)
        _event(locked, by, OrderEvent.Kind.PAYMENT_RECORDED, note or format_vnd(amount))
    return payment


def payment_mark_received(*, payment: Payment, by, note: str = "") -> Payment:
    """The seller saw the transfer (or got the cash): this payment is paid, event written.

    Locks the order first, then the payment (the order's status is read under that lock)."""
    with transaction.atomic():
        locked_order, payments = _locked(Order(pk=payment.order_id), by)
        locked = next((p for p in payments if p.pk == payment.pk), None)
        if locked is None:  # cannot happen: the payment's own order was locked
            raise NotAllowed()
        if locked.status != Payment.Status.PENDING:
            raise PaymentRefused(
                _("This payment for order %(code)s is already “%(status)s”.")
                % {"code": locked_order.code, "status": locked.get_status_display()},
                code="already_settled",
            )
        if locked_order.status in CLOSED:
            raise PaymentRefused(
                _("Order %(code)s was cancelled or returned; its payment cannot be marked.")
                % {"code": locked_order.code},
                code="order_closed",
            )
        due = locked_order.total - _net_received(payments)
        if locked.amount > due:
            raise PaymentRefused(
                _("Only %(open)s is still due for order %(code)s; this payment is for %(amount)s.")
                % {
                    "open": format_vnd(max(due, 0)),
                    "code": locked_order.code,
                    "amount": format_vnd(locked.amount),
                },
                code="amount_beyond_balance",
            )
        locked.status = Payment.Status.PAID
        locked.received_at = timezone.now()
        locked.received_by = by
        locked.save(update_fields=["status", "received_at", "received_by"])
        if locked_order.status == S.PLACED:
            _hold_until_confirmed(locked_order, locked.method, locked.received_at)
        _settle_charge(locked_order, payments)
        _event(locked_order, by, OrderEvent.Kind.PAYMENT_RECEIVED, note)
        transaction.on_commit(partial(_notify, locked_order.pk, "paid"), robust=True)
    return locked


def payment_refund(*, order: Order, by, amount: int, method: str, note: str = "") -> Payment:
    """Money handed back to the buyer (now): at most what was paid and not yet refunded."""
    with transaction.atomic():
        locked, payments = _locked(order, by)
        amount = _check_amount(amount)
        method = _check_method(method)
        held = _net_received(payments)
        if amount > held:
            raise PaymentRefused(
                _("Only %(paid)s was paid for order %(code)s; you cannot refund more.")
                % {"paid": format_vnd(max(held, 0)), "code": locked.code},
                code="refund_beyond_paid",
                field="amount",
            )
        now = timezone.now()
        payment = Payment.objects.create(
            order=locked,
            kind=K.REFUND,
            method=method,
            amount=amount,
            status=Payment.Status.PAID,
            recorded_by=by,
            received_at=now,
            received_by=by,
        )
        _event(locked, by, OrderEvent.Kind.REFUNDED, note or format_vnd(amount))
    return payment


def _hold_until_confirmed(order: Order, method: str, now) -> None:
    """A paid transfer holds its units as long as an unpaid cash order does (not just the
    short unpaid-transfer hold). Only holds still active: an expired one freed its units,
    which someone else may have taken since (confirmation checks the stock again)."""
    StockReservation.objects.filter(
        active_reservations_q(now),
        order_line__order=order,
        expires_at__lt=reservation_expiry(method, now, paid=True),
    ).update(expires_at=reservation_expiry(method, now, paid=True))
