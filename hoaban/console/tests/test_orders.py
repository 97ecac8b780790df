"""The seller's order console: list, actions through the commerce services, packing, stock."""

import pytest
from django.urls import reverse

from hoaban.catalog.models import Product
from hoaban.catalog.tests.factories import ManagerFactory, ProductFactory
from hoaban.commerce.models import Order, OrderEvent, Payment
from hoaban.commerce.tests.builders import pickup, place, product, seller_with_bank

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quiet_notifications(settings):
    settings.NOTIFICATION_BACKEND = "hoaban.commerce.notifications.LocmemBackend"


NOT_FOUND_ORDER_EN = "We found no such order among the orders of your cooperatives."


def english(client):
    client.cookies["hoaban_language"] = "en"
    return client


@pytest.fixture
def seller():
    return seller_with_bank(name="HTX Miến dong Côn Minh")


@pytest.fixture
def manager(seller):
    return ManagerFactory(organisation=seller).user


@pytest.fixture
def order(seller):
    return place([(product(organisation=seller, stock=10, price=45_000), 2)]).orders[0]


def act(client, order, action, **data):
    return client.post(
        reverse("console:order_action", args=[order.seller.slug, order.code]),
        {"action": action, **data},
    )


def test_orders_page_needs_a_login(client, seller):
    response = client.get(reverse("console:orders", args=[seller.slug]))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_manager_sees_the_orders_to_confirm(client, manager, order):
    client.force_login(manager)

    html = client.get(reverse("console:orders", args=[order.seller.slug]), {"status": "placed"})
    html = html.content.decode()

    assert order.code in html
    assert "Nguyễn Thị Lan" in html


def test_orders_of_another_organisation_are_not_listed_nor_shown(client, order):
    stranger = ManagerFactory()
    client.force_login(stranger.user)
    hers = stranger.organisation.slug

    listing = client.get(reverse("console:orders", args=[hers])).content.decode()
    detail = client.get(reverse("console:order", args=[hers, order.code]))
    theirs = english(client).get(reverse("console:orders", args=[order.seller.slug]))

    assert order.code not in listing
    assert detail.status_code == 404
    assert theirs.status_code == 403
    assert "Only managers of a cooperative can see its orders." in theirs.content.decode()
    assert order.code not in theirs.content.decode()


def test_person_without_a_cooperative_is_refused(client, order):
    from hoaban.orgs.tests.factories import UserFactory

    client.force_login(UserFactory())

    response = english(client).get(reverse("console:orders", args=[order.seller.slug]))

    assert response.status_code == 403
    assert "Only managers of a cooperative can see its orders." in response.content.decode()


def test_confirm_pack_ship_deliver_complete(client, manager, order):
    client.force_login(manager)

    act(client, order, "confirm")
    act(client, order, "pack")
    act(client, order, "ship", carrier="viettelpost", tracking_code="VTP987")
    act(client, order, "deliver")
    response = act(client, order, "complete")

    order.refresh_from_db()
    assert order.status == Order.Status.COMPLETED
    assert response["Location"] == reverse("console:order", args=[order.seller.slug, order.code])
    assert order.shipments.get().tracking_code == "VTP987"
    assert list(order.events.values_list("kind", flat=True)) == [
        "placed",
        "confirmed",
        "packed",
        "shipped",
        "delivered",
        "completed",
    ]
    assert Product.objects.get(pk=order.lines.get().product_id).stock == 8


def test_manager_of_another_organisation_is_refused_by_the_service(client, order):
    stranger = ManagerFactory()
    client.force_login(stranger.user)

    response = english(client).post(
        reverse("console:order_action", args=[stranger.organisation.slug, order.code]),
        {"action": "confirm"},
    )

    assert response.status_code == 404
    assert NOT_FOUND_ORDER_EN in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.PLACED
    assert OrderEvent.objects.filter(order=order).count() == 1


def test_a_step_out_of_order_is_explained(client, manager, order):
    client.force_login(manager)

    response = english(client).post(
        reverse("console:order_action", args=[order.seller.slug, order.code]),
        {"action": "complete"},
        follow=True,
    )

    assert "it cannot become" in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.PLACED


def test_cancel_needs_a_reason_and_gives_the_units_back(client, manager, order):
    client.force_login(manager)
    act(client, order, "confirm")

    refused = english(client).post(
        reverse("console:order_action", args=[order.seller.slug, order.code]),
        {"action": "cancel", "reason": ""},
    )
    act(client, order, "cancel", reason="Khách đổi ý")

    assert refused.status_code == 400
    assert "Write why, so the buyer understands." in refused.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert Product.objects.get(pk=order.lines.get().product_id).stock == 10


def test_mark_transfer_received(client, manager, seller):
    order = place([(product(organisation=seller), 1)], payment="vietqr").orders[0]
    client.force_login(manager)

    act(client, order, "paid", payment=order.payment.pk)

    assert Payment.objects.get(order=order).status == Payment.Status.PAID


def test_pickup_order_is_handed_over_without_shipping(client, manager, seller):
    order = place([(product(organisation=seller), 1)], payment="cash", delivery=pickup()).orders[0]
    client.force_login(manager)
    act(client, order, "confirm")
    act(client, order, "pack")

    page = client.get(
        reverse("console:order", args=[order.seller.slug, order.code])
    ).content.decode()
    act(client, order, "deliver")

    assert 'value="ship"' not in page
    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED


def test_packing_list_shows_confirmed_orders_and_totals(client, manager, seller):
    noodles = product(organisation=seller, name="Miến dong", stock=20)
    first = place([(noodles, 2)]).orders[0]
    second = place([(noodles, 3)]).orders[0]
    waiting = place([(noodles, 1)]).orders[0]
    client.force_login(manager)
    act(client, first, "confirm")
    act(client, second, "confirm")

    html = client.get(reverse("console:packing_list", args=[seller.slug])).content.decode()

    assert first.code in html and second.code in html
    assert waiting.code not in html
    assert "<strong>5</strong>" in html


def test_stock_edit_calls_the_catalogue_service(client, manager, seller):
    item = ProductFactory(organisation=seller, stock=4)
    client.force_login(manager)

    client.post(reverse("console:stock", args=[seller.slug]), {"product": item.code, "stock": 25})

    item.refresh_from_db()
    assert item.stock == 25


def test_negative_stock_is_refused(client, manager, seller):
    item = ProductFactory(organisation=seller, stock=4)
    client.force_login(manager)

    response = english(client).post(
        reverse("console:stock", args=[seller.slug]), {"product": item.code, "stock": -1}
    )

    assert response.status_code == 400
    assert "The quantity in stock cannot be negative. Write 0 or more." in response.content.decode()
    item.refresh_from_db()
    assert item.stock == 4


def test_stock_of_another_organisation_is_refused(client, manager):
    other = ProductFactory(stock=4)
    client.force_login(manager)

    response = english(client).post(
        reverse("console:stock", args=[manager.memberships.get().organisation.slug]),
        {"product": other.code, "stock": 99},
    )

    assert response.status_code == 404
    assert "We found no such product among the products of your cooperatives." in (
        response.content.decode()
    )
    other.refresh_from_db()
    assert other.stock == 4


@pytest.mark.parametrize("count", [3, 6])
def test_order_list_query_count_does_not_grow(client, django_assert_num_queries, seller, count):
    manager = ManagerFactory(organisation=seller).user
    goods = [product(organisation=seller) for _ in range(2)]
    for _ in range(count):
        place([(goods[0], 1), (goods[1], 1)])
    client.force_login(manager)
    url = reverse("console:orders", args=[seller.slug])

    # session, user, managed organisations, order count, orders (channel and commune joined),
    # their payments, their lines (with their lots joined), the counts of orders waiting.
    with django_assert_num_queries(8):
        response = client.get(url)

    assert response.status_code == 200
    assert response.context["page"].paginator.count == count
