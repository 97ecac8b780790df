"""Carriers that need no outside service: the seller delivers, or the buyer picks up."""

from __future__ import annotations

from typing import Any

from .base import Parcel, Quote, ShipmentCreated, ShipmentStatus


class SellerDelivers:
    """The cooperative brings the goods itself (or hands them to a local driver).

    Its fee is a flat amount (setting `COMMERCE_SELLER_DELIVERY_FEE`, default 0 đồng: agreed
    with the buyer on the phone)."""

    code = "seller"
    is_enabled = True

    def __init__(self, flat_fee: int = 0):
        self.flat_fee = flat_fee

    def quote(
        self,
        *,
        weight_grams: int,
        carrier_address: dict[str, Any] | None = None,
        insurance_value: int = 0,
        **context: Any,
    ) -> Quote:
        return Quote(carrier=self.code, fee=self.flat_fee)

    def create_shipment(self, parcel: Parcel) -> ShipmentCreated:
        return ShipmentCreated(carrier=self.code, tracking_code="", fee=self.flat_fee)

    def status(self, tracking_code: str) -> ShipmentStatus:
        return ShipmentStatus(carrier=self.code, tracking_code=tracking_code, status="")


class Pickup:
    """The buyer collects the goods at the cooperative: no fee, no carrier."""

    code = "pickup"
    is_enabled = True

    def quote(
        self,
        *,
        weight_grams: int,
        carrier_address: dict[str, Any] | None = None,
        insurance_value: int = 0,
        **context: Any,
    ) -> Quote:
        return Quote(carrier=self.code, fee=0)

    def create_shipment(self, parcel: Parcel) -> ShipmentCreated:
        return ShipmentCreated(carrier=self.code, tracking_code="", fee=0)

    def status(self, tracking_code: str) -> ShipmentStatus:
        return ShipmentStatus(carrier=self.code, tracking_code=tracking_code, status="")
