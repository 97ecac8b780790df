"""Giao Hàng Nhanh (GHN), written against its public API shape (see DOMAIN.md "Carriers").

GHN still works with the pre-2025 address levels: a district id and a ward code, which an order
keeps in `carrier_address` ({"district_id": 1530, "ward_code": "130108"}). Switched off unless
`GHN_TOKEN` and `GHN_SHOP_ID` are configured. Tests inject a transport with recorded answers.
"""

from __future__ import annotations

from typing import Any

from .base import (
    CarrierError,
    Parcel,
    Quote,
    ShipmentCreated,
    ShipmentStatus,
    Transport,
    urllib_transport,
)

PRODUCTION_URL = "https://online-gateway.ghn.vn/shiip/public-api"
SANDBOX_URL = "https://dev-online-gateway.ghn.vn/shiip/public-api"
STANDARD_SERVICE = 2  # service_type_id: 2 = standard (E-commerce delivery)
REQUIRED_NOTES = ("CHOTHUHANG", "CHOXEMHANGKHONGTHU", "KHONGCHOXEMHANG")


class GHN:
    code = "ghn"

    def __init__(
        self,
        *,
        token: str,
        shop_id: str,
        base_url: str = PRODUCTION_URL,
        transport: Transport | None = None,
        required_note: str = "CHOXEMHANGKHONGTHU",
        parcel_size_cm: tuple[int, int, int] = (20, 15, 10),
    ):
        if required_note not in REQUIRED_NOTES:
            raise ValueError(f"required_note must be one of {REQUIRED_NOTES}")
        self.token = token
        self.shop_id = str(shop_id)
        self.base_url = base_url.rstrip("/")
        self.transport = transport or urllib_transport()
        self.required_note = required_note
        self.length, self.width, self.height = parcel_size_cm

    @property
    def is_enabled(self) -> bool:
        return bool(self.token and self.shop_id)

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        if not self.is_enabled:
            raise CarrierError("GHN is not configured (GHN_TOKEN, GHN_SHOP_ID)")
        answer = self.transport(
            self.base_url + path, {"Token": self.token, "ShopId": self.shop_id}, body
        )
        if not isinstance(answer, dict) or answer.get("code") != 200 or "data" not in answer:
            message = answer.get("message") if isinstance(answer, dict) else answer
            raise CarrierError(f"GHN refused {path}: {message}")
        return answer

    @staticmethod
    def _destination(carrier_address: dict[str, Any] | None) -> tuple[int, str]:
        address = carrier_address or {}
        try:
            district = int(address["district_id"])
            ward = str(address["ward_code"])
        except (KeyError, TypeError, ValueError) as exc:
            raise CarrierError("GHN needs the district id and ward code of the address") from exc
        return district, ward

    def quote(
        self,
        *,
        weight_grams: int,
        carrier_address: dict[str, Any] | None = None,
        insurance_value: int = 0,
        **context: Any,
    ) -> Quote:
        district, ward = self._destination(carrier_address)
        body = {
            "service_type_id": STANDARD_SERVICE,
            "to_district_id": district,
            "to_ward_code": ward,
            "weight": max(int(weight_grams), 1),
            "length": self.length,
            "width": self.width,
            "height": self.height,
            "insurance_value": int(insurance_value),
        }
        origin = context.get("origin") or {}
        if origin.get("district_id") and origin.get("ward_code"):
            body["from_district_id"] = int(origin["district_id"])
            body["from_ward_code"] = str(origin["ward_code"])
        answer = self._post("/v2/shipping-order/fee", body)
        return Quote(carrier=self.code, fee=int(answer["data"]["total"]), raw=answer["data"])

    def create_shipment(self, parcel: Parcel) -> ShipmentCreated:
        district, ward = self._destination(parcel.carrier_address)
        body = {
            "payment_type_id": 2 if parcel.cod_amount else 1,  # 2: the receiver pays the fee
            "required_note": self.required_note,
            "client_order_code": parcel.order_code,
            "to_name": parcel.to_name,
            "to_phone": parcel.to_phone,
            "to_address": parcel.to_address,
            "to_ward_code": ward,
            "to_district_id": district,
            "cod_amount": int(parcel.cod_amount),
            "insurance_value": int(parcel.insurance_value),
            "weight": max(int(parcel.weight_grams), 1),
            "length": self.length,
            "width": self.width,
            "height": self.height,
            "service_type_id": STANDARD_SERVICE,
            "items": parcel.items,
        }
        data = self._post("/v2/shipping-order/create", body)["data"]
        return ShipmentCreated(
            carrier=self.code,
            tracking_code=str(data["order_code"]),
            fee=int(data.get("total_fee") or 0),
            raw=data,
        )

    def status(self, tracking_code: str) -> ShipmentStatus:
        data = self._post("/v2/shipping-order/detail", {"order_code": tracking_code})["data"]
        return ShipmentStatus(
            carrier=self.code, tracking_code=tracking_code, status=str(data["status"]), raw=data
        )
