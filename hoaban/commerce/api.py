"""Orders over HTTP: `POST /api/v1/orders` (place, idempotent) and `GET /api/v1/orders/{code}`.

Decisions (kept stable for the other channels and integrations):
- The body is read through `OrderIn` (ninja, so OpenAPI shows it, bounds included); a body
  that does not fit gets 422 `invalid_field` naming each field (`lines.0.quantity`).
- `Idempotency-Key` header is required. Keys belong to their client (`idempotency_scope`): a
  caller with an API token (`Authorization: Bearer hb_…`) or a logged-in session has its own
  keys; anonymous callers share one scope and must send a key of at least 16 characters
  (a UUID). The first successful call answers 201; the same key with the same body (same
  client) answers the same 201 body again, with `Idempotent-Replayed: true`, and places
  nothing; the same key with another body → 422 `idempotency_conflict`. Another client's key,
  however equal, never reaches this client's orders. An unknown or revoked token → 401.
- Errors: the API's one shape `{"code", "message", "errors"}` (hoaban.api.errors): invalid
  fields → 422 `invalid_field` (field path → message: `lines.0.quantity`, `buyer.phone`,
  `delivery.commune`, `payment`, `idempotency_key` for the header…); not enough stock → 409
  `out_of_stock` with `shortages`; too many orders or lookups → 429 `throttled` with
  `retry_after` and a `Retry-After` header (see `throttles`; a replay is never throttled).
- Tracking: wrong phone, unknown or forged code → the same 404 `not_found`.
- Language of messages: `?lang=vi|en`, else the `Accept-Language` header when it names vi or
  en, else the site language (cookie, default Vietnamese): `core.middleware.request_language`.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, Header, Router, Schema
from ninja.errors import AuthenticationError

from hoaban.accounts.phone import InvalidPhone, normalize_phone
from hoaban.api.auth import token_auth
from hoaban.api.errors import ERRORS, ErrorOut, OutOfStockOut, ThrottledOut
from hoaban.core.bounds import INT_MAX, MAX_ORDER_LINE_QUANTITY, MAX_ORDER_LINES
from hoaban.core.errors import NotFound

from . import throttles
from .queries import order_for_tracking, placement_exists
from .services import BuyerInput, DeliveryInput, LineInput, order_place
from .services.placement import ANONYMOUS_SCOPE, user_scope
from .summaries import order_tracking

router = Router(tags=["orders"])


class LineIn(Schema):
    product: str = Field(max_length=40, description="The product's code, e.g. MD05")
    quantity: int = Field(ge=1, le=MAX_ORDER_LINE_QUANTITY, strict=True)


class BuyerIn(Schema):
    name: str = Field(max_length=500)
    phone: str = Field(max_length=40, description="Vietnamese, any common form: 0912 345 678")


class DeliveryIn(Schema):
    method: Literal["ship", "pickup"]
    address: str = Field("", max_length=1000)
    commune: int | None = Field(None, ge=1, le=INT_MAX, description="Commune code (2025)")
    carrier_address: Any = Field(
        None,
        description="What a carrier needs in the pre-2025 levels (an object with province_id, "
        "district_id, ward_code, province, district, ward); anything else is dropped.",
    )


class OrderIn(Schema):
    lines: list[LineIn] = Field(min_length=1, max_length=MAX_ORDER_LINES)
    buyer: BuyerIn
    delivery: DeliveryIn
    payment: Literal["cod", "vietqr", "cash"]
    channel: Literal["eco", "eso", "offline", "b2b"] = "eco"
    source: str = Field("", max_length=20)
    source_ref: str = Field("", max_length=1000)


class PaymentOut(Schema):
    method: str
    status: str
    amount: int
    vietqr: str | None


class OrderOut(Schema):
    code: str
    seller: str
    seller_slug: str
    status: str
    subtotal: int
    shipping_fee: int
    total: int
    payment: PaymentOut


class OrdersOut(Schema):
    orders: list[OrderOut]


class PaymentLineOut(Schema):
    """One of an order's payments: the charge made at ordering, a deposit, the rest, a refund."""

    kind: Literal["charge", "deposit", "balance", "refund"]
    kind_label: str
    method: str
    method_label: str
    status: str
    status_label: str
    amount: int
    vietqr: str | None = Field(description="The VietQR payload while the payment is pending")
    recorded_at: str
    received_at: str | None


class TrackedPaymentOut(PaymentOut):
    status_label: str
    method_label: str
    note: str


class OrderTrackingOut(Schema):
    """An order as its buyer follows it (labels in the caller's language). `payment` is the
    charge made at ordering; `payments` lists every payment, oldest first (deposits, the rest,
    refunds), and `payment_state` sums them up (`unpaid`, `partly_paid`, `paid`, `refunded`)."""

    code: str
    seller: str
    seller_slug: str
    status: str
    status_label: str
    placed_at: str
    channel: str
    subtotal: int
    shipping_fee: int
    total: int
    payment: TrackedPaymentOut
    payments: list[PaymentLineOut]
    payment_state: str
    payment_state_label: str
    buyer: dict[str, Any]
    delivery: dict[str, Any]
    lines: list[dict[str, Any]]
    shipment: dict[str, Any] | None
    events: list[dict[str, Any]]


def _inputs(order: OrderIn) -> dict[str, Any]:
    """The schema's values → the service's plain inputs (the service checks the rules)."""
    return {
        "lines": [LineInput(product=line.product, quantity=line.quantity) for line in order.lines],
        "buyer": BuyerInput(name=order.buyer.name, phone=order.buyer.phone),
        "delivery": DeliveryInput(
            method=order.delivery.method,
            address=order.delivery.address,
            commune=order.delivery.commune,
            carrier_address=order.delivery.carrier_address,
        ),
        "payment_method": order.payment,
        "channel": order.channel,
        "source": order.source,
        "source_ref": order.source_ref,
    }


def _caller(request: HttpRequest):
    """(user or None, idempotency scope). A bearer token must be valid (else 401)."""
    if request.headers.get("Authorization"):
        user = token_auth(request)
        if not user:
            raise AuthenticationError()
        return user, user_scope(user)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user, user_scope(user)
    return None, ANONYMOUS_SCOPE


@router.post(
    "",
    response={
        **ERRORS,
        201: OrdersOut,
        401: ErrorOut,
        409: OutOfStockOut,
        429: ThrottledOut,
    },
    summary="Place an order (one per seller)",
)
def order_create(
    request: HttpRequest,
    order: OrderIn,
    idempotency_key: str = Header(
        "",
        alias="Idempotency-Key",
        description="Required. One key per checkout, up to 100 characters (anonymous callers: "
        "at least 16, e.g. a UUID); a retry with the same key and body returns the first "
        "answer. Its errors are named `idempotency_key`.",
    ),
):
    """Reserve stock and create one order per seller, with its payment. See module doc."""
    user, scope = _caller(request)
    inputs = _inputs(order)
    taken = []
    if not placement_exists(idempotency_key, scope):  # a replay is neither throttled nor counted
        taken = throttles.placement_take(request, _phone(inputs["buyer"].phone))
    try:
        result = order_place(
            **inputs, idempotency_key=idempotency_key, idempotency_scope=scope, user=user
        )
    except BaseException:
        throttles.placement_give_back(taken)
        raise
    response = JsonResponse(result.response, status=201)
    if result.replayed:
        throttles.placement_give_back(taken)
        response["Idempotent-Replayed"] = "true"
    return response


def _phone(value: Any) -> str:
    """The buyer's phone in E.164 for the throttle ("" when it is not one: refused later)."""
    try:
        return normalize_phone(value) if isinstance(value, str) else ""
    except InvalidPhone:
        return ""


@router.get(
    "/{code}",
    response={**ERRORS, 200: OrderTrackingOut, 404: ErrorOut, 429: ThrottledOut},
    summary="Track an order",
)
def order_track(request: HttpRequest, code: str, phone: str = ""):
    """The order's state for its buyer: the code and the buyer's phone number must match."""
    throttles.tracking_take(request, code)
    order = order_for_tracking(code, _phone(phone))
    if order is None:
        throttles.tracking_failed(code)
        raise NotFound(
            _("We found no order with this code and phone number. Please check both and try again.")
        )
    return JsonResponse(order_tracking(order))
