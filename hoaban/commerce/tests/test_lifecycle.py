"""Status changes: who may, which transitions, stock on confirm/cancel, events, payments,
reviews only after completion."""

import datetime

import pytest
from django.utils import timezone, translation

from hoaban.catalog.tests.factories import ManagerFactory, MembershipFactory, UserFactory
from hoaban.commerce.errors import InvalidOrder, NotAllowed, OrderError, OutOfStock
from hoaban.commerce.models import Order, OrderEvent, Payment, Review, StockReservation
from hoaban.commerce.queries import available_quantities
from hoaban.commerce.services import (
    TRANSITIONS,
    order_cancel,
    order_cancel_by_buyer,
    order_complete,
    order_confirm,
    order_deliver,
    order_pack,
    order_return,
    order_ship,
    payment_mark_received,
    review_create,
)

from .builders import BUYER_PHONE, pickup, place, product

pytestmark = pytest.mark.django_db
S = Order.Status


@pytest.fixture
def rice():
    return product(stock=10)


@pytest.fixture
def manager(rice):
    return ManagerFactory(organisation=rice.organisation).user


def placed(rice, quantity=2, **kw):
    return place([(rice, quantity)], **kw).orders[0]


def test_full_lifecycle_writes_one_event_per_change(rice, manager):
    order = placed(rice)
    order = order_confirm(order=order, by=manager)
    order = order_pack(order=order, by=manager)
    order = order_ship(order=order, by=manager, carrier="ghn", tracking_code="GHN123", fee=30_000)
    order = order_deliver(order=order, by=manager)
    order = order_complete(order=order, by=manager)

    assert order.status == S.COMPLETED
    events = list(
        OrderEvent.objects.filter(order=order).values_list("kind", "from_status", "actor")
    )
    assert events == [
        ("placed", "", None),
        ("confirmed", "placed", manager.pk),
        ("packed", "confirmed", manager.pk),
        ("shipped", "packed", manager.pk),
        ("delivered", "shipped", manager.pk),
        ("completed", "delivered", manager.pk),
    ]
    shipment = order.shipments.get()
    assert (shipment.carrier, shipment.tracking_code, shipment.fee) == ("ghn", "GHN123", 30_000)


def test_confirm_turns_the_reservation_into_a_stock_decrement(rice, manager):
    order = placed(rice, 3)
    order_confirm(order=order, by=manager)

    rice.refresh_from_db()
    assert rice.stock == 7
    assert StockReservation.objects.get().is_consumed
    assert available_quantities([rice.pk]) == {rice.pk: 7}


def test_confirm_after_expiry_checks_stock_again(rice, manager):
    order = placed(rice, 6)
    StockReservation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    placed(rice, 8)  # the expired hold no longer counts: another buyer takes 8 of 10

    with translation.override("en"), pytest.raises(OutOfStock) as caught:
        order_confirm(order=order, by=manager)

    assert caught.value.shortages[0].available == 2
    rice.refresh_from_db()
    assert rice.stock == 10
    assert Order.objects.get(pk=order.pk).status == S.PLACED


def test_confirm_after_expiry_succeeds_when_stock_is_still_there(rice, manager):
    order = placed(rice, 6)
    StockReservation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    order_confirm(order=order, by=manager)
    rice.refresh_from_db()
    assert rice.stock == 4


def test_cancel_before_confirm_releases_the_hold(rice, manager, outbox):
    order = placed(rice, 4)
    order_cancel(order=order, by=manager, reason="buyer called")

    rice.refresh_from_db()
    assert rice.stock == 10
    assert StockReservation.objects.get().is_released
    assert available_quantities([rice.pk]) == {rice.pk: 10}
    assert OrderEvent.objects.get(kind="cancelled").note == "buyer called"


def test_cancel_after_confirm_restocks(rice, manager):
    order = placed(rice, 4)
    order_confirm(order=order, by=manager)
    order_cancel(order=order, by=manager)

    rice.refresh_from_db()
    assert rice.stock == 10
    assert available_quantities([rice.pk]) == {rice.pk: 10}


def test_return_restocks_only_when_asked(rice, manager):
    order = placed(rice, 4)
    for step in (order_confirm, order_pack):
        order = step(order=order, by=manager)
    order = order_ship(order=order, by=manager)
    order_return(order=order, by=manager, restock=True)
    rice.refresh_from_db()
    assert rice.stock == 10


def test_pickup_orders_go_from_packed_to_delivered(rice, manager):
    order = place([(rice, 1)], payment="cash", delivery=pickup()).orders[0]
    for step in (order_confirm, order_pack, order_deliver, order_complete):
        order = step(order=order, by=manager)
    assert order.status == S.COMPLETED
    with pytest.raises(OrderError):
        order_ship(order=order, by=manager)


def test_shipped_orders_cannot_skip_shipping(rice, manager):
    order = placed(rice)
    order = order_pack(order=order_confirm(order=order, by=manager), by=manager)
    with translation.override("en"), pytest.raises(OrderError) as caught:
        order_deliver(order=order, by=manager)
    assert caught.value.message == (
        f"Order {order.code} is “Packed”; it cannot become “Delivered”."
    )


@pytest.mark.parametrize(
    ("steps", "refused"),
    [
        ([], order_pack),
        ([], order_complete),
        ([order_confirm], order_confirm),
        ([order_cancel], order_confirm),
        ([order_confirm, order_pack], order_complete),
    ],
)
def test_illegal_transitions_are_refused_and_change_nothing(rice, manager, steps, refused):
    order = placed(rice)
    for step in steps:
        order = step(order=order, by=manager)
    events = OrderEvent.objects.count()
    with translation.override("vi"), pytest.raises(OrderError) as caught:
        refused(order=order, by=manager)
    assert caught.value.message.startswith(f"Đơn {order.code} đang ở trạng thái")
    assert Order.objects.get(pk=order.pk).status == order.status
    assert OrderEvent.objects.count() == events


def test_transition_table_ends_in_final_states():
    assert TRANSITIONS[S.COMPLETED] == TRANSITIONS[S.CANCELLED] == TRANSITIONS[S.RETURNED]
    assert not TRANSITIONS[S.COMPLETED]


@pytest.mark.parametrize("who", ["stranger", "member", "other_manager", "anonymous"])
def test_only_the_sellers_managers_may_change_an_order(rice, who):
    order = placed(rice)
    user = {
        "stranger": lambda: UserFactory(),
        "member": lambda: MembershipFactory(organisation=rice.organisation).user,
        "other_manager": lambda: ManagerFactory().user,
        "anonymous": lambda: None,
    }[who]()
    with translation.override("vi"), pytest.raises(NotAllowed) as caught:
        order_confirm(order=order, by=user)
    assert caught.value.message == "Chỉ người quản lý của đơn vị bán hàng mới làm được việc này."
    assert Order.objects.get(pk=order.pk).status == S.PLACED


def test_superuser_may_help(rice):
    order = placed(rice)
    admin = UserFactory(is_superuser=True)
    assert order_confirm(order=order, by=admin).status == S.CONFIRMED


def test_status_messages_reach_the_buyer(rice, manager, outbox, django_capture_on_commit_callbacks):
    order = placed(rice)
    with django_capture_on_commit_callbacks(execute=True):
        order_confirm(order=order, by=manager)
    assert [m.text for m in outbox] == [
        f"Hoa Ban: {rice.organisation.name} đã xác nhận đơn {order.code} của bạn."
    ]


def test_payment_mark_received(rice, manager, django_capture_on_commit_callbacks, outbox):
    order = placed(rice, payment="vietqr")
    with django_capture_on_commit_callbacks(execute=True):
        payment = payment_mark_received(payment=order.payment, by=manager)

    assert payment.status == Payment.Status.PAID
    assert payment.received_by == manager
    assert payment.received_at is not None
    assert Order.objects.get(pk=order.pk).status == S.PLACED  # payment kept apart
    assert OrderEvent.objects.filter(order=order, kind="paid", actor=manager).count() == 1
    assert "đã nhận" in outbox[-1].text
    with translation.override("en"), pytest.raises(OrderError) as caught:
        payment_mark_received(payment=payment, by=manager)
    assert caught.value.message == f"This payment for order {order.code} is already “Paid”."


def test_payment_mark_needs_a_manager(rice):
    order = placed(rice, payment="vietqr")
    with pytest.raises(NotAllowed):
        payment_mark_received(payment=order.payment, by=UserFactory())
    assert Payment.objects.get(pk=order.payment.pk).status == Payment.Status.PENDING


def _completed(rice, manager):
    order = placed(rice)
    for step in (order_confirm, order_pack):
        order = step(order=order, by=manager)
    order = order_ship(order=order, by=manager)
    order = order_deliver(order=order, by=manager)
    return order_complete(order=order, by=manager)


def test_review_after_completion(rice, manager):
    order = _completed(rice, manager)
    review = review_create(
        order_line=order.lines.get(),
        buyer_phone=BUYER_PHONE,
        product_rating=5,
        seller_rating=4,
        text="Miến dai, ngon.",
    )
    assert (review.product, review.seller, review.product_rating) == (
        rice,
        rice.organisation,
        5,
    )
    with translation.override("en"), pytest.raises(OrderError) as caught:
        review_create(
            order_line=order.lines.get(),
            buyer_phone=BUYER_PHONE,
            product_rating=1,
            seller_rating=1,
        )
    assert caught.value.message == "You have already reviewed this product for this order."
    assert Review.objects.count() == 1


def test_no_review_before_completion(rice, manager):
    order = placed(rice)
    with translation.override("vi"), pytest.raises(OrderError) as caught:
        review_create(
            order_line=order.lines.get(), buyer_phone=BUYER_PHONE, product_rating=5, seller_rating=5
        )
    assert caught.value.message == "Bạn có thể nhận xét khi đơn hàng đã hoàn tất."
    assert not Review.objects.exists()


def test_no_review_from_someone_else_or_with_bad_ratings(rice, manager):
    order = _completed(rice, manager)
    with pytest.raises(NotAllowed):
        review_create(
            order_line=order.lines.get(),
            buyer_phone="0987654321",
            product_rating=5,
            seller_rating=5,
        )
    with translation.override("en"), pytest.raises(InvalidOrder) as caught:
        review_create(
            order_line=order.lines.get(), buyer_phone=BUYER_PHONE, product_rating=6, seller_rating=0
        )
    assert caught.value.errors == {
        "product_rating": "Choose from 1 to 5 stars.",
        "seller_rating": "Choose from 1 to 5 stars.",
    }
    assert not Review.objects.exists()


def test_buyer_cancels_before_confirmation(rice, manager):
    order = placed(rice, 4)
    order = order_cancel_by_buyer(order=order, buyer_phone=BUYER_PHONE, reason="Đặt nhầm")
    assert order.status == S.CANCELLED
    assert available_quantities([rice.pk]) == {rice.pk: 10}
    event = OrderEvent.objects.get(kind="cancelled")
    assert event.actor is None
    assert event.note == "Người mua đã hủy đơn. Đặt nhầm"


def test_buyer_cannot_cancel_after_confirmation_or_with_another_phone(rice, manager):
    order = placed(rice)
    with pytest.raises(NotAllowed):
        order_cancel_by_buyer(order=order, buyer_phone="0987654321")
    order_confirm(order=order, by=manager)
    with translation.override("en"), pytest.raises(OrderError) as caught:
        order_cancel_by_buyer(order=order, buyer_phone=BUYER_PHONE)
    assert caught.value.message == (
        f"The seller has already confirmed order {order.code}. Please call them to cancel it."
    )
    assert Order.objects.get(pk=order.pk).status == S.CONFIRMED
