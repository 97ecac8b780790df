"""The carrier interface: a fee quote, creating a shipment, and its status.

No Django imports: carriers receive plain values. An adapter that talks to a carrier's API
takes a `transport` (url, headers, JSON body → JSON answer) so tests inject recorded answers
and never reach the internet.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

Transport = Callable[[str, dict[str, str], dict[str, Any]], dict[str, Any]]


class CarrierError(Exception):
    """The carrier refused the request or could not be reached."""


@dataclass(frozen=True)
class Quote:
    carrier: str
    fee: int  # đồng
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Parcel:
    """What a carrier needs to create a shipment (plain values, taken from an order)."""

    order_code: str
    to_name: str
    to_phone: str  # as people write it, e.g. 0912345678
    to_address: str
    weight_grams: int
    cod_amount: int  # đồng to collect from the buyer (0 when paid already)
    insurance_value: int
    items: list[dict[str, Any]]
    carrier_address: dict[str, Any]  # pre-2025 levels the carrier needs (GHN: district, ward)


@dataclass(frozen=True)
class ShipmentCreated:
    carrier: str
    tracking_code: str
    fee: int
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ShipmentStatus:
    carrier: str
    tracking_code: str
    status: str
    raw: dict[str, Any] = field(default_factory=dict)


class Carrier(Protocol):
    code: str
    is_enabled: bool

    def quote(
        self,
        *,
        weight_grams: int,
        carrier_address: dict[str, Any] | None = None,
        insurance_value: int = 0,
        **context: Any,
    ) -> Quote: ...

    def create_shipment(self, parcel: Parcel) -> ShipmentCreated: ...

    def status(self, tracking_code: str) -> ShipmentStatus: ...


def urllib_transport(timeout: float = 15.0) -> Transport:
    """POST JSON with the standard library (no extra dependency)."""

    def post(url: str, headers: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
        if not url.startswith("https://"):
            raise CarrierError("carrier URLs must use https")
        request = urllib.request.Request(  # noqa: S310  (https only, checked above)
            url,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", **headers},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return json.loads(response.read().decode())
        except OSError as exc:  # URLError, HTTPError, timeouts
            raise CarrierError(str(exc)) from exc
        except ValueError as exc:
            raise CarrierError(f"not JSON: {exc}") from exc

    return post
