"""Background jobs of the pipeline. Queued after commit; eager without a broker.

None of them is needed for correctness: an expired reservation stops counting by itself,
`reservations_purge` only keeps the table small.
"""

import datetime

from celery import shared_task
from django.utils import timezone

from .models import Order, StockReservation
from .notifications import notify, order_message, seller_message
from .services import holds


def _order(order_id: int) -> Order | None:
    return (
        Order.objects.select_related("seller")
        .prefetch_related("payments")
        .filter(pk=order_id)
        .first()
    )


@shared_task(ignore_result=True)
def order_placed_notify(order_id: int) -> None:
    """Tell the buyer the order is placed (and how to pay), and the seller it arrived."""
    order = _order(order_id)
    if order is None:
        return
    notify(order_message(order, "placed"))
    message = seller_message(order)
    if message is not None:
        notify(message)


@shared_task(ignore_result=True)
def order_event_notify(order_id: int, kind: str) -> None:
    """Tell the buyer about a change: confirmed, shipped, delivered, cancelled, paid."""
    order = _order(order_id)
    if order is not None:
        notify(order_message(order, kind))


@shared_task(ignore_result=True)
def reservations_expire() -> int:
    """Write the stock history of holds that ran out (availability never waits for this)."""
    return holds.reservations_expire()


@shared_task(ignore_result=True)
def reservations_purge(days: int = 7) -> int:
    """Delete reservations that stopped counting more than `days` ago (housekeeping only),
    once their release is in the stock history."""
    holds.reservations_expire()
    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted, _ = StockReservation.objects.filter(expires_at__lt=cutoff, is_consumed=False).delete()
    return deleted
