"""How many of a seller's orders wait for her, by what they wait for (one query, any number of
orders or organisations): to confirm, for the transfer, to pack, to ship.

- to confirm: placed;
- waiting for payment: still open (placed, confirmed, packed) with a bank transfer (VietQR)
  not yet received: the seller ships only once it is (`lifecycle.order_ship`);
- to pack: confirmed;
- to ship: packed, to be delivered to an address (a pick-up order is handed over instead).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from .models import Order, Payment

S = Order.Status
OPEN = (S.PLACED, S.CONFIRMED, S.PACKED)


@dataclass(frozen=True)
class OrderCounts:
    to_confirm: int = 0
    awaiting_payment: int = 0
    to_pack: int = 0
    to_ship: int = 0

    @property
    def waiting(self) -> int:
        """Orders that need her now (to confirm, pack or ship); a transfer is the buyer's."""
        return self.to_confirm + self.to_pack + self.to_ship


def transfer_pending_q() -> Q:
    """An order whose bank transfer (VietQR) charge has not been received."""
    return Q(
        Exists(
            Payment.objects.filter(
                order=OuterRef("pk"),
                method=Payment.Method.VIETQR,
                status=Payment.Status.PENDING,
            ).exclude(kind=Payment.Kind.REFUND)
        )
    )


def _aggregates() -> dict:
    return {
        "to_confirm": Count("pk", filter=Q(status=S.PLACED)),
        "awaiting_payment": Count("pk", filter=Q(status__in=OPEN) & transfer_pending_q()),
        "to_pack": Count("pk", filter=Q(status=S.CONFIRMED)),
        "to_ship": Count("pk", filter=Q(status=S.PACKED, delivery_method=Order.Delivery.SHIP)),
    }


def order_counts(organisation_id: int) -> OrderCounts:
    """The counts of one seller (1 query)."""
    row = Order.objects.filter(seller_id=organisation_id).aggregate(**_aggregates())
    return OrderCounts(**row)


def order_counts_by_seller(organisation_ids: Iterable[int]) -> dict[int, OrderCounts]:
    """{organisation id: its counts} for several sellers (1 query); none: zeros."""
    ids = list(organisation_ids)
    rows = (
        Order.objects.filter(seller_id__in=ids, status__in=OPEN)
        .order_by()
        .values("seller_id")
        .annotate(**_aggregates())
    )
    found = {row.pop("seller_id"): OrderCounts(**row) for row in rows}
    return {pk: found.get(pk, OrderCounts()) for pk in ids}
