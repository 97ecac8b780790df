"""The console's order pages moved from /manage/orders/?org=… to /manage/<organisation>/orders/;
a bookmark of an old address still leads her to the same page, and to nothing more."""

import pytest
from django.urls import reverse

from hoaban.accounts.models import Role
from hoaban.commerce.tests.builders import place, product, seller_with_bank
from hoaban.orgs.tests.factories import ManagerFactory, UserFactory

pytestmark = pytest.mark.django_db

ONLY_MANAGERS_EN = "Only managers of a cooperative can see its orders."


@pytest.fixture(autouse=True)
def _quiet_notifications(settings):
    settings.NOTIFICATION_BACKEND = "hoaban.commerce.notifications.LocmemBackend"


@pytest.fixture
def two(client):
    """A manager of two cooperatives (the first by name: "HTX A…"), logged in."""
    first = seller_with_bank(name="HTX An Bình", slug="htx-an-binh")
    second = seller_with_bank(name="HTX Bản Lìm", slug="htx-ban-lim")
    user = ManagerFactory(organisation=first).user
    ManagerFactory(organisation=second, user=user)
    client.force_login(user)
    return first, second


def test_the_old_orders_address_leads_to_the_first_organisations_orders(client, two):
    first, _ = two

    response = client.get("/manage/orders/", {"status": "placed"})

    assert response.status_code == 302
    assert response["Location"] == f"/manage/{first.slug}/orders/?status=placed"


def test_the_old_orders_address_keeps_the_organisation_it_named(client, two):
    _, second = two

    response = client.get("/manage/orders/", {"org": second.slug, "page": "2"})

    assert response["Location"] == f"/manage/{second.slug}/orders/?page=2"


def test_an_old_address_naming_another_organisation_leads_to_her_own(client, two):
    first, _ = two
    stranger = seller_with_bank(name="HTX Người Khác", slug="htx-nguoi-khac")

    response = client.get("/manage/orders/packing/", {"org": stranger.slug})

    assert response["Location"] == f"/manage/{first.slug}/orders/packing/"


def test_the_old_stock_address_leads_to_the_stock_page(client, two):
    first, _ = two

    assert client.get("/manage/orders/stock/")["Location"] == f"/manage/{first.slug}/stock/"


def test_an_old_order_address_leads_to_the_order_under_its_seller(client, two):
    _, second = two
    order = place([(product(organisation=second, stock=5), 1)]).orders[0]

    response = client.get(f"/manage/orders/{order.code}/")

    assert response["Location"] == reverse("console:order", args=[second.slug, order.code])
    assert client.get(response["Location"]).status_code == 200


def test_an_old_order_address_of_another_organisation_is_not_found(client, two):
    stranger = seller_with_bank(name="HTX Người Khác", slug="htx-nguoi-khac")
    theirs = place([(product(organisation=stranger, stock=5), 1)]).orders[0]
    client.cookies["hoaban_language"] = "en"

    response = client.get(f"/manage/orders/{theirs.code}/")

    assert response.status_code == 404
    assert "We found no such order among the orders of your cooperatives." in (
        response.content.decode()
    )
    assert theirs.code not in response.content.decode()


def test_the_old_addresses_refuse_a_person_who_manages_nothing(client):
    client.force_login(UserFactory())
    client.cookies["hoaban_language"] = "en"

    for url in ("/manage/orders/", "/manage/orders/packing/", "/manage/orders/HB-AAAAA/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert ONLY_MANAGERS_EN in response.content.decode()


def test_a_programme_officer_sees_the_console_but_not_the_orders(client):
    # given an officer of the province of a cooperative that has an order
    seller = seller_with_bank(name="HTX An Bình", slug="htx-an-binh")
    order = place([(product(organisation=seller, stock=5), 1)]).orders[0]
    officer = UserFactory()
    Role.objects.create(
        user=officer, kind=Role.Kind.OFFICER, granted_by_system="test"
    ).provinces.add(seller.commune.province)
    client.force_login(officer)
    client.cookies["hoaban_language"] = "en"

    # when she opens its overview, its orders and one order
    overview = client.get(f"/manage/{seller.slug}/")
    orders = client.get(f"/manage/{seller.slug}/orders/")
    one = client.get(f"/manage/{seller.slug}/orders/{order.code}/")

    # then the overview opens (without the orders link), the orders do not (buyers' phones)
    assert overview.status_code == 200
    assert f'href="/manage/{seller.slug}/orders/"' not in overview.content.decode()
    assert orders.status_code == one.status_code == 403
    assert ONLY_MANAGERS_EN in orders.content.decode()
    assert "data-status" not in one.content.decode()  # nothing of the order is shown
