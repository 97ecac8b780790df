"""Real threads on PostgreSQL: a manager's recount racing the confirmation of an order.

Both lock the product's row first (in primary-key order), so one waits for the other: either
the sale goes first and the recount sets the count, or the recount goes first and is refused
(the order still holds its units), then the sale takes them. Never below zero, never a ledger
that disagrees with the stock."""

import threading

import pytest
from django.db import connection

from hoaban.catalog.tests.factories import ManagerFactory
from hoaban.commerce.services import order_confirm
from hoaban.commerce.stock import reserved_quantities
from hoaban.commerce.tests.builders import place, product
from hoaban.commerce.tests.test_concurrency import in_threads
from hoaban.inventory import services as inventory
from hoaban.inventory.models import Stock

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="real-thread races need PostgreSQL row locks; SQLite serialises every writer",
    ),
]


@pytest.mark.parametrize("round_", range(8))
def test_a_recount_racing_a_sale_never_breaks_the_ledger(reference_data, round_):
    rice = product(stock=10)
    manager = ManagerFactory(organisation=rice.organisation).user
    order = place([(rice, 6)]).orders[0]  # holds 6 of the 10
    start = threading.Barrier(2)

    def sell():
        start.wait()
        return order_confirm(order=order, by=manager)

    def recount():
        start.wait()
        return inventory.stock_recount(
            product=rice, counted=5, by=manager, held=reserved_quantities, note="kiểm kho"
        )

    (sale, _), (count, refusal) = in_threads([sell, recount], workers=2)

    rice.refresh_from_db()
    assert sale == "ok"
    if count == "ok":  # the sale went first: 10 − 6 = 4 counted as 5 (+1)
        assert rice.stock == 5
    else:  # the recount went first and was refused: 5 < the 6 held
        assert isinstance(refusal, inventory.StockError)
        assert rice.stock == 4
    assert rice.stock == inventory.stock_total(rice.pk)
    assert [s.quantity for s in Stock.objects.filter(product=rice)] == [rice.stock]
