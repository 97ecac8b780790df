"""A hold that runs out is written in the stock history once, dated when it ran out."""

import datetime

import pytest
from django.utils import timezone

from hoaban.catalog.tests.factories import ManagerFactory
from hoaban.commerce.models import StockReservation
from hoaban.commerce.services import order_cancel, order_confirm, reservations_expire
from hoaban.commerce.tasks import reservations_purge
from hoaban.commerce.tests.builders import place, product
from hoaban.inventory import services as inventory
from hoaban.inventory.models import StockMovement

pytestmark = pytest.mark.django_db


@pytest.fixture
def honey():
    return product(stock=10)


@pytest.fixture
def manager(honey):
    return ManagerFactory(organisation=honey.organisation).user


def _expire(order, *, ago=datetime.timedelta(hours=1)):
    when = timezone.now() - ago
    StockReservation.objects.filter(order_line__order=order).update(expires_at=when)
    return StockReservation.objects.filter(order_line__order=order).get().expires_at


def _released(honey):
    return list(
        StockMovement.objects.filter(product=honey, kind=StockMovement.Kind.RESERVATION_RELEASED)
        .order_by("pk")
        .values_list("quantity", "balance", "order_code", "at")
    )


def test_an_expired_hold_gets_one_released_movement_dated_when_it_ran_out(honey):
    order = place([(honey, 3)]).orders[0]
    expired_at = _expire(order)

    assert reservations_expire() == 1
    assert reservations_expire() == 0  # idempotent: released once

    honey.refresh_from_db()
    assert honey.stock == 10 == inventory.stock_total(honey.pk)
    assert _released(honey) == [(0, 10, order.code, expired_at)]
    assert StockReservation.objects.get(order_line__order=order).is_released
    note = StockMovement.objects.get(kind="released", product=honey).note
    assert order.code in note and "3" in note


def test_an_active_hold_is_left_alone(honey):
    place([(honey, 3)])

    assert reservations_expire() == 0
    assert _released(honey) == []
    assert not StockReservation.objects.get().is_released


def test_cancelling_after_the_hold_ran_out_does_not_release_it_twice(honey, manager):
    order = place([(honey, 2)]).orders[0]
    _expire(order)
    reservations_expire()

    order_cancel(order=order, by=manager, reason="khách không nghe máy")

    assert len(_released(honey)) == 1


def test_cancelling_before_the_job_ran_releases_the_expired_hold_once(honey, manager):
    order = place([(honey, 2)]).orders[0]
    _expire(order)

    order_cancel(order=order, by=manager)
    reservations_expire()

    assert len(_released(honey)) == 1


def test_confirming_after_the_hold_ran_out_still_sells_from_what_is_available(honey, manager):
    order = place([(honey, 4)]).orders[0]
    _expire(order)
    reservations_expire()

    order_confirm(order=order, by=manager)

    honey.refresh_from_db()
    assert honey.stock == 6 == inventory.stock_total(honey.pk)
    kinds = list(
        StockMovement.objects.filter(product=honey, order_code=order.code)
        .order_by("pk")
        .values_list("kind", "quantity")
    )
    assert kinds == [("released", 0), ("sale", -4)]


def test_the_purge_writes_the_history_before_it_deletes(honey):
    order = place([(honey, 1)]).orders[0]
    _expire(order, ago=datetime.timedelta(days=30))

    assert reservations_purge() == 1

    assert not StockReservation.objects.exists()
    assert len(_released(honey)) == 1


def test_only_the_products_asked_for_are_released(honey):
    other = product(stock=5)
    first, second = place([(honey, 1)]).orders[0], place([(other, 1)]).orders[0]
    _expire(first)
    _expire(second)

    assert reservations_expire(product_ids=[other.pk]) == 1
    assert _released(honey) == []


def test_the_movements_page_shows_a_hold_that_ran_out_without_the_job(client, honey, manager):
    order = place([(honey, 2)]).orders[0]
    _expire(order)
    client.force_login(manager)

    page = client.get(
        f"/manage/{honey.organisation.slug}/products/{honey.code}/movements/"
    ).content.decode()

    assert order.code in page
    assert len(_released(honey)) == 1
