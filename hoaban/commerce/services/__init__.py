"""Every write of the order pipeline. Storefront, social, offline and the API call only these.

- placement: `order_place` — the one entry point for every channel.
- lifecycle: `order_confirm`, `order_pack`, `order_ship`, `order_deliver`, `order_complete`,
  `order_cancel`, `order_return` — every status change, with its event.
- payments: `payment_record`, `payment_mark_received`, `payment_refund` — an order's payments.
- lots: `order_line_lot_set`, `lot_proposals` — the lot each line is packed from.
- reviews: `review_create`.
- holds: `reservations_expire` — the stock history of holds that ran out.
"""

from .holds import reservations_expire
from .lifecycle import (
    TRANSITIONS,
    order_cancel,
    order_cancel_by_buyer,
    order_complete,
    order_confirm,
    order_deliver,
    order_pack,
    order_parcel,
    order_return,
    order_ship,
    order_ship_with_carrier,
    user_can_manage,
)
from .lots import LotRefused, lot_proposals, order_line_lot_set
from .payments import PaymentRefused, payment_mark_received, payment_record, payment_refund
from .placement import BuyerInput, DeliveryInput, LineInput, PlaceResult, order_place
from .reviews import review_create

place_order = order_place  # the name DESIGN.md uses

__all__ = [
    "TRANSITIONS",
    "BuyerInput",
    "DeliveryInput",
    "LineInput",
    "PlaceResult",
    "order_cancel",
    "order_cancel_by_buyer",
    "order_complete",
    "order_confirm",
    "order_deliver",
    "order_pack",
    "order_place",
    "place_order",
    "order_return",
    "order_parcel",
    "order_ship",
    "order_ship_with_carrier",
    "LotRefused",
    "PaymentRefused",
    "lot_proposals",
    "order_line_lot_set",
    "payment_mark_received",
    "payment_record",
    "payment_refund",
    "reservations_expire",
    "review_create",
    "user_can_manage",
]
