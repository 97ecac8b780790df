"""Issue 6: the seller's order pages and actions answer a code that does not exist and a
code of another cooperative exactly the same (status and body), so nobody learns which codes
exist, and nothing changes."""

import re

import pytest
from django.urls import reverse

from hoaban.catalog.models import Product
from hoaban.catalog.tests.factories import ManagerFactory, ProductFactory
from hoaban.commerce.models import Order, OrderEvent, Payment, Shipment
from hoaban.commerce.services import order_confirm, order_pack
from hoaban.commerce.tests.builders import place, product, seller_with_bank

pytestmark = pytest.mark.django_db

NOT_FOUND_EN = "We found no such order among the orders of your cooperatives."
NOT_FOUND_VI = "Không tìm thấy đơn hàng này trong các đơn của hợp tác xã của bạn."


@pytest.fixture(autouse=True)
def _quiet_notifications(settings):
    settings.NOTIFICATION_BACKEND = "hoaban.commerce.notifications.LocmemBackend"


def same_page(html: str) -> str:
    """The body without what changes on every response (CSRF tokens, CSP nonces)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", html)
    return re.sub(r'nonce="[^"]+"', "nonce", html)


@pytest.fixture
def theirs():
    """An order of another cooperative, packed (so every action could apply to it)."""
    seller = seller_with_bank(name="HTX Chè Bằng Phúc")
    order = place([(product(organisation=seller, stock=10), 2)], payment="vietqr").orders[0]
    owner = ManagerFactory(organisation=seller).user
    order_confirm(order=order, by=owner)
    order_pack(order=order, by=owner)
    return Order.objects.get(pk=order.pk)


@pytest.fixture
def manager(client):
    """A manager of a cooperative that has orders of its own, logged in."""
    seller = seller_with_bank(name="HTX Miến dong Côn Minh")
    place([(product(organisation=seller, stock=10), 1)])
    user = ManagerFactory(organisation=seller).user
    client.force_login(user)
    return user


def mine(user) -> str:
    return user.memberships.get().organisation.slug


def unused_code(theirs) -> str:
    return "HB-ZZZZZ" if theirs.code != "HB-ZZZZZ" else "HB-YYYYY"


ACTIONS = [
    {"action": "confirm"},
    {"action": "pack"},
    {"action": "deliver"},
    {"action": "complete"},
    {"action": "ship", "carrier": "viettelpost", "tracking_code": "VTP1"},
    {"action": "ship", "carrier": "", "tracking_code": ""},  # an invalid form, too
    {"action": "cancel", "reason": "Khách đổi ý"},
    {"action": "cancel", "reason": ""},
    {"action": "paid"},
    {"action": "record", "kind": "deposit", "method": "cash", "amount": "10000"},
    {"action": "refund", "method": "cash", "amount": "10000"},
    {"action": "lot", "line": "1", "lot": "L-X"},
    {"action": "nonsense"},
]


@pytest.mark.parametrize("data", ACTIONS, ids=lambda d: f"{d['action']}-{len(d)}")
@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_action_answers_the_same_for_a_missing_and_a_forbidden_code(
    client, manager, theirs, data, language
):
    client.cookies["hoaban_language"] = language

    forbidden = client.post(
        reverse("console:order_action", args=[mine(manager), theirs.code]), data
    )
    missing = client.post(
        reverse("console:order_action", args=[mine(manager), unused_code(theirs)]), data
    )

    for response in (forbidden, missing):
        assert response.status_code == 404
        assert (NOT_FOUND_VI if language == "vi" else NOT_FOUND_EN) in response.content.decode()
        assert theirs.code not in response.content.decode()
    assert same_page(forbidden.content.decode()) == same_page(missing.content.decode())
    order = Order.objects.get(pk=theirs.pk)
    assert (order.status, order.payment.status) == (Order.Status.PACKED, Payment.Status.PENDING)
    assert Payment.objects.filter(order=theirs).count() == 1
    assert OrderEvent.objects.filter(order=theirs).count() == 3
    assert Shipment.objects.count() == 0


def test_the_order_page_answers_the_same_for_a_missing_and_a_forbidden_code(
    client, manager, theirs
):
    forbidden = client.get(reverse("console:order", args=[mine(manager), theirs.code]))
    missing = client.get(reverse("console:order", args=[mine(manager), unused_code(theirs)]))

    for response in (forbidden, missing):
        assert response.status_code == 404
        assert NOT_FOUND_VI in response.content.decode()
        assert theirs.code not in response.content.decode()
    assert same_page(forbidden.content.decode()) == same_page(missing.content.decode())


def test_stock_of_a_missing_and_a_forbidden_product_answers_the_same(client, manager):
    other = ProductFactory(stock=4)
    form = {"stock": 99}

    forbidden = client.post(
        reverse("console:stock", args=[mine(manager)]), {**form, "product": other.code}
    )
    missing = client.post(
        reverse("console:stock", args=[mine(manager)]), {**form, "product": "ZZ-NONE"}
    )

    for response in (forbidden, missing):
        assert response.status_code == 404
        assert "Không tìm thấy sản phẩm này trong các sản phẩm của hợp tác xã của bạn." in (
            response.content.decode()
        )
    assert same_page(forbidden.content.decode()) == same_page(missing.content.decode())
    assert Product.objects.get(pk=other.pk).stock == 4


@pytest.mark.parametrize("url_name", ["console:orders", "console:packing_list", "console:stock"])
def test_another_cooperatives_slug_shows_the_same_as_a_slug_that_does_not_exist(
    client, manager, theirs, url_name
):
    forbidden = client.get(reverse(url_name, args=[theirs.seller.slug]))
    missing = client.get(reverse(url_name, args=["no-such-cooperative"]))

    assert forbidden.status_code == missing.status_code == 403
    assert "Chỉ người quản lý" in forbidden.content.decode()
    # These pages echo the address asked for in the language switch (the asker's own text).
    echo = re.compile(r'name="next" value="[^"]*"')
    assert echo.sub("", same_page(forbidden.content.decode())) == echo.sub(
        "", same_page(missing.content.decode())
    )
    assert theirs.code not in forbidden.content.decode()


@pytest.mark.parametrize("code", ["x" * 5000, "HB-\x00AAAA", "../../etc/passwd"])
def test_strange_codes_answer_the_same_not_found(client, manager, code):
    response = client.post(
        reverse("console:order_action", args=[mine(manager), "placeholder"]).replace(
            "placeholder", code
        ),
        {"action": "confirm"},
    )

    # A NUL is refused before any view (core.edge): 400, the same for any order.
    assert response.status_code == (400 if "\x00" in code else 404)
