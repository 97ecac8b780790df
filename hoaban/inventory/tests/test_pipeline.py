"""The order pipeline's stock changes are movements that name the order, its line and who."""

import pytest

from hoaban.catalog.tests.factories import ManagerFactory
from hoaban.commerce.services import (
    order_cancel,
    order_cancel_by_buyer,
    order_confirm,
    order_pack,
    order_return,
    order_ship,
)
from hoaban.commerce.tests.builders import BUYER_PHONE, place, product
from hoaban.inventory import services
from hoaban.inventory.models import StockMovement

pytestmark = pytest.mark.django_db


@pytest.fixture
def rice():
    return product(stock=10)


@pytest.fixture
def manager(rice):
    return ManagerFactory(organisation=rice.organisation).user


def pipeline_moves(rice):
    return list(
        StockMovement.objects.filter(product=rice)
        .exclude(note=str(services.OPENING_NOTE))
        .order_by("pk")
        .values_list("kind", "quantity", "balance", "order_code", "order_line_id", "actor")
    )


def test_confirm_then_cancel_writes_a_sale_and_a_cancellation(rice, manager):
    order = place([(rice, 3)]).orders[0]
    line = order.lines.get()

    order_confirm(order=order, by=manager)
    order_cancel(order=order, by=manager, reason="hết xe")

    rice.refresh_from_db()
    assert rice.stock == 10 == services.stock_total(rice.pk)
    assert pipeline_moves(rice) == [
        ("sale", -3, 7, order.code, line.pk, manager.pk),
        ("cancel", 3, 10, order.code, line.pk, manager.pk),
    ]


def test_a_buyer_cancelling_before_confirmation_releases_the_hold_with_a_zero_movement(rice):
    order = place([(rice, 2)]).orders[0]

    order_cancel_by_buyer(order=order, buyer_phone=BUYER_PHONE)

    rice.refresh_from_db()
    assert rice.stock == 10
    assert pipeline_moves(rice) == [("released", 0, 10, order.code, order.lines.get().pk, None)]


def test_a_return_puts_sound_goods_back_and_damaged_ones_not(rice, manager):
    sound, damaged = (place([(rice, 2)]).orders[0], place([(rice, 1)]).orders[0])
    for order in (sound, damaged):
        order_confirm(order=order, by=manager)
        order_pack(order=order, by=manager)
        order_ship(order=order, by=manager)

    order_return(order=sound, by=manager, restock=True, reason="khách đổi ý")
    order_return(order=damaged, by=manager, restock=False)

    rice.refresh_from_db()
    assert rice.stock == 9 == services.stock_total(rice.pk)
    assert [m[:3] for m in pipeline_moves(rice)] == [
        ("sale", -2, 8),
        ("sale", -1, 7),
        ("return", 2, 9),
    ]
