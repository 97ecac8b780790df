"""The lot an order line is packed from: the first to expire with units left is proposed and
recorded at packing; the manager may change it; a lot of another product is refused."""

import datetime

import pytest
from django.utils import timezone, translation

from hoaban.catalog.tests.factories import LotFactory, ManagerFactory, UserFactory
from hoaban.commerce.errors import NotAllowed
from hoaban.commerce.models import OrderLine
from hoaban.commerce.services import (
    LotRefused,
    lot_proposals,
    order_cancel,
    order_confirm,
    order_line_lot_set,
    order_pack,
)

from .builders import place, product

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


@pytest.fixture
def rice():
    return product(stock=100)


@pytest.fixture
def manager(rice):
    return ManagerFactory(organisation=rice.organisation).user


def confirmed(rice, manager, quantity=2):
    order = place([(rice, quantity)]).orders[0]
    return order_confirm(order=order, by=manager)


def test_the_oldest_lot_with_units_left_is_proposed_and_recorded_at_packing(rice, manager):
    newer = LotFactory(product=rice, produced_on=days_ago(5), quantity=10)
    older = LotFactory(product=rice, produced_on=days_ago(30), quantity=10)
    order = confirmed(rice, manager)

    assert lot_proposals(order.lines.all()) == {order.lines.get().pk: older}
    order_pack(order=order, by=manager)

    assert OrderLine.objects.get(order=order).lot == older
    assert newer.order_lines.count() == 0


def test_a_lot_used_up_by_earlier_lines_is_no_longer_proposed(rice, manager):
    older = LotFactory(product=rice, produced_on=days_ago(30), quantity=3)
    newer = LotFactory(product=rice, produced_on=days_ago(5), quantity=10)
    first = confirmed(rice, manager, quantity=3)
    order_pack(order=first, by=manager)

    second = confirmed(rice, manager, quantity=1)

    assert lot_proposals(second.lines.all()) == {second.lines.get().pk: newer}
    assert older.order_lines.get().order == first  # the trace page can count its lines


def test_a_cancelled_order_gives_its_lot_units_back_to_the_proposal(rice, manager):
    older = LotFactory(product=rice, produced_on=days_ago(30), quantity=2)
    first = confirmed(rice, manager, quantity=2)
    order_pack(order=first, by=manager)
    order_cancel(order=first, by=manager)

    second = confirmed(rice, manager, quantity=1)

    assert lot_proposals(second.lines.all()) == {second.lines.get().pk: older}


def test_no_lot_is_proposed_for_a_product_without_lots(rice, manager):
    order = confirmed(rice, manager)

    order_pack(order=order, by=manager)

    assert OrderLine.objects.get(order=order).lot is None


def test_the_manager_packs_from_another_lot(rice, manager):
    LotFactory(product=rice, produced_on=days_ago(30))
    chosen = LotFactory(product=rice, produced_on=days_ago(5))
    order = confirmed(rice, manager)
    order_pack(order=order, by=manager)

    line = order_line_lot_set(line=order.lines.get(), lot_code=chosen.code, by=manager)

    assert OrderLine.objects.get(pk=line.pk).lot == chosen


def lot_messages(**kwargs):
    with translation.override("vi"), pytest.raises(LotRefused) as vi:
        order_line_lot_set(**kwargs)
    with translation.override("en"), pytest.raises(LotRefused) as en:
        order_line_lot_set(**kwargs)
    return vi.value.code, str(vi.value.message), str(en.value.message)


@pytest.mark.parametrize("whose", ["other product", "other organisation", "no such", "nul"])
def test_a_lot_of_another_product_is_refused_and_nothing_changes(rice, manager, whose):
    own = LotFactory(product=rice)
    order = confirmed(rice, manager)
    line = order.lines.get()
    order_line_lot_set(line=line, lot_code=own.code, by=manager)
    code = {
        "other product": lambda: LotFactory(product=product(organisation=rice.organisation)).code,
        "other organisation": lambda: LotFactory(product=product()).code,
        "no such": lambda: "L-NOPE",
        "nul": lambda: "L-\x00" + "9" * 400,
    }[whose]()

    refusal, vi, en = lot_messages(line=line, lot_code=code, by=manager)

    assert refusal == "lot_of_another_product"
    assert en == f"This is not a lot of {line.product_name}. Choose a lot of this product."
    assert vi == f"Đây không phải lô của {line.product_name}. Hãy chọn một lô của sản phẩm này."
    assert OrderLine.objects.get(pk=line.pk).lot == own


def test_the_lot_is_chosen_only_while_packing(rice, manager):
    lot = LotFactory(product=rice)
    order = place([(rice, 1)]).orders[0]  # placed, not yet confirmed

    refusal, vi, en = lot_messages(line=order.lines.get(), lot_code=lot.code, by=manager)

    assert refusal == "not_packing"
    assert en == f"The lot can be chosen while order {order.code} is confirmed or packed."
    assert vi == f"Chỉ chọn được lô khi đơn {order.code} đã xác nhận hoặc đã đóng gói."
    assert OrderLine.objects.get(order=order).lot is None


def test_another_organisations_manager_cannot_set_the_lot(rice, manager):
    lot = LotFactory(product=rice)
    order = confirmed(rice, manager)

    for stranger in (ManagerFactory().user, UserFactory()):
        with pytest.raises(NotAllowed):
            order_line_lot_set(line=order.lines.get(), lot_code=lot.code, by=stranger)

    assert OrderLine.objects.get(order=order).lot is None


def test_proposals_cost_one_query_for_any_number_of_lines(rice, manager, django_assert_num_queries):
    others = [product(organisation=rice.organisation, stock=10) for _ in range(4)]
    for item in [rice, *others]:
        LotFactory(product=item)
    order = order_confirm(
        order=place([(rice, 1)] + [(item, 1) for item in others]).orders[0], by=manager
    )
    lines = list(order.lines.all())

    with django_assert_num_queries(1):
        proposals = lot_proposals(lines)

    assert all(lot is not None for lot in proposals.values())
