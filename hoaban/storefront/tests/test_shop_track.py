"""Tracking an order without an account (code + phone), and reviewing a completed one."""

import pytest
from django.urls import reverse

from hoaban.catalog.tests.factories import ManagerFactory
from hoaban.commerce.models import Order, Review
from hoaban.commerce.services import (
    order_complete,
    order_confirm,
    order_deliver,
    order_pack,
    order_ship,
)
from hoaban.commerce.tests.builders import BUYER_PHONE, place, product

pytestmark = pytest.mark.django_db

NOT_FOUND_EN = "We found no order with this code and phone number."
NOT_FOUND_VI = "Không tìm thấy đơn hàng với mã và số điện thoại này."


@pytest.fixture(autouse=True)
def _quiet_notifications(settings):
    settings.NOTIFICATION_BACKEND = "hoaban.commerce.notifications.LocmemBackend"


def english(client):
    client.cookies["hoaban_language"] = "en"
    return client


@pytest.fixture
def order():
    return place([(product(name="Miến dong Na Rì", price=45_000), 2)]).orders[0]


def track(client, code, phone=BUYER_PHONE):
    return client.post(reverse("shop:track"), {"code": code, "phone": phone})


def test_track_page_asks_for_code_and_phone(client):
    html = client.get(reverse("shop:track")).content.decode()

    assert 'name="code"' in html
    assert 'name="phone"' in html


def test_code_and_phone_show_status_timeline_and_payment(client, order):
    manager = ManagerFactory(organisation=order.seller).user
    order_confirm(order=order, by=manager)
    order_pack(order=order, by=manager)
    order_ship(order=order, by=manager, carrier="viettelpost", tracking_code="VTP123456")

    # The phone written another way, the code in lower case with a space.
    response = english(client).post(
        reverse("shop:track"),
        {"code": order.code.lower().replace("-", " "), "phone": "+84 912 345 678"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert order.code in html
    assert 'data-status="shipped"' in html
    assert "VTP123456" in html
    assert "Waiting for payment" in html
    for label in ("Placed", "Confirmed", "Packed", "Shipped"):
        assert f"<strong>{label}</strong>" in html


@pytest.mark.parametrize(
    "change",
    ["wrong phone", "forged code", "someone else's code"],
)
def test_wrong_phone_or_code_gets_the_same_not_found(client, order, change):
    other = place([(product(), 1)], buyer=None).orders[0]
    Order.objects.filter(pk=other.pk).update(buyer_phone="+84987654321")
    code, phone = order.code, BUYER_PHONE
    if change == "wrong phone":
        phone = "0987 000 111"
    elif change == "forged code":
        code = "HB-ZZZZZ" if order.code != "HB-ZZZZZ" else "HB-YYYYY"
    else:
        code = other.code

    response_vi = track(client, code, phone)
    response_en = track(english(client), code, phone)

    assert response_en.status_code == 404
    assert NOT_FOUND_EN in response_en.content.decode()
    assert NOT_FOUND_VI in response_vi.content.decode()
    assert other.code not in response_en.content.decode().replace(code, "")


def _completed(order):
    manager = ManagerFactory(organisation=order.seller).user
    for step in (order_confirm, order_pack):
        step(order=order, by=manager)
    order_ship(order=order, by=manager, carrier="seller")
    order_deliver(order=order, by=manager)
    order_complete(order=order, by=manager)
    return order


def review_data(order, **changes):
    line = order.lines.get()
    data = {
        "code": order.code,
        "phone": "+84912345678",
        "product": line.product_code,
        "product_rating": "5",
        "seller_rating": "4",
        "text": "Miến dai, ngon.",
    }
    data.update(changes)
    return data


def test_completed_order_can_be_reviewed_once(client, order):
    _completed(order)
    html = english(client).post(reverse("shop:track"), {"code": order.code, "phone": BUYER_PHONE})
    assert "Rate what you bought" in html.content.decode()

    response = client.post(reverse("shop:review"), review_data(order))

    review = Review.objects.get()
    assert (review.product_rating, review.seller_rating, review.text) == (5, 4, "Miến dai, ngon.")
    assert review.seller == order.seller
    assert "Thank you! Your review helps the cooperative." in response.content.decode()
    assert "Rate what you bought" not in response.content.decode()


def test_review_needs_a_rating(client, order):
    _completed(order)

    response = english(client).post(reverse("shop:review"), review_data(order, product_rating=""))

    assert response.status_code == 400
    assert "Choose from 1 to 5 stars." in response.content.decode()
    assert Review.objects.count() == 0


def test_review_of_an_order_not_completed_is_refused(client, order):
    response = english(client).post(reverse("shop:review"), review_data(order))

    assert response.status_code == 400
    assert "You can review once the order is completed." in response.content.decode()
    assert Review.objects.count() == 0


def test_review_with_a_wrong_phone_is_not_found(client, order):
    _completed(order)

    response = english(client).post(
        reverse("shop:review"), review_data(order, phone="0987 000 111")
    )

    assert response.status_code == 404
    assert NOT_FOUND_EN in response.content.decode()
    assert Review.objects.count() == 0


def test_link_from_the_placed_page_fills_in_the_code(client):
    html = client.get(reverse("shop:track"), {"code": "HB-7K3Q2"}).content.decode()

    assert 'value="HB-7K3Q2"' in html


def test_buyer_cancels_her_order_before_the_seller_confirms(client, order):
    page = english(client).post(reverse("shop:track"), {"code": order.code, "phone": BUYER_PHONE})
    assert "Cancel my order" in page.content.decode()

    response = client.post(
        reverse("shop:track_cancel"), {"code": order.code, "phone": "+84912345678"}
    )

    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert f"Your order {order.code} is cancelled." in response.content.decode()
    assert "Cancel my order" not in response.content.decode()


def test_buyer_cannot_cancel_once_confirmed(client, order):
    order_confirm(order=order, by=ManagerFactory(organisation=order.seller).user)

    response = english(client).post(
        reverse("shop:track_cancel"), {"code": order.code, "phone": BUYER_PHONE}
    )

    assert response.status_code == 409
    assert "The seller has already confirmed order" in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.CONFIRMED


def test_cancel_with_a_wrong_phone_is_not_found(client, order):
    response = english(client).post(
        reverse("shop:track_cancel"), {"code": order.code, "phone": "0987 000 111"}
    )

    assert response.status_code == 404
    assert NOT_FOUND_EN in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.PLACED
