"""The console's recount forms (catalogue console and shop stock page) and a product's
movements page."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from hoaban.catalog.tests.factories import ManagerFactory, ProductFactory
from hoaban.commerce.tests.builders import place
from hoaban.inventory import services
from hoaban.inventory.models import StockMovement

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return ManagerFactory()


@pytest.fixture
def logged_in(client, manager):
    client.force_login(manager.user)
    return client


def url(name, product, **kwargs):
    return reverse(
        f"console:{name}",
        kwargs={"slug": product.organisation.slug, "code": product.code, **kwargs},
    )


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def moves(product):
    return list(
        StockMovement.objects.filter(product=product)
        .order_by("pk")
        .values_list("kind", "quantity", "note", "actor")
    )


def test_the_console_recount_writes_an_adjustment_with_its_note(logged_in, manager):
    product = ProductFactory(organisation=manager.organisation, stock=0)

    response = logged_in.post(url("product_stock", product), {"stock": "12", "note": "kiểm kho"})

    product.refresh_from_db()
    assert response.status_code == 302
    assert product.stock == 12
    assert moves(product) == [("recount", 12, "kiểm kho", manager.user.pk)]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", "3 ít hơn 4 đơn vị đang được giữ cho các đơn chưa xác nhận."),
        ("en", "3 is fewer than the 4 units held for orders not yet confirmed."),
    ],
)
def test_a_console_recount_below_what_orders_hold_is_refused(
    logged_in, manager, language, expected
):
    product = ProductFactory(organisation=manager.organisation, stock=0)
    services.stock_receive(product=product, quantity=10, by=manager.user)
    place([(product, 4)])
    before = moves(product)

    response = in_language(logged_in, language).post(
        url("product_stock", product), {"stock": "3"}, follow=True
    )

    product.refresh_from_db()
    assert expected in response.content.decode()
    assert (product.stock, moves(product)) == (10, before)


def test_the_shop_stock_page_recount_writes_an_adjustment(logged_in, manager):
    product = ProductFactory(organisation=manager.organisation, stock=5)

    response = logged_in.post(
        reverse("console:stock", args=[manager.organisation.slug]),
        {"product": product.code, "stock": "2", "note": "hỏng"},
    )

    product.refresh_from_db()
    assert response.status_code == 302
    assert product.stock == 2
    assert [m[:3] for m in moves(product)] == [
        ("recount", 5, str(services.OPENING_NOTE)),  # the stock from before the ledger
        ("recount", -3, "hỏng"),
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", "3 ít hơn 4 đơn vị đang được giữ cho các đơn chưa xác nhận."),
        ("en", "3 is fewer than the 4 units held for orders not yet confirmed."),
    ],
)
def test_a_shop_page_recount_below_what_orders_hold_is_refused(
    logged_in, manager, language, expected
):
    product = ProductFactory(organisation=manager.organisation, stock=10)
    place([(product, 4)])
    before = moves(product)

    response = in_language(logged_in, language).post(
        reverse("console:stock", args=[manager.organisation.slug]),
        {"product": product.code, "stock": "3"},
    )

    product.refresh_from_db()
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert (product.stock, moves(product)) == (10, before)


def test_the_movements_page_shows_date_kind_change_who_and_note(logged_in, manager):
    product = ProductFactory(organisation=manager.organisation, stock=0)
    services.stock_receive(product=product, quantity=7, by=manager.user, note="Mẻ mới")

    page = in_language(logged_in, "en").get(url("product_movements", product)).content.decode()

    assert "Received" in page
    assert "+7" in page
    assert "Mẻ mới" in page
    assert manager.user.full_name in page
    assert timezone.localtime().strftime("%d/%m/%Y") in page


def test_another_organisations_movements_are_not_found(logged_in, manager):
    theirs = ProductFactory(stock=3)

    response = logged_in.get(
        reverse(
            "console:product_movements",
            kwargs={"slug": manager.organisation.slug, "code": theirs.code},
        )
    )

    assert response.status_code == 404


def test_the_movements_page_costs_the_same_for_n_and_2n_movements(
    logged_in, manager, django_assert_num_queries
):
    product = ProductFactory(organisation=manager.organisation, stock=0)
    other = ManagerFactory(organisation=manager.organisation).user
    for n in range(5):
        services.stock_receive(product=product, quantity=1, by=manager.user if n % 2 else other)
    target = url("product_movements", product)
    logged_in.get(target)  # warm the session

    # session + user + organisation + permission checks (2) + product + holds that ran out
    # (commerce.services.holds) + count + the page of movements joined with who and where
    # + the orders waiting (the tab row's count)
    with django_assert_num_queries(10):
        first = logged_in.get(target)
    for n in range(5):
        services.stock_receive(product=product, quantity=1, by=manager.user if n % 2 else other)
    with django_assert_num_queries(10):
        second = logged_in.get(target)

    assert first.content.decode().count("<tr>") == 1 + 5
    assert second.content.decode().count("<tr>") == 1 + 10


def test_the_movements_page_is_paginated(logged_in, manager, monkeypatch):
    from hoaban.console import stock as views

    monkeypatch.setattr(views, "MOVEMENTS_PER_PAGE", 3)
    product = ProductFactory(organisation=manager.organisation, stock=0)
    for _n in range(4):
        services.stock_receive(product=product, quantity=1, by=manager.user)

    second = logged_in.get(url("product_movements", product) + "?page=2").content.decode()
    far = logged_in.get(url("product_movements", product) + "?page=99999999999999999999")

    assert second.count("<tr>") == 1 + 1
    assert far.status_code == 200
