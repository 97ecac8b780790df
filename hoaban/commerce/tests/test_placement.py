"""order_place: the happy paths, stock arithmetic, idempotency, notifications after commit."""

import datetime

import pytest
from django.utils import timezone

from hoaban.catalog.models import Product
from hoaban.commerce.errors import IdempotencyConflict, OutOfStock
from hoaban.commerce.models import (
    Channel,
    ChannelListing,
    IdempotencyRecord,
    Order,
    OrderEvent,
    Payment,
    StockReservation,
)
from hoaban.commerce.payments.vietqr import decode
from hoaban.commerce.queries import available_quantities, with_available
from hoaban.commerce.tasks import order_placed_notify

from .builders import (
    BUYER_E164,
    DeliveryInput,
    buyer,
    pickup,
    place,
    product,
    seller_with_bank,
)

pytestmark = pytest.mark.django_db


def test_basket_of_two_sellers_becomes_two_orders_with_vietqr_payments():
    rice = product(stock=10, price=45_000)
    tea = product(stock=5, price=120_000)
    result = place([(rice, 2), (tea, 1)], payment="vietqr")

    assert not result.replayed
    assert [o.seller for o in result.orders] == [rice.organisation, tea.organisation]
    first, second = result.orders
    assert (first.subtotal, first.shipping_fee, first.total) == (90_000, 0, 90_000)
    assert second.total == 120_000
    assert first.status == Order.Status.PLACED
    assert first.buyer_phone == BUYER_E164
    assert first.channel.code == "eco"
    assert first.source == Order.Source.WEB
    assert first.code != second.code
    qr = decode(first.payment.vietqr)
    assert (qr.bank_bin, qr.account, qr.amount, qr.purpose) == (
        "970405",
        "1234567890123",
        90_000,
        first.code,
    )
    assert Payment.objects.get(order=first).status == Payment.Status.PENDING
    assert [(o["code"], o["total"]) for o in result.response["orders"]] == [
        (first.code, 90_000),
        (second.code, 120_000),
    ]
    assert result.response["orders"][0]["payment"]["vietqr"] == first.payment.vietqr
    line = first.lines.get()
    assert (line.product_code, line.unit_price, line.quantity, line.line_total) == (
        rice.code,
        45_000,
        2,
        90_000,
    )
    assert OrderEvent.objects.filter(kind="placed").count() == 2


def test_placing_reserves_without_touching_stock(frozen_clock):
    rice = product(stock=10)
    place([(rice, 3)], payment="cod")

    rice.refresh_from_db()
    assert rice.stock == 10
    assert available_quantities([rice.pk]) == {rice.pk: 7}
    reservation = StockReservation.objects.get()
    assert reservation.quantity == 3
    assert reservation.expires_at == frozen_clock.now + datetime.timedelta(hours=24)


def test_repeated_product_lines_are_merged():
    rice = product(stock=10)
    order = place([(rice, 2), (rice.code.lower(), 3)]).orders[0]

    assert order.lines.get().quantity == 5
    assert order.total == 5 * rice.price


def test_cod_ship_and_cash_pickup():
    rice = product(stock=10)
    cod = place([(rice, 1)], payment="cod").orders[0]
    cash = place([(rice, 1)], payment="cash", delivery=pickup()).orders[0]

    assert (cod.payment.method, cod.payment.vietqr) == ("cod", "")
    assert (cash.delivery_method, cash.commune, cash.payment.method) == ("pickup", None, "cash")


def test_channel_price_override_and_source_are_recorded():
    rice = product(stock=10, price=45_000)
    eso = Channel.objects.get_or_create(code="eso", defaults={"name": "eSo"})[0]
    ChannelListing.objects.create(product=rice, channel=eso, price=40_000)

    order = place(
        [(rice, 2)], channel="eso", source="livestream", source_ref="live-2026-11-29"
    ).orders[0]

    assert order.total == 80_000
    assert (order.channel, order.source, order.source_ref) == (
        eso,
        "livestream",
        "live-2026-11-29",
    )


def test_buyer_language_is_kept_for_messages():
    rice = product(stock=10)
    order = place([(rice, 1)], buyer=buyer(language="en")).orders[0]
    assert order.language == "en"


def test_expired_reservations_stop_counting_without_any_job():
    rice = product(stock=3)
    place([(rice, 3)])
    with pytest.raises(OutOfStock):
        place([(rice, 1)])

    StockReservation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    assert available_quantities([rice.pk]) == {rice.pk: 3}
    assert with_available(Product.objects.filter(pk=rice.pk)).get().available == 3
    assert place([(rice, 3)]).orders[0].status == "placed"


def test_out_of_stock_names_the_product_and_what_is_left():
    rice = product(stock=5)
    place([(rice, 3)])

    with pytest.raises(OutOfStock) as caught:
        place([(rice, 4)])

    shortage = caught.value.shortages[0]
    assert (shortage.product, shortage.requested, shortage.available) == (rice.code, 4, 2)
    assert Order.objects.count() == 1
    assert StockReservation.objects.count() == 1


def test_one_seller_short_means_no_order_for_anyone():
    rice = product(stock=5)
    tea = product(stock=1)

    with pytest.raises(OutOfStock):
        place([(rice, 1), (tea, 2)])

    assert Order.objects.count() == 0
    assert StockReservation.objects.count() == 0
    assert IdempotencyRecord.objects.count() == 0


def test_same_key_twenty_times_gives_one_order_and_the_same_answer():
    rice = product(stock=50)
    first = place([(rice, 2)], key="checkout-1")

    replays = [place([(rice, 2)], key="checkout-1") for _ in range(19)]

    assert Order.objects.count() == 1
    assert StockReservation.objects.count() == 1
    assert all(r.replayed and r.response == first.response for r in replays)
    assert replays[0].orders == first.orders


def test_same_key_with_another_basket_is_a_conflict():
    rice = product(stock=50)
    place([(rice, 2)], key="checkout-1")

    with pytest.raises(IdempotencyConflict):
        place([(rice, 3)], key="checkout-1")
    assert Order.objects.count() == 1


def test_a_failed_attempt_leaves_the_key_free_for_the_corrected_basket():
    rice = product(stock=2)
    with pytest.raises(OutOfStock):
        place([(rice, 5)], key="checkout-1")

    result = place([(rice, 2)], key="checkout-1")
    assert result.orders[0].lines.get().quantity == 2


def test_one_notification_per_order_after_commit(
    outbox, django_capture_on_commit_callbacks, monkeypatch
):
    calls = []
    monkeypatch.setattr(order_placed_notify, "delay", lambda order_id: calls.append(order_id))
    rice = product(stock=10)
    tea = product(stock=10, organisation=seller_with_bank(contact_phone=""))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = place([(rice, 1), (tea, 1)])
    assert calls == []  # nothing before commit
    for callback in callbacks:
        callback()

    assert sorted(calls) == sorted(o.pk for o in result.orders)


def test_placed_messages_reach_the_buyer_once_per_order(outbox, django_capture_on_commit_callbacks):
    rice = product(stock=10)
    tea = product(stock=10)

    with django_capture_on_commit_callbacks(execute=True):
        result = place([(rice, 1), (tea, 1)], payment="vietqr")

    to_buyer = [m for m in outbox if m.to == BUYER_E164]
    assert len(to_buyer) == 2
    codes = sorted(o.code for o in result.orders)
    assert sorted(next(c for c in codes if c in m.text) for m in to_buyer) == codes
    assert all("HB-" in m.text and "đồng" not in m.text for m in to_buyer)


def test_replay_queues_no_new_notification(outbox, django_capture_on_commit_callbacks):
    rice = product(stock=10)
    with django_capture_on_commit_callbacks(execute=True):
        place([(rice, 1)], key="k")
    sent = len(outbox)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        place([(rice, 1)], key="k")
    assert callbacks == []
    assert len(outbox) == sent


def test_carrier_address_keeps_only_what_carriers_need():
    rice = product(stock=10)
    delivery = DeliveryInput(
        method="ship",
        address="Thôn Nà Lạn",
        commune=2155,
        carrier_address={"district_id": 1530, "ward_code": "130108", "x" * 5: "y" * 10_000},
    )
    order = place([(rice, 1)], delivery=delivery).orders[0]
    assert order.carrier_address == {"district_id": 1530, "ward_code": "130108"}


def test_an_order_code_drawn_twice_is_drawn_again(monkeypatch):
    rice = product(stock=10)
    taken = place([(rice, 1)]).orders[0].code
    draws = iter([taken, "HB-22222"])
    monkeypatch.setattr(
        "hoaban.commerce.services.placement._order_code_unused", lambda: next(draws)
    )

    order = place([(rice, 1)]).orders[0]

    assert order.code == "HB-22222"
    assert Order.objects.count() == 2
