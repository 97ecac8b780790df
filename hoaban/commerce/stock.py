"""Stock arithmetic shared by placement, confirmation and the product pages.

available = stock − units held by active reservations (not released, not consumed, not
expired). An expired reservation stops counting the moment it expires: no job needed.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone

from .models import StockReservation


def reservation_hours() -> int:
    return int(getattr(settings, "COMMERCE_RESERVATION_HOURS", 48))


def reservation_expiry(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) + datetime.timedelta(hours=reservation_hours())


def active_reservations_q(now: datetime.datetime | None = None, prefix: str = "") -> Q:
    """The filter for reservations that still hold stock (`prefix` e.g. `reservations__`)."""
    return Q(
        **{
            f"{prefix}is_released": False,
            f"{prefix}is_consumed": False,
            f"{prefix}expires_at__gt": now or timezone.now(),
        }
    )


def reserved_quantities(
    product_ids: Iterable[int], now: datetime.datetime | None = None
) -> dict[int, int]:
    """Units held by active reservations, per product id (one query)."""
    rows = (
        StockReservation.objects.filter(
            active_reservations_q(now), product_id__in=list(product_ids)
        )
        .values("product_id")
        .annotate(held=Sum("quantity"))
        .order_by()
    )
    return {row["product_id"]: row["held"] for row in rows}
