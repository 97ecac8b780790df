"""order_place costs a fixed number of queries however many lines one seller's order has.

A channel's pipeline will send baskets of many lines (an agent's market order, a livestream's
comments): the cost must grow with the number of sellers (one order each), never per line.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .builders import place, product, seller_with_bank

pytestmark = pytest.mark.django_db


def queries_to_place(lines: int, *, payment: str = "cod") -> int:
    seller = seller_with_bank()
    products = [product(stock=10, organisation=seller) for _ in range(lines)]
    place([(products[0], 1)], payment=payment)  # warm the channel rows and caches
    with CaptureQueriesContext(connection) as queries:
        result = place([(p, 1) for p in products], payment=payment)
    assert len(result.orders) == 1
    assert result.orders[0].lines.count() == lines
    return len(queries)


@pytest.mark.parametrize("payment", ["cod", "vietqr"])
def test_placing_one_sellers_order_costs_the_same_queries_for_3_and_12_lines(payment):
    assert queries_to_place(3, payment=payment) == queries_to_place(12, payment=payment)
