"""Orders where a manager looks (issue 8): the counts on the console's home and tab row, where
people land after logging in, the officer's provinces, and no shipping before a transfer."""

import pytest
from django.urls import reverse

from hoaban.accounts.models import Role
from hoaban.accounts.tests.factories import PASSWORD, UserFactory
from hoaban.commerce.errors import TransferNotReceived
from hoaban.commerce.models import Order, OrderEvent
from hoaban.commerce.order_counts import order_counts, order_counts_by_seller
from hoaban.commerce.services import (
    order_confirm,
    order_pack,
    order_ship,
    payment_mark_received,
)
from hoaban.commerce.tests.builders import pickup, place, product, seller_with_bank
from hoaban.orgs.tests.factories import ManagerFactory, OrganisationFactory, commune
from hoaban.places.models import Province

pytestmark = pytest.mark.django_db
THAI_NGUYEN = 19  # the province of Na Rì, where the builders' sellers are


@pytest.fixture(autouse=True)
def _quiet_notifications(settings):
    settings.NOTIFICATION_BACKEND = "hoaban.commerce.notifications.LocmemBackend"


@pytest.fixture
def seller():
    return seller_with_bank(name="HTX Miến dong Côn Minh")


@pytest.fixture
def manager(seller):
    return ManagerFactory(organisation=seller).user


def orders_in_every_state(seller, manager, n=1):
    """n orders to confirm, n transfers awaited, n to pack, n to ship (and one pick-up packed)."""
    goods = product(organisation=seller, stock=100)
    for _ in range(n):
        place([(goods, 1)])  # to confirm (cash on delivery)
        place([(goods, 1)], payment="vietqr")  # to confirm and awaiting the transfer
        order_confirm(order=place([(goods, 1)]).orders[0], by=manager)  # to pack
        packed = place([(goods, 1)]).orders[0]
        order_confirm(order=packed, by=manager)
        order_pack(order=packed, by=manager)  # to ship
    at_desk = place([(goods, 1)], delivery=pickup(), payment="cash").orders[0]
    order_confirm(order=at_desk, by=manager)
    order_pack(order=at_desk, by=manager)  # handed over, never shipped
    return goods


def officer(province_code=THAI_NGUYEN):
    user = UserFactory()
    role = Role.objects.create(user=user, kind=Role.Kind.OFFICER, granted_by_system="test")
    role.provinces.add(Province.objects.get(code=province_code))
    return user


# --- the counts ---------------------------------------------------------------------------


def test_counts_are_computed_from_the_orders(seller, manager):
    orders_in_every_state(seller, manager, n=2)
    other = seller_with_bank()
    place([(product(organisation=other), 1)])

    counts = order_counts(seller.pk)
    together = order_counts_by_seller([seller.pk, other.pk])

    assert (counts.to_confirm, counts.awaiting_payment, counts.to_pack, counts.to_ship) == (
        4,
        2,
        2,
        2,
    )
    assert together[seller.pk] == counts
    assert together[other.pk].to_confirm == 1


def test_a_cancelled_transfer_order_no_longer_awaits_payment(seller, manager):
    from hoaban.commerce.services import order_cancel

    order = place([(product(organisation=seller), 1)], payment="vietqr").orders[0]
    order_cancel(order=order, by=manager)

    assert order_counts(seller.pk).awaiting_payment == 0


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("vi", ["Chờ xác nhận", "Chờ chuyển khoản", "Cần đóng gói", "Cần gửi đi", "cần xác nhận"]),
        (
            "en",
            [
                "Waiting for confirmation",
                "Waiting for the bank transfer",
                "To pack",
                "To ship",
                "to confirm",
            ],
        ),
    ],
)
def test_the_console_home_and_tab_row_show_the_orders_waiting(
    client, seller, manager, language, texts
):
    orders_in_every_state(seller, manager)
    client.cookies["hoaban_language"] = language
    client.force_login(manager)

    response = client.get(reverse("console:overview", args=[seller.slug]))
    html = response.content.decode()

    assert 'data-orders-to-confirm="2"' in html  # the tab row
    link = f'href="/manage/{seller.slug}/orders/?status=placed" data-count="to_confirm"'
    assert link in html
    for text in texts:
        assert text in html
    assert response.context["order_counts"].to_ship == 1


def test_the_list_of_organisations_shows_the_orders_to_confirm(client, seller, manager, en):
    other = seller_with_bank(name="HTX Chè Shan tuyết")
    ManagerFactory(organisation=other, user=manager)
    place([(product(organisation=seller), 1)])
    place([(product(organisation=seller), 1)])
    en.force_login(manager)

    html = en.get(reverse("console:home")).content.decode()

    assert "2 orders to confirm" in html
    assert "0 orders to confirm" in html


def test_the_payment_link_lists_the_orders_awaiting_a_transfer(client, seller, manager):
    goods = product(organisation=seller)
    cod = place([(goods, 1)]).orders[0]
    transfer = place([(goods, 1)], payment="vietqr").orders[0]
    client.force_login(manager)

    html = client.get(reverse("console:orders", args=[seller.slug]), {"waiting": "payment"})

    assert transfer.code in html.content.decode()
    assert cod.code not in html.content.decode()


@pytest.mark.parametrize("n", [1, 2])
def test_the_overview_query_count_does_not_grow(
    client, django_assert_num_queries, seller, manager, n
):
    orders_in_every_state(seller, manager, n=n)
    client.force_login(manager)
    url = reverse("console:overview", args=[seller.slug])

    # session, user, organisation, manager? (POST/GET check), may edit?, counts of members and
    # products, organisation events, product events, the order counts.
    with django_assert_num_queries(9):
        response = client.get(url)

    assert response.context["order_counts"].to_confirm == 2 * n


def test_an_officer_sees_no_orders_tab_nor_counts(client, seller, manager):
    orders_in_every_state(seller, manager)
    client.force_login(officer())

    response = client.get(reverse("console:overview", args=[seller.slug]))
    orders = client.get(reverse("console:orders", args=[seller.slug]))

    assert response.status_code == 200
    assert "data-orders-to-confirm" not in response.content.decode()
    assert "data-order-counts" not in response.content.decode()
    assert orders.status_code == 403


# --- after login --------------------------------------------------------------------------


def login(client, user, **extra):
    return client.post(
        reverse("accounts:login"),
        {"username": "0" + user.phone.removeprefix("+84"), "password": PASSWORD, **extra},
    )


def test_a_manager_lands_on_her_console(client, seller, manager):
    response = login(client, manager)

    assert response["Location"] == "/manage/"
    assert client.get("/manage/")["Location"] == reverse("console:overview", args=[seller.slug])


def test_an_officer_lands_on_her_provinces(client, db):
    response = login(client, officer())

    assert response["Location"] == reverse("console:provinces")


def test_a_buyer_lands_where_she_was_and_never_on_another_site(client, db):
    buyer = UserFactory()

    back = login(client, buyer, next="/checkout/")
    client.post(reverse("accounts:logout"))
    elsewhere = login(client, buyer, next="https://evil.example/")

    assert back["Location"] == "/checkout/"
    assert elsewhere["Location"] == reverse("accounts:profile")


def test_the_header_login_link_keeps_the_page(client, db):
    html = client.get(reverse("storefront:products")).content.decode()

    assert 'href="/accounts/login/?next=/products/"' in html


# --- the officer's provinces --------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("vi", ["Tỉnh của tôi", "1 đơn hàng", "1 thành viên"]),
        ("en", ["My provinces", "1 order", "1 member"]),
    ],
)
def test_an_officer_sees_her_provinces_organisations_and_counts(
    client, seller, manager, language, words
):
    place([(product(organisation=seller), 1)])
    far = OrganisationFactory(name="HTX Ở nơi khác", commune=commune(4))  # Hà Nội
    client.cookies["hoaban_language"] = language
    client.force_login(officer())

    response = client.get(reverse("console:provinces"))
    html = response.content.decode()

    assert response.status_code == 200
    assert seller.name in html
    assert far.name not in html
    assert 'data-order-count="1"' in html
    for word in words:
        assert word in html
    assert f"/manage/{seller.slug}/orders/" not in html  # no way into the orders from here


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("vi", "Chỉ cán bộ chương trình mới có tỉnh để theo dõi ở đây."),
        ("en", "Only programme officers have provinces to follow here."),
    ],
)
def test_the_provinces_page_refuses_others(client, manager, language, message):
    client.cookies["hoaban_language"] = language
    client.force_login(manager)

    response = client.get(reverse("console:provinces"))

    assert response.status_code == 403
    assert message in response.content.decode()


# --- no shipping before the transfer ------------------------------------------------------


def packed_transfer(seller, manager):
    order = place([(product(organisation=seller), 1)], payment="vietqr").orders[0]
    order_confirm(order=order, by=manager)
    return order_pack(order=order, by=manager)


def test_a_transfer_order_is_not_shipped_before_the_money_arrives(seller, manager):
    order = packed_transfer(seller, manager)

    with pytest.raises(TransferNotReceived) as refused:
        order_ship(order=order, by=manager)

    assert refused.value.code == "transfer_not_received"
    order.refresh_from_db()
    assert order.status == Order.Status.PACKED


def test_a_transfer_order_ships_once_paid_or_when_the_seller_says_so(seller, manager):
    paid = packed_transfer(seller, manager)
    payment_mark_received(payment=paid.payments.get(), by=manager)
    trusted = packed_transfer(seller, manager)

    order_ship(order=paid, by=manager)
    order_ship(order=trusted, by=manager, before_payment=True, tracking_code="VTP1")

    assert Order.objects.get(pk=paid.pk).status == Order.Status.SHIPPED
    note = OrderEvent.objects.get(order=trusted, kind="shipped").note
    assert note.startswith("Đã gửi trước khi nhận được chuyển khoản.")  # the site's language
    assert "VTP1" in note


def test_cash_on_delivery_ships_without_waiting(seller, manager):
    order = place([(product(organisation=seller), 1)]).orders[0]
    order_confirm(order=order, by=manager)
    order_pack(order=order, by=manager)

    assert order_ship(order=order, by=manager).status == Order.Status.SHIPPED


@pytest.mark.parametrize(
    ("language", "warning", "refusal"),
    [
        (
            "vi",
            "Chưa nhận được chuyển khoản.",
            "Chưa nhận được chuyển khoản cho đơn %s.",
        ),
        (
            "en",
            "The bank transfer has not arrived yet.",
            "The bank transfer for order %s has not arrived yet.",
        ),
    ],
)
def test_the_order_page_warns_and_refuses_shipping_before_the_transfer(
    client, seller, manager, language, warning, refusal
):
    order = packed_transfer(seller, manager)
    client.cookies["hoaban_language"] = language
    client.force_login(manager)
    url = reverse("console:order_action", args=[seller.slug, order.code])

    page = client.get(reverse("console:order", args=[seller.slug, order.code])).content.decode()
    refused = client.post(url, {"action": "ship", "carrier": "viettelpost"}, follow=True)
    shipped = client.post(
        url, {"action": "ship", "carrier": "viettelpost", "before_payment": "on"}, follow=True
    )

    assert "data-transfer-pending" in page and warning in page
    assert refusal % order.code in refused.content.decode()
    assert shipped.status_code == 200
    assert Order.objects.get(pk=order.pk).status == Order.Status.SHIPPED


class CountingCarrier:
    """A carrier that books nothing, counting the bookings it was asked for."""

    code = "viettelpost"

    def __init__(self):
        self.booked = 0

    def create_shipment(self, parcel):
        from hoaban.commerce.shipping import ShipmentCreated

        self.booked += 1
        return ShipmentCreated(carrier=self.code, tracking_code="VTP9", fee=0, raw={})


def test_no_carrier_is_booked_for_an_unpaid_transfer_unless_she_says_so(seller, manager):
    from hoaban.commerce.services import order_ship_with_carrier

    order = packed_transfer(seller, manager)
    carrier = CountingCarrier()

    with pytest.raises(TransferNotReceived):
        order_ship_with_carrier(order=order, by=manager, carrier=carrier)
    booked_before = carrier.booked
    shipped = order_ship_with_carrier(order=order, by=manager, carrier=carrier, before_payment=True)

    assert booked_before == 0
    assert (carrier.booked, shipped.status) == (1, Order.Status.SHIPPED)
