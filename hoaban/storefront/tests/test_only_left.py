"""“Only N left” with the unit, whatever quantity is asked for, and the carrier's name (not its
code) wherever a person reads it (issue 8)."""

import pytest
from django.urls import reverse

from hoaban.catalog.models import Product
from hoaban.catalog.tests.factories import ManagerFactory, ProductFactory
from hoaban.commerce.queries import order_for_tracking
from hoaban.commerce.services import order_confirm, order_pack, order_ship
from hoaban.commerce.summaries import order_tracking
from hoaban.commerce.tests.builders import BUYER_E164, place, product, seller_with_bank
from hoaban.storefront.cart import SESSION_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quiet_notifications(settings):
    settings.NOTIFICATION_BACKEND = "hoaban.commerce.notifications.LocmemBackend"


@pytest.fixture
def honey():
    return ProductFactory(
        organisation=seller_with_bank(),
        name="Mật ong bạc hà",
        unit=Product.Unit.BOTTLE,
        stock=3,
    )


LEFT = {
    "vi": "Chỉ còn 3 chai Mật ong bạc hà. Hãy chọn 3 hoặc ít hơn.",
    "en": "Only 3 bottles left of Mật ong bạc hà. Choose 3 or fewer.",
}


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("quantity", ["4", "5", "250", "10000", "99999999999"])
def test_asking_more_than_is_left_says_how_many_with_the_unit(client, honey, language, quantity):
    client.cookies["hoaban_language"] = language
    page = reverse("storefront:product", args=[honey.code])

    response = client.post(
        reverse("shop:cart_add"),
        {"product": honey.code, "quantity": quantity, "next": page},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == page  # back on the product page
    assert LEFT[language] in response.content.decode()
    assert client.session.get(SESSION_KEY, {}) == {}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_changing_the_basket_beyond_what_is_left_says_it_with_the_unit(client, honey, language):
    client.post(reverse("shop:cart_add"), {"product": honey.code, "quantity": 2})
    client.cookies["hoaban_language"] = language

    response = client.post(reverse("shop:cart_update"), {"product": honey.code, "quantity": 500})

    assert response.status_code == 400
    assert LEFT[language] in response.content.decode()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("vi", "Chỉ còn 1 chai: hãy giảm số lượng."),
        ("en", "Only 1 bottle left: lower the quantity."),
    ],
)
def test_the_basket_line_says_how_many_are_left_with_the_unit(client, honey, language, text):
    client.post(reverse("shop:cart_add"), {"product": honey.code, "quantity": 3})
    Product.objects.filter(pk=honey.pk).update(stock=1)
    client.cookies["hoaban_language"] = language

    html = client.get(reverse("shop:cart")).content.decode()

    assert text in html


# --- the carrier's name ---------------------------------------------------------------------


@pytest.fixture
def shipped():
    order = place([(product(), 1)]).orders[0]
    manager = ManagerFactory(organisation=order.seller).user
    order_confirm(order=order, by=manager)
    order_pack(order=order, by=manager)
    order_ship(order=order, by=manager, carrier="viettelpost", tracking_code="VTP123")
    return order, manager


def test_the_tracking_page_names_the_carrier(client, shipped):
    order, _manager = shipped

    html = client.post(
        reverse("shop:track"), {"code": order.code, "phone": "0912 345 678"}
    ).content.decode()

    assert ">Viettel Post</strong>" in html
    assert ">viettelpost<" not in html


def test_the_console_names_the_carrier(client, shipped):
    order, manager = shipped
    client.force_login(manager)

    html = client.get(reverse("console:order", args=[order.seller.slug, order.code]))

    assert ">Viettel Post</span>" in html.content.decode()


@pytest.mark.parametrize(
    ("language", "name"), [("vi", "Hợp tác xã tự giao"), ("en", "The cooperative itself")]
)
def test_the_seller_delivering_is_named_in_words(client, language, name):
    order = place([(product(), 1)]).orders[0]
    manager = ManagerFactory(organisation=order.seller).user
    order_confirm(order=order, by=manager)
    order_pack(order=order, by=manager)
    order_ship(order=order, by=manager, carrier="seller")
    client.cookies["hoaban_language"] = language

    html = client.post(
        reverse("shop:track"), {"code": order.code, "phone": "0912 345 678"}
    ).content.decode()

    assert f">{name}</strong>" in html


def test_the_tracking_answer_carries_the_name_beside_the_code(shipped):
    order, _manager = shipped

    tracked = order_tracking(order_for_tracking(order.code, BUYER_E164))

    assert tracked["shipment"]["carrier"] == "viettelpost"
    assert tracked["shipment"]["carrier_name"] == "Viettel Post"
