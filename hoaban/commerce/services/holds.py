"""Holds that ran out: record their release in the stock history.

An expired reservation stops counting the moment it expires (`commerce.stock`), so nothing
here is needed for availability. What this adds is the history: each hold that ran out
without a sale gets its "reservation released" movement, dated when it expired — whenever
this runs (the beat schedule every 15 minutes, the purge before it deletes, and the
product's movements page before it shows them).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from hoaban.catalog.models import Product
from hoaban.inventory import services as inventory

from ..models import StockReservation


def _expired(now: datetime.datetime, product_ids: Iterable[int] | None):
    rows = StockReservation.objects.filter(
        is_released=False, is_consumed=False, expires_at__lte=now
    )
    if product_ids is not None:
        rows = rows.filter(product_id__in=list(product_ids))
    return rows


def reservations_expire(
    *, now: datetime.datetime | None = None, product_ids: Iterable[int] | None = None
) -> int:
    """Mark holds that expired before `now` as released and write their movements (idempotent:
    a hold is released once, under the products' locks). Returns how many were released.
    One query when there is nothing to release (the movements page asks on every view)."""
    now = now or timezone.now()
    ids = sorted(set(_expired(now, product_ids).values_list("product_id", flat=True)))
    return _release(now, ids) if ids else 0


@transaction.atomic
def _release(now: datetime.datetime, ids: list[int]) -> int:
    # The same lock order as placement, confirmation and cancellation: products by key first.
    list(Product.objects.select_for_update(of=("self",)).filter(pk__in=ids).order_by("pk"))
    held = list(
        _expired(now, ids)
        .select_for_update(of=("self",))
        .select_related("order_line__order")
        .order_by("pk")
    )
    if not held:
        return 0
    StockReservation.objects.filter(pk__in=[r.pk for r in held]).update(is_released=True)
    with translation.override(settings.LANGUAGE_CODE):  # a stored note: the site's language
        for reservation in held:  # each dated when that hold ran out
            code = reservation.order_line.order.code
            inventory.stock_release(
                items=[
                    inventory.Item(
                        reservation.product_id, reservation.quantity, reservation.order_line_id
                    )
                ],
                by=None,
                order_code=code,
                note=gettext("%(quantity)s held for order %(code)s, not confirmed in time")
                % {"quantity": reservation.quantity, "code": code},
                at=reservation.expires_at,
            )
    return len(held)
