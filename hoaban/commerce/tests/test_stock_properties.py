"""Property test: whatever buyers and sellers do, in any order, stock is never oversold.

Random sequences of place / confirm / cancel / expire against one product; after every step
`available == stock − active holds`, it is never negative, and the units sold plus the units
still available never exceed the starting stock.
"""

import contextlib
import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoaban.catalog.models import Product
from hoaban.catalog.tests.factories import ManagerFactory
from hoaban.commerce.errors import OrderError, OutOfStock
from hoaban.commerce.models import Order, StockReservation
from hoaban.commerce.queries import available_quantities
from hoaban.commerce.services import order_cancel, order_confirm
from hoaban.commerce.stock import reserved_quantities

from .builders import place, product

pytestmark = pytest.mark.django_db

steps = st.lists(
    st.one_of(
        st.tuples(st.just("place"), st.integers(min_value=1, max_value=6)),
        st.tuples(st.just("confirm"), st.integers(min_value=0, max_value=20)),
        st.tuples(st.just("cancel"), st.integers(min_value=0, max_value=20)),
        st.tuples(st.just("expire"), st.integers(min_value=0, max_value=20)),
    ),
    min_size=1,
    max_size=25,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps, stock=st.integers(min_value=0, max_value=12))
def test_stock_is_never_oversold(steps, stock):
    rice = product(stock=stock)
    manager = ManagerFactory(organisation=rice.organisation).user
    orders: list[Order] = []
    for action, number in steps:
        if action == "place":
            try:
                orders.append(place([(rice, number)]).orders[0])
            except OutOfStock as error:
                assert error.shortages[0].available < number
        elif orders:
            order = orders[number % len(orders)]
            if action == "expire":
                StockReservation.objects.filter(order_line__order=order).update(
                    expires_at=timezone.now() - datetime.timedelta(seconds=1)
                )
                continue
            # Refused transitions and sold-out confirmations (OutOfStock) change nothing.
            with contextlib.suppress(OrderError):
                (order_confirm if action == "confirm" else order_cancel)(order=order, by=manager)

        current = Product.objects.get(pk=rice.pk)
        held = reserved_quantities([rice.pk]).get(rice.pk, 0)
        available = available_quantities([rice.pk])[rice.pk]
        assert current.stock >= 0
        assert available == max(current.stock - held, 0)
        assert held <= current.stock
        sold = sum(
            line.quantity
            for o in Order.objects.filter(
                pk__in=[o.pk for o in orders], status=Order.Status.CONFIRMED
            ).prefetch_related("lines")
            for line in o.lines.all()
        )
        assert sold + current.stock == stock
