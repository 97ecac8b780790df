"""Issue 6, stock hoarding: caps per product (summed over lines) and per seller in one order,
and how long an unconfirmed order holds its stock, by payment method (frozen clock)."""

import datetime
import json

import pytest
from django.utils import translation

from hoaban.catalog.models import Product
from hoaban.catalog.tests.factories import ManagerFactory
from hoaban.commerce.errors import InvalidOrder, OutOfStock
from hoaban.commerce.models import IdempotencyRecord, Order, Payment, StockReservation
from hoaban.commerce.queries import available_quantities
from hoaban.commerce.services import order_cancel, order_confirm, payment_mark_received

from .builders import pickup, place, product, seller_with_bank

pytestmark = pytest.mark.django_db


def nothing_left_behind() -> bool:
    return not (
        Order.objects.exists()
        or StockReservation.objects.exists()
        or IdempotencyRecord.objects.exists()
        or Payment.objects.exists()
    )


def refused(language, *args, **kwargs) -> dict[str, str]:
    with translation.override(language), pytest.raises(InvalidOrder) as caught:
        place(*args, **kwargs)
    assert nothing_left_behind()
    return caught.value.errors


@pytest.fixture
def noodles():
    return product(stock=1_000, name="Miến dong Na Rì", code="MD05")


# --- caps -----------------------------------------------------------------------------------


def test_three_lines_of_one_product_are_capped_together(noodles):
    # The review's case: 3 lines under the old per-line cap, merged into one line of 30,000.
    lines = [(noodles, 40), ("md05", 40), (noodles, 21)]

    assert refused("en", lines) == {
        "lines.0.quantity": "One order can have at most 100 of Miến dong Na Rì (MD05). "
        "To buy more, please contact the seller."
    }
    assert refused("vi", lines) == {
        "lines.0.quantity": "Mỗi đơn chỉ đặt được tối đa 100 Miến dong Na Rì (MD05). "
        "Muốn mua nhiều hơn, hãy liên hệ người bán."
    }
    assert available_quantities([noodles.pk]) == {noodles.pk: 1_000}


def test_exactly_the_cap_over_several_lines_is_placed(noodles):
    order = place([(noodles, 60), (noodles, 40)]).orders[0]

    assert order.lines.get().quantity == 100
    assert available_quantities([noodles.pk]) == {noodles.pk: 900}


def test_the_old_bypass_of_three_times_ten_thousand_is_refused(noodles):
    errors = refused("en", [(noodles, 10_000)] * 3)

    assert list(errors) == ["lines.0.quantity"]
    assert "at most 100 of Miến dong Na Rì (MD05)" in errors["lines.0.quantity"]


def test_units_from_one_seller_are_capped_across_products():
    seller = seller_with_bank(name="HTX Miến dong Côn Minh")
    goods = [product(organisation=seller, stock=500) for _ in range(4)]

    errors_en = refused("en", [(item, 80) for item in goods])  # 320 > 300, each ≤ 100
    errors_vi = refused("vi", [(item, 80) for item in goods])

    assert errors_en == {
        "lines": "One order from HTX Miến dong Côn Minh can have at most 300 items in all. "
        "Please lower the quantities, or contact the seller."
    }
    assert errors_vi == {
        "lines": "Mỗi đơn của HTX Miến dong Côn Minh chỉ được có tối đa 300 sản phẩm "
        "(cộng tất cả). Hãy giảm số lượng, hoặc liên hệ người bán."
    }


def test_the_seller_cap_counts_each_seller_apart():
    first, second = seller_with_bank(), seller_with_bank()
    basket = [(product(organisation=first, stock=500), 100) for _ in range(3)]
    basket += [(product(organisation=second, stock=500), 100) for _ in range(3)]

    result = place(basket)

    assert [o.lines.count() for o in result.orders] == [3, 3]


def test_caps_come_from_settings(settings, noodles):
    settings.ORDER_MAX_QUANTITY_PER_PRODUCT = 5
    settings.ORDER_MAX_UNITS_PER_SELLER = 8

    assert list(refused("en", [(noodles, 6)])) == ["lines.0.quantity"]
    other = product(organisation=noodles.organisation, stock=10)
    assert list(refused("en", [(noodles, 5), (other, 4)])) == ["lines"]
    assert place([(noodles, 5), (other, 3)]).orders[0].total > 0


def test_the_api_names_the_capped_field(client, noodles):
    body = {
        "lines": [{"product": "MD05", "quantity": 50}, {"product": "MD05", "quantity": 51}],
        "buyer": {"name": "Nguyễn Thị Lan", "phone": "0912 345 678"},
        "delivery": {"method": "pickup"},
        "payment": "cash",
    }

    response = client.post(
        "/api/v1/orders?lang=en",
        json.dumps(body),
        content_type="application/json",
        headers={"Idempotency-Key": "cap-test-1-0123456789"},
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "lines.0.quantity": "One order can have at most 100 of Miến dong Na Rì (MD05). "
        "To buy more, please contact the seller."
    }
    assert nothing_left_behind()


# --- holds by payment method ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("payment", "delivery", "hours"),
    [("vietqr", None, 2), ("cod", None, 24), ("cash", pickup(), 24)],
)
def test_the_hold_depends_on_the_payment_method(frozen_clock, noodles, payment, delivery, hours):
    place([(noodles, 10)], payment=payment, delivery=delivery)

    reservation = StockReservation.objects.get()
    assert reservation.expires_at == frozen_clock.now + datetime.timedelta(hours=hours)


def test_an_unpaid_transfer_frees_its_units_after_two_hours_without_any_job(frozen_clock):
    honey = product(stock=10)
    place([(honey, 10)], payment="vietqr")
    with pytest.raises(OutOfStock):
        place([(honey, 1)])

    frozen_clock.advance(hours=1, minutes=59)
    assert available_quantities([honey.pk]) == {honey.pk: 0}
    frozen_clock.advance(minutes=1)

    assert available_quantities([honey.pk]) == {honey.pk: 10}
    assert place([(honey, 10)], payment="cod").orders[0].status == Order.Status.PLACED


def test_cash_on_delivery_holds_until_a_day_has_passed(frozen_clock):
    honey = product(stock=10)
    place([(honey, 4)], payment="cod")

    frozen_clock.advance(hours=23, minutes=59)
    assert available_quantities([honey.pk]) == {honey.pk: 6}
    frozen_clock.advance(minutes=1)
    assert available_quantities([honey.pk]) == {honey.pk: 10}


def test_holds_come_from_settings(settings, frozen_clock, noodles):
    settings.ORDER_HOLD_UNPAID_TRANSFER_MINUTES = 30
    settings.ORDER_HOLD_UNCONFIRMED_MINUTES = 90

    place([(noodles, 1)], payment="vietqr")
    place([(noodles, 1)], payment="cod")

    assert sorted(StockReservation.objects.values_list("expires_at", flat=True)) == [
        frozen_clock.now + datetime.timedelta(minutes=30),
        frozen_clock.now + datetime.timedelta(minutes=90),
    ]


def test_a_transfer_seen_arriving_holds_like_cash_until_confirmed(frozen_clock):
    honey = product(stock=10)
    order = place([(honey, 3)], payment="vietqr").orders[0]
    manager = ManagerFactory(organisation=order.seller).user
    frozen_clock.advance(minutes=90)

    payment_mark_received(payment=order.payment, by=manager)

    reservation = StockReservation.objects.get()
    assert reservation.expires_at == frozen_clock.now + datetime.timedelta(hours=24)
    frozen_clock.advance(hours=3)
    assert available_quantities([honey.pk]) == {honey.pk: 7}


def test_marking_paid_after_the_hold_expired_does_not_take_units_back(frozen_clock):
    honey = product(stock=3)
    order = place([(honey, 3)], payment="vietqr").orders[0]
    manager = ManagerFactory(organisation=order.seller).user
    frozen_clock.advance(hours=3)
    place([(honey, 3)], payment="cod")  # someone else bought the freed units

    payment_mark_received(payment=order.payment, by=manager)

    assert available_quantities([honey.pk]) == {honey.pk: 0}
    assert StockReservation.objects.filter(order_line__order=order).get().expires_at == (
        frozen_clock.now - datetime.timedelta(hours=1)
    )
    with pytest.raises(OutOfStock):
        order_confirm(order=order, by=manager)


def test_a_confirmed_order_takes_the_stock_and_holds_nothing_any_more(frozen_clock):
    honey = product(stock=10)
    order = place([(honey, 4)], payment="cod").orders[0]
    manager = ManagerFactory(organisation=order.seller).user
    frozen_clock.advance(hours=5)

    order_confirm(order=order, by=manager)
    frozen_clock.advance(days=3)  # long after any hold would have expired

    reservation = StockReservation.objects.get()
    assert (reservation.is_consumed, reservation.is_active(frozen_clock.now)) == (True, False)
    assert Product.objects.get(pk=honey.pk).stock == 6
    assert available_quantities([honey.pk]) == {honey.pk: 6}
    order_cancel(order=order, by=manager, reason="Khách đổi ý")
    assert available_quantities([honey.pk]) == {honey.pk: 10}
