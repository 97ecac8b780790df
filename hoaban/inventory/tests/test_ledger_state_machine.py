"""A hypothesis state machine drives the real services — place, confirm, cancel, return,
recount, receive — against one product, and checks after every step that the ledger holds:
stock = the sum of its movements (per place and in total), never below zero, and what a buyer
can order (available = stock − active holds) never below zero either."""

import contextlib
import datetime

import pytest
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from hoaban.catalog.models import Product
from hoaban.catalog.tests.factories import ManagerFactory
from hoaban.commerce.errors import OrderError, OutOfStock
from hoaban.commerce.models import Order, StockReservation
from hoaban.commerce.queries import available_quantities
from hoaban.commerce.services import (
    order_cancel,
    order_confirm,
    order_pack,
    order_return,
    order_ship,
    reservations_expire,
)
from hoaban.commerce.stock import reserved_quantities
from hoaban.commerce.tests.builders import place, product
from hoaban.inventory import services as inventory
from hoaban.inventory.models import Stock, StockMovement

pytestmark = pytest.mark.django_db


class Ledger(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.product = product(stock=5)  # stock from before the ledger: adopted on first use
        self.manager = ManagerFactory(organisation=self.product.organisation).user
        self.orders: list[Order] = []
        self.refusals = 0

    def _order(self, index: int) -> Order | None:
        return self.orders[index % len(self.orders)] if self.orders else None

    @rule(quantity=st.integers(min_value=1, max_value=6))
    def place(self, quantity):
        try:
            self.orders.append(place([(self.product, quantity)]).orders[0])
        except OutOfStock:
            self.refusals += 1

    @rule(index=st.integers(min_value=0, max_value=30))
    def confirm(self, index):
        if order := self._order(index):
            with contextlib.suppress(OrderError):
                order_confirm(order=order, by=self.manager)

    @rule(index=st.integers(min_value=0, max_value=30))
    def cancel(self, index):
        if order := self._order(index):
            with contextlib.suppress(OrderError):
                order_cancel(order=order, by=self.manager, reason="đổi ý")

    @rule(index=st.integers(min_value=0, max_value=30))
    def hold_runs_out(self, index):
        """The order's hold expires (time passes) and its release is written in the history."""
        if order := self._order(index):
            past = timezone.now() - datetime.timedelta(minutes=1)
            StockReservation.objects.filter(order_line__order=order, is_consumed=False).update(
                expires_at=past
            )
            reservations_expire()

    @rule(index=st.integers(min_value=0, max_value=30), restock=st.booleans())
    def ship_and_return(self, index, restock):
        if order := self._order(index):
            with contextlib.suppress(OrderError):
                order_pack(order=order, by=self.manager)
                order_ship(order=order, by=self.manager)
                order_return(order=order, by=self.manager, restock=restock)

    @rule(counted=st.integers(min_value=0, max_value=15))
    def recount(self, counted):
        before = self._snapshot()
        try:
            inventory.stock_recount(
                product=self.product, counted=counted, by=self.manager, held=reserved_quantities
            )
        except inventory.StockError:
            assert self._snapshot() == before  # refused: nothing changed
            assert counted < reserved_quantities([self.product.pk]).get(self.product.pk, 0)

    @rule(quantity=st.integers(min_value=1, max_value=10))
    def receive(self, quantity):
        inventory.stock_receive(product=self.product, quantity=quantity, by=self.manager)

    def _snapshot(self):
        return (
            Product.objects.get(pk=self.product.pk).stock,
            StockMovement.objects.filter(product=self.product).count(),
        )

    @invariant()
    def stock_is_the_sum_of_its_movements_and_never_negative(self):
        stock = Product.objects.get(pk=self.product.pk).stock
        rows = Stock.objects.filter(product=self.product)
        moved = dict(
            StockMovement.objects.filter(product=self.product)
            .values("location")
            .annotate(n=Sum("quantity"))
            .order_by()
            .values_list("location", "n")
        )
        assert stock >= 0
        assert all(row.quantity >= 0 for row in rows)
        assert {row.location_id: row.quantity for row in rows if moved} == moved
        if rows:  # the ledger has started: the total is the sum of every movement
            assert stock == inventory.stock_total(self.product.pk) == sum(r.quantity for r in rows)

    @invariant()
    def a_hold_is_released_at_most_once(self):
        released = StockMovement.objects.filter(
            product=self.product, kind=StockMovement.Kind.RESERVATION_RELEASED
        ).values_list("order_line_id", flat=True)
        assert len(released) == len(set(released))

    @invariant()
    def available_is_never_negative(self):
        stock = Product.objects.get(pk=self.product.pk).stock
        held = reserved_quantities([self.product.pk]).get(self.product.pk, 0)
        available = available_quantities([self.product.pk])[self.product.pk]
        assert available >= 0
        assert available == max(stock - held, 0)
        assert held <= stock


Ledger.TestCase.settings = settings(
    max_examples=15,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def test_the_ledger_holds_whatever_buyers_and_managers_do(db):
    Ledger.TestCase().runTest()
