"""Several payments per order: a deposit, the rest, a refund; the order's paid amount, balance
and payment state computed from them; what is refused, with its code, and nothing changed."""

import pytest
from django.utils import translation

from hoaban.catalog.tests.factories import ManagerFactory, UserFactory
from hoaban.commerce.errors import NotAllowed
from hoaban.commerce.models import Order, OrderEvent, Payment
from hoaban.commerce.payments.vietqr import decode
from hoaban.commerce.services import (
    PaymentRefused,
    order_cancel,
    order_cancel_by_buyer,
    order_confirm,
    order_parcel,
    payment_mark_received,
    payment_record,
    payment_refund,
)

from .builders import BUYER_PHONE, place, product

pytestmark = pytest.mark.django_db
P = Payment.Status
STATE = Order.PaymentState


@pytest.fixture
def rice():
    return product(stock=10)


@pytest.fixture
def manager(rice):
    return ManagerFactory(organisation=rice.organisation).user


def placed(rice, payment="vietqr", quantity=2):
    return place([(rice, quantity)], payment=payment).orders[0]


def fresh(order) -> Order:
    return Order.objects.prefetch_related("payments").get(pk=order.pk)


def rows(order):
    return list(
        Payment.objects.filter(order=order)
        .order_by("pk")
        .values_list("kind", "method", "amount", "status")
    )


def refused(call, **kwargs) -> PaymentRefused:
    with pytest.raises(PaymentRefused) as caught:
        call(**kwargs)
    return caught.value


def messages_of(call, **kwargs) -> tuple[str, str, str]:
    """The refusal's code, its Vietnamese message and its English one."""
    with translation.override("vi"):
        vi = refused(call, **kwargs)
    with translation.override("en"):
        en = refused(call, **kwargs)
    return vi.code, str(vi.message), str(en.message)


def test_a_new_order_has_one_pending_charge_and_is_unpaid(rice):
    order = fresh(placed(rice))

    assert rows(order) == [("charge", "vietqr", order.total, "pending")]
    assert (order.paid_amount, order.balance_due, order.payment_state) == (
        0,
        order.total,
        STATE.UNPAID,
    )


def test_a_deposit_takes_its_share_out_of_the_charge_and_its_qr(rice, manager):
    order = placed(rice)
    total = order.total

    deposit = payment_record(
        order=order, by=manager, amount=30_000, method="vietqr", kind=Payment.Kind.DEPOSIT
    )

    assert rows(order) == [
        ("charge", "vietqr", total - 30_000, "pending"),
        ("deposit", "vietqr", 30_000, "pending"),
    ]
    assert decode(deposit.vietqr).amount == 30_000
    assert decode(fresh(order).payment.vietqr).amount == total - 30_000
    assert deposit.recorded_by == manager
    assert OrderEvent.objects.filter(order=order, kind="pay_recorded", actor=manager).count() == 1


def test_deposit_received_then_the_rest_makes_the_order_paid(rice, manager):
    order = placed(rice, payment="cod")
    total = order.total
    deposit = payment_record(order=order, by=manager, amount=20_000, method="cash")

    payment_mark_received(payment=deposit, by=manager)
    partly = fresh(order)
    assert (partly.paid_amount, partly.balance_due, partly.payment_state) == (
        20_000,
        total - 20_000,
        STATE.PARTLY_PAID,
    )
    # The carrier collects only the rest, with the charge that now asks for it.
    assert order_parcel(partly).cod_amount == total - 20_000

    payment_mark_received(payment=partly.payment, by=manager)

    paid = fresh(order)
    assert (paid.paid_amount, paid.balance_due, paid.payment_state) == (total, 0, STATE.PAID)
    assert rows(order) == [
        ("charge", "cod", total - 20_000, "paid"),
        ("deposit", "cash", 20_000, "paid"),
    ]
    assert order_parcel(paid).cod_amount == 0


def test_recording_the_whole_rest_leaves_the_charge_no_longer_due(rice, manager):
    order = placed(rice)
    total = order.total

    payment_record(order=order, by=manager, amount=total, method="cash", kind="balance")

    assert rows(order) == [
        ("charge", "vietqr", total, "void"),
        ("balance", "cash", total, "pending"),
    ]


def test_refund_after_a_return_makes_the_order_refunded(rice, manager):
    order = placed(rice)
    payment_mark_received(payment=order.payment, by=manager)

    refund = payment_refund(order=order, by=manager, amount=order.total, method="vietqr")

    after = fresh(order)
    assert (refund.kind, refund.status, refund.received_by) == ("refund", "paid", manager)
    assert (after.paid_amount, after.payment_state) == (0, STATE.REFUNDED)
    assert OrderEvent.objects.filter(order=order, kind="refunded").count() == 1


def test_a_return_drops_what_was_still_due_and_keeps_what_was_paid(rice, manager):
    from hoaban.commerce.services import order_deliver, order_pack, order_return, order_ship

    order = placed(rice, payment="cod")
    deposit = payment_record(order=order, by=manager, amount=10_000, method="cash")
    payment_mark_received(payment=deposit, by=manager)
    for step in (order_confirm, order_pack, order_ship, order_deliver):
        step(order=order, by=manager)

    order_return(order=order, by=manager, reason="vỡ")

    after = fresh(order)
    assert [(kind, status) for kind, _m, _a, status in rows(order)] == [
        ("charge", "void"),
        ("deposit", "paid"),
    ]
    assert (after.paid_amount, after.balance_due) == (10_000, 0)
    payment_refund(order=order, by=manager, amount=10_000, method="cash")
    assert fresh(order).payment_state == STATE.REFUNDED


def test_a_paid_order_cannot_be_cancelled_until_it_is_refunded(rice, manager):
    order = placed(rice)
    payment_mark_received(payment=order.payment, by=manager)

    with translation.override("en"):
        error = refused(order_cancel, order=order, by=manager)
    assert error.code == "refund_first"
    shown = f"{order.total:,} ₫".replace(",", ".")
    assert error.message == (
        f"{shown} has been paid for order {order.code}. "
        "Refund it to the buyer first, then cancel the order."
    )
    assert Order.objects.get(pk=order.pk).status == Order.Status.PLACED

    payment_refund(order=order, by=manager, amount=order.total, method="cash")
    order_cancel(order=order, by=manager)
    assert fresh(order).status == Order.Status.CANCELLED


def test_the_buyer_cannot_cancel_a_paid_order_either(rice, manager):
    order = placed(rice)
    payment_mark_received(payment=order.payment, by=manager)

    assert refused(order_cancel_by_buyer, order=order, buyer_phone=BUYER_PHONE).code == (
        "refund_first"
    )
    assert Order.objects.get(pk=order.pk).status == Order.Status.PLACED


def test_cancelling_drops_what_was_still_asked_for(rice, manager):
    order = placed(rice)
    payment_record(order=order, by=manager, amount=10_000, method="cash")

    order_cancel(order=order, by=manager)

    assert [status for *_, status in rows(order)] == ["void", "void"]
    assert fresh(order).balance_due == 0


def test_a_payment_on_a_cancelled_order_is_refused_and_nothing_changes(rice, manager):
    order = placed(rice)
    order_cancel(order=order, by=manager)
    before = rows(order)

    code, vi, en = messages_of(payment_record, order=order, by=manager, amount=1, method="cash")

    assert code == "order_closed"
    assert en == f"Order {order.code} was cancelled or returned; no payment can be added."
    assert vi == f"Đơn {order.code} đã bị hủy hoặc trả lại; không thể thêm khoản thanh toán."
    assert rows(order) == before
    assert refused(payment_mark_received, payment=order.payment, by=manager).code == (
        "already_settled"
    )


@pytest.mark.parametrize("amount", [0, -5, True, "1000", 1.5, 10**13, None])
def test_an_amount_that_is_not_a_positive_number_is_refused(rice, manager, amount):
    order = placed(rice)
    before = rows(order)

    error = refused(payment_record, order=order, by=manager, amount=amount, method="cash")

    assert (error.code, error.field) == ("invalid_amount", "amount")
    assert rows(order) == before


def test_zero_is_refused_with_a_message_in_both_languages(rice, manager):
    order = placed(rice)

    code, vi, en = messages_of(payment_record, order=order, by=manager, amount=0, method="cash")

    assert (code, en) == ("invalid_amount", "Enter an amount in đồng greater than 0.")
    assert vi == "Nhập số tiền (đồng) lớn hơn 0."


def test_an_amount_beyond_the_balance_is_refused(rice, manager):
    order = placed(rice)
    deposit = payment_record(order=order, by=manager, amount=10_000, method="cash")
    payment_mark_received(payment=deposit, by=manager)
    before = rows(order)
    rest = order.total - 10_000

    code, vi, en = messages_of(
        payment_record, order=order, by=manager, amount=rest + 1, method="cash"
    )

    shown = f"{rest:,} ₫".replace(",", ".")
    assert code == "amount_beyond_balance"
    assert en == f"Only {shown} is still due for order {order.code}. Enter at most that."
    assert vi == f"Đơn {order.code} chỉ còn phải trả {shown}. Hãy nhập không quá số đó."
    assert rows(order) == before


def test_a_refund_beyond_what_was_paid_is_refused(rice, manager):
    order = placed(rice)
    deposit = payment_record(order=order, by=manager, amount=10_000, method="cash")
    payment_mark_received(payment=deposit, by=manager)
    before = rows(order)

    code, vi, en = messages_of(
        payment_refund, order=order, by=manager, amount=10_001, method="cash"
    )

    assert code == "refund_beyond_paid"
    assert en == f"Only 10.000 ₫ was paid for order {order.code}; you cannot refund more."
    assert vi == f"Đơn {order.code} mới được trả 10.000 ₫; không thể hoàn lại nhiều hơn."
    assert rows(order) == before


def test_a_wrong_method_or_kind_is_refused(rice, manager):
    order = placed(rice)
    before = rows(order)

    assert refused(payment_record, order=order, by=manager, amount=1, method="bitcoin").field == (
        "method"
    )
    assert refused(
        payment_record, order=order, by=manager, amount=1, method="cash", kind="refund"
    ).field == ("kind")
    assert rows(order) == before


def test_another_organisations_manager_can_do_nothing(rice):
    order = placed(rice)
    stranger = ManagerFactory().user  # a manager, of another cooperative
    before = rows(order)

    for call, kwargs in (
        (payment_record, {"order": order, "amount": 1000, "method": "cash"}),
        (payment_refund, {"order": order, "amount": 1000, "method": "cash"}),
        (payment_mark_received, {"payment": order.payment}),
    ):
        with pytest.raises(NotAllowed):
            call(by=stranger, **kwargs)
        with pytest.raises(NotAllowed):
            call(by=UserFactory(), **kwargs)

    assert rows(order) == before
    assert not OrderEvent.objects.filter(order=order).exclude(kind="placed").exists()


def test_two_pending_payments_cannot_both_be_received_beyond_the_total(rice, manager):
    order = placed(rice)
    total = order.total
    payment_record(order=order, by=manager, amount=total, method="cash", kind="balance")
    payment_mark_received(payment=Payment.objects.get(order=order, kind="balance"), by=manager)
    # Someone sets the charge back to pending by hand (say in a database shell): the guard
    # under the lock still refuses to count the money twice.
    Payment.objects.filter(order=order, kind="charge").update(status="pending")

    error = refused(payment_mark_received, payment=fresh(order).payment, by=manager)

    assert error.code == "amount_beyond_balance"
    assert fresh(order).paid_amount == total


def test_confirming_keeps_the_payments(rice, manager):
    order = placed(rice)
    deposit = payment_record(order=order, by=manager, amount=5_000, method="cash")
    payment_mark_received(payment=deposit, by=manager)

    order_confirm(order=order, by=manager)

    assert fresh(order).paid_amount == 5_000
