"""“My orders” (issue 8): on every page; the tracking form for guests; for a signed-in buyer
her own orders only (placed with her account), newest first, paginated; the order-placed page,
the SMS and the tracking page link to each other."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hoaban.accounts.tests.factories import UserFactory
from hoaban.catalog.tests.factories import ProductFactory
from hoaban.commerce.models import IdempotencyRecord, Order
from hoaban.commerce.notifications import order_message
from hoaban.commerce.tests.builders import BUYER_E164, buyer, place, product, seller_with_bank
from hoaban.orgs.tests.factories import NA_RI

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quiet_notifications(settings):
    settings.NOTIFICATION_BACKEND = "hoaban.commerce.notifications.LocmemBackend"


@pytest.fixture
def her():
    return UserFactory(phone=BUYER_E164, full_name="Nguyễn Thị Lan")


def placed_by(user, goods, *, days_ago=0, phone="0912 345 678"):
    order = place([(goods, 1)], user=user, buyer=buyer(phone=phone)).orders[0]
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return order


@pytest.mark.parametrize(("language", "words"), [("vi", "Đơn hàng của tôi"), ("en", "My orders")])
@pytest.mark.parametrize("page", ["storefront:home", "storefront:products", "shop:cart"])
def test_every_page_links_to_my_orders(client, language, words, page):
    client.cookies["hoaban_language"] = language

    html = client.get(reverse(page)).content.decode()

    assert re.search(r'href="/orders/mine/" data-my-orders-link>.*' + words, html)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("vi", ["Đơn hàng của tôi", "Nhập mã đơn hàng và số điện thoại"]),
        ("en", ["My orders", "Write the order code and the phone number"]),
    ],
)
def test_a_guest_gets_the_tracking_form(client, language, words):
    client.cookies["hoaban_language"] = language

    response = client.get(reverse("shop:my_orders"))
    html = response.content.decode()

    assert response.status_code == 200
    assert f'action="{reverse("shop:track")}"' in html
    assert 'name="code"' in html and 'name="phone"' in html
    for word in words:
        assert word in html


def test_a_buyer_sees_only_her_own_orders_newest_first(client, her):
    goods = product(stock=50)
    old = placed_by(her, goods, days_ago=3)
    new = placed_by(her, goods, days_ago=1)
    stranger = placed_by(UserFactory(), goods, phone="0987 654 321")
    # Placed as a guest with her phone number: not hers by account (phones are not checked
    # at sign-up), so not listed; she follows it by code and phone.
    same_phone_guest = placed_by(None, goods)
    client.force_login(her)

    html = client.get(reverse("shop:my_orders")).content.decode()

    assert html.index(new.code) < html.index(old.code)
    assert stranger.code not in html
    assert same_phone_guest.code not in html
    assert f'href="/orders/mine/{new.code}/"' in html


def test_she_opens_her_order_but_never_another_persons(client, her):
    goods = product(stock=50)
    mine = placed_by(her, goods)
    theirs = placed_by(UserFactory(), goods, phone="0987 654 321")
    guest = placed_by(None, goods)
    client.force_login(her)

    own = client.get(reverse("shop:my_order", args=[mine.code]))
    other = client.get(reverse("shop:my_order", args=[theirs.code]))
    same_phone = client.get(reverse("shop:my_order", args=[guest.code]))
    missing = client.get(reverse("shop:my_order", args=["HB-ZZZZZ"]))

    assert own.status_code == 200
    assert f"data-order-code>{mine.code}<" in own.content.decode()
    assert (other.status_code, same_phone.status_code, missing.status_code) == (404, 404, 404)
    assert "data-order-code" not in other.content.decode()


def test_a_guest_asking_for_an_order_page_is_asked_to_log_in(client, her):
    order = placed_by(her, product())

    response = client.get(reverse("shop:my_order", args=[order.code]))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_history_is_paginated(client, her):
    goods = product(stock=50)
    orders = [placed_by(her, goods, days_ago=n) for n in range(21)]
    client.force_login(her)

    first = client.get(reverse("shop:my_orders")).content.decode()
    second = client.get(reverse("shop:my_orders"), {"page": 2}).content.decode()

    assert orders[0].code in first and orders[20].code not in first
    assert orders[20].code in second


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("vi", "Bạn chưa đặt đơn hàng nào bằng tài khoản này."),
        ("en", "You have not placed an order with this account yet."),
    ],
)
def test_no_orders_yet_says_so(client, her, language, text):
    client.cookies["hoaban_language"] = language
    client.force_login(her)

    assert text in client.get(reverse("shop:my_orders")).content.decode()


@pytest.mark.parametrize("count", [2, 4])
def test_the_history_query_count_does_not_grow(client, django_assert_num_queries, her, count):
    sellers = [seller_with_bank() for _ in range(count)]
    for seller in sellers:
        placed_by(her, product(organisation=seller))
    client.force_login(her)

    # session, user, count, orders with their seller, payments, lines.
    with django_assert_num_queries(6):
        response = client.get(reverse("shop:my_orders"))

    assert len(response.context["orders"]) == count


# --- the confirmation page, the SMS and the tracking page link to each other ----------------


def checkout(client):
    goods = ProductFactory(organisation=seller_with_bank(), price=45_000, stock=10)
    client.post(reverse("shop:cart_add"), {"product": goods.code, "quantity": 1})
    page = client.get(reverse("shop:checkout")).content.decode()
    key = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', page).group(1)
    client.post(
        reverse("shop:checkout"),
        {
            "name": "Nguyễn Thị Lan",
            "phone": "0912 345 678",
            "delivery": "ship",
            "province": "19",
            "commune": str(NA_RI),
            "address": "Thôn Nà Lạn",
            "payment": "cod",
            "idempotency_key": key,
        },
    )
    return IdempotencyRecord.objects.get(key=key)


def test_placed_page_sms_and_tracking_page_link_to_each_other(client, settings):
    settings.SITE_URL = "https://hoaban.example.vn"
    record = checkout(client)
    order = record.orders.get()

    placed = client.get(reverse("shop:placed", args=[record.token])).content.decode()
    tracked = client.post(reverse("shop:track"), {"code": order.code, "phone": "0912345678"})
    sms = order_message(order, "placed").text

    assert f'href="/track/?code={order.code}"' in placed
    assert 'href="/orders/mine/"' in placed
    assert f"https://hoaban.example.vn/track/?code={order.code}" in sms
    assert f'href="/orders/placed/{record.token}/"' in tracked.content.decode()
    assert 'href="/orders/mine/"' in tracked.content.decode()


def test_the_tracking_page_links_back_only_in_the_browser_that_placed(client, settings):
    record = checkout(client)
    order = record.orders.get()
    client.cookies.clear()
    client.session.flush()

    elsewhere = client.post(reverse("shop:track"), {"code": order.code, "phone": "0912345678"})

    assert elsewhere.status_code == 200
    assert record.token not in elsewhere.content.decode()
