"""Stock arithmetic shared by placement, confirmation and the product pages.

available = stock − units held by active reservations (not released, not consumed, not
expired). An expired reservation stops counting the moment it expires: no job needed.

How long a placed order holds its units depends on how it is paid (settings, in minutes):
an unpaid bank transfer (VietQR) holds them ORDER_HOLD_UNPAID_TRANSFER_MINUTES (2 hours: the
buyer pays with her phone right away, or not at all); cash on delivery, cash at pick-up and a
transfer the seller has seen arrive hold them until the seller confirms, at most
ORDER_HOLD_UNCONFIRMED_MINUTES (24 hours: a cooperative answers within a day). Confirming
turns the hold into a real stock decrement (`services.lifecycle`): it is no longer a hold.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone

from .models import Payment, StockReservation

DEFAULT_HOLD_UNPAID_TRANSFER_MINUTES = 2 * 60
DEFAULT_HOLD_UNCONFIRMED_MINUTES = 24 * 60


def hold_minutes(payment_method: str, *, paid: bool = False) -> int:
    """Minutes a placed, unconfirmed order holds its units, by how it is paid."""
    if payment_method == Payment.Method.VIETQR and not paid:
        return int(
            getattr(
                settings,
                "ORDER_HOLD_UNPAID_TRANSFER_MINUTES",
                DEFAULT_HOLD_UNPAID_TRANSFER_MINUTES,
            )
        )
    return int(
        getattr(settings, "ORDER_HOLD_UNCONFIRMED_MINUTES", DEFAULT_HOLD_UNCONFIRMED_MINUTES)
    )


def reservation_expiry(
    payment_method: str, now: datetime.datetime | None = None, *, paid: bool = False
) -> datetime.datetime:
    minutes = hold_minutes(payment_method, paid=paid)
    return (now or timezone.now()) + datetime.timedelta(minutes=minutes)


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
