"""Shipping carriers behind one interface (`base.Carrier`).

Built in: `SellerDelivers` (code "seller") and `Pickup` ("pickup"). GHN ("ghn") is available
only when `GHN_TOKEN` and `GHN_SHOP_ID` are configured (settings or environment).
"""

from __future__ import annotations

import os

from django.conf import settings

from .base import Carrier, CarrierError, Parcel, Quote, ShipmentCreated, ShipmentStatus
from .builtin import Pickup, SellerDelivers
from .ghn import GHN, PRODUCTION_URL

__all__ = [
    "GHN",
    "Carrier",
    "CarrierError",
    "Parcel",
    "Pickup",
    "Quote",
    "SellerDelivers",
    "ShipmentCreated",
    "ShipmentStatus",
    "carrier_for_delivery",
    "carrier_get",
    "carriers_enabled",
]


def _setting(name: str) -> str:
    return str(getattr(settings, name, "") or os.environ.get(name, "") or "")


def carriers_enabled() -> dict[str, Carrier]:
    carriers: dict[str, Carrier] = {
        "seller": SellerDelivers(int(getattr(settings, "COMMERCE_SELLER_DELIVERY_FEE", 0))),
        "pickup": Pickup(),
    }
    token, shop_id = _setting("GHN_TOKEN"), _setting("GHN_SHOP_ID")
    if token and shop_id:
        carriers["ghn"] = GHN(
            token=token, shop_id=shop_id, base_url=_setting("GHN_BASE_URL") or PRODUCTION_URL
        )
    return carriers


def carrier_get(code: str) -> Carrier | None:
    return carriers_enabled().get(code)


def carrier_for_delivery(method: str) -> Carrier:
    """The carrier used to price an order at placement: pick-up, else the seller delivers.

    (A real carrier is chosen when the seller ships; its fee is then recorded on the shipment.)
    """
    return Pickup() if method == "pickup" else carriers_enabled()["seller"]
