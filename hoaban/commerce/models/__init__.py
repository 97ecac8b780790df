"""The order pipeline's records: channels, orders, payments, stock reservations, shipments.

Money is integer đồng. Order state and payment state are kept apart. A stock reservation
counts only while it is neither released nor consumed AND its `expires_at` is in the future:
correctness never waits for a clean-up job.

- channels: `Channel`, `ChannelListing` (a product's price and availability in a channel).
- orders: `IdempotencyRecord`, `Order`, `OrderLine`, `StockReservation`, `OrderEvent`.
- payments: `Payment`.
- delivery: `Shipment`, `Review`.
"""

from .channels import Channel, ChannelListing
from .delivery import Review, Shipment
from .orders import IdempotencyRecord, Order, OrderEvent, OrderLine, StockReservation
from .payments import Payment

__all__ = [
    "Channel",
    "ChannelListing",
    "IdempotencyRecord",
    "Order",
    "OrderEvent",
    "OrderLine",
    "Payment",
    "Review",
    "Shipment",
    "StockReservation",
]
