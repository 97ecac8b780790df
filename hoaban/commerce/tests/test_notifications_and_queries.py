"""Messages in the buyer's language; availability reads; constant query counts."""

import datetime
import logging

import pytest
from django.utils import timezone

from hoaban.catalog.models import Product
from hoaban.catalog.tests.factories import ManagerFactory
from hoaban.commerce.models import StockReservation
from hoaban.commerce.notifications import ConsoleBackend, Message, order_message
from hoaban.commerce.queries import available_quantities, seller_orders, with_available
from hoaban.commerce.services import order_confirm
from hoaban.commerce.tasks import reservations_purge

from .builders import BUYER_E164, buyer, place, product

pytestmark = pytest.mark.django_db


def test_placed_message_in_vietnamese_by_default(django_capture_on_commit_callbacks, outbox):
    rice = product(stock=10, price=45_000)
    with django_capture_on_commit_callbacks(execute=True):
        order = place([(rice, 2)], payment="vietqr").orders[0]

    to_buyer = [m for m in outbox if m.to == BUYER_E164]
    assert [m.text for m in to_buyer] == [
        f"Hoa Ban: đơn {order.code} của {rice.organisation.name} đã được đặt. "
        f"Vui lòng chuyển khoản 90.000 ₫, nội dung ghi {order.code}. "
        f"Theo dõi đơn: http://127.0.0.1:8000/track/?code={order.code}"
    ]
    to_seller = [m for m in outbox if m.to != BUYER_E164]
    assert [m.text for m in to_seller] == [
        f"Hoa Ban: có đơn mới {order.code}, 90.000 ₫. Vui lòng xác nhận đơn."
    ]


def test_placed_message_in_english_for_an_english_buyer(django_capture_on_commit_callbacks, outbox):
    rice = product(stock=10, price=45_000)
    with django_capture_on_commit_callbacks(execute=True):
        order = place([(rice, 1)], buyer=buyer(language="en")).orders[0]
    assert outbox[0].text == (
        f"Hoa Ban: order {order.code} from {rice.organisation.name} is placed. "
        "Total 45.000 ₫. The seller will call you to confirm. "
        f"Follow it: http://127.0.0.1:8000/track/?code={order.code}"
    )


def test_console_backend_logs(caplog):
    with caplog.at_level(logging.INFO, logger="hoaban.messaging"):
        ConsoleBackend().send(Message(channel="sms", to="+84912345678", text="Xin chào"))
    assert "[sms → +84912345678] Xin chào" in caplog.text


def test_status_message_follows_the_order_language():
    rice = product(stock=10)
    order = place([(rice, 1)], buyer=buyer(language="en")).orders[0]
    assert (
        order_message(order, "shipped").text == f"Hoa Ban: your order {order.code} is on its way. "
        f"Follow it: http://127.0.0.1:8000/track/?code={order.code}"
    )


def test_available_quantities_and_annotation_agree():
    rice, tea, honey = product(stock=10), product(stock=4), product(stock=0)
    place([(rice, 3), (tea, 4)])
    expected = {rice.pk: 7, tea.pk: 0, honey.pk: 0}

    assert available_quantities([rice.pk, tea.pk, honey.pk]) == expected
    annotated = with_available(Product.objects.filter(pk__in=expected))
    assert {p.pk: p.available for p in annotated} == expected


def test_available_never_negative_when_stock_is_edited_down():
    rice = product(stock=10)
    place([(rice, 8)])
    Product.objects.filter(pk=rice.pk).update(stock=5)
    assert available_quantities([rice.pk]) == {rice.pk: 0}
    assert with_available(Product.objects.filter(pk=rice.pk)).get().available == 0


def test_with_available_adds_no_query(django_assert_num_queries):
    for _ in range(3):
        place([(product(stock=5), 1)])
    with django_assert_num_queries(1):
        assert len(list(with_available(Product.objects.all()))) == 3


@pytest.mark.parametrize("count", [3, 6])
def test_seller_order_list_costs_three_queries(count, django_assert_num_queries):
    rice = product(stock=100)
    other = product(stock=100, organisation=rice.organisation)
    for _ in range(count):
        place([(rice, 1), (other, 1)])
    # 1: orders joined with channel, commune, province; 2: their payments; 3: their lines.
    with django_assert_num_queries(3):
        orders = list(seller_orders(rice.organisation_id))
        assert sum(len(o.lines.all()) for o in orders) == 2 * count
        assert all(o.payment.method == "cod" for o in orders)


def test_purge_keeps_what_still_matters():
    rice = product(stock=10)
    manager = ManagerFactory(organisation=rice.organisation).user
    kept = place([(rice, 1)]).orders[0]
    confirmed = order_confirm(order=place([(rice, 1)]).orders[0], by=manager)
    place([(rice, 1)])
    long_ago = timezone.now() - datetime.timedelta(days=30)
    StockReservation.objects.exclude(order_line__order=kept).update(expires_at=long_ago)

    assert reservations_purge() == 1  # the expired, unconfirmed one
    assert StockReservation.objects.filter(order_line__order=confirmed, is_consumed=True).exists()
    assert StockReservation.objects.filter(order_line__order=kept).exists()
