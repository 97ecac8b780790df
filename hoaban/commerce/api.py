"""Orders over HTTP: `POST /api/v1/orders` (place, idempotent) and `GET /api/v1/orders/{code}`.

Decisions (kept stable for the other channels and integrations):
- `Idempotency-Key` header is required (422 without it). The first successful call answers
  201; the same key with the same body answers the same 201 body again, with the header
  `Idempotent-Replayed: true`, and places nothing; the same key with another body → 422.
- Invalid fields → 422 `{"message", "errors": {"<field path>": "<message>", …}}` naming every
  field (`lines.0.quantity`, `buyer.phone`, `delivery.commune`, `payment`, `Idempotency-Key`…).
- Not enough stock → 409 `{"message", "product", "available", "requested", "shortages": […]}`.
- Tracking: wrong phone, unknown or forged code → the same 404 (no way to tell them apart).
- Too many orders from one address or for one phone, too many lookups from one address or
  failed lookups of one code → 429 `{"message", "retry_after"}` with a `Retry-After` header
  (seconds); see `throttles`. A replay of an order already placed is never throttled.
- Language of messages: `?lang=vi|en`, else the `Accept-Language` header when it names vi or
  en, else the site language (cookie, default Vietnamese).
"""

from __future__ import annotations

import json
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from hoaban.accounts.phone import InvalidPhone, normalize_phone
from hoaban.api.errors import ERRORS, ApiErrorOut, ApiInvalidOut
from hoaban.core.bounds import INT_MAX, MAX_ORDER_LINE_QUANTITY
from hoaban.core.throttle import Throttled

from . import throttles
from .errors import IdempotencyConflict, InvalidOrder, OutOfStock
from .queries import order_for_tracking, placement_exists
from .services import BuyerInput, DeliveryInput, LineInput, order_place
from .summaries import order_tracking

router = Router(tags=["orders"])


class LineIn(Schema):
    product: str
    quantity: int = Field(ge=1, le=MAX_ORDER_LINE_QUANTITY)


class BuyerIn(Schema):
    name: str
    phone: str


class DeliveryIn(Schema):
    method: Literal["ship", "pickup"]
    address: str = ""
    commune: int | None = Field(None, ge=1, le=INT_MAX)
    carrier_address: dict[str, Any] | None = None


class OrderIn(Schema):
    lines: list[LineIn]
    buyer: BuyerIn
    delivery: DeliveryIn
    payment: Literal["cod", "vietqr", "cash"]
    channel: Literal["eco", "eso", "offline", "b2b"] = "eco"
    source: str = ""
    source_ref: str = ""


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


class ErrorOut(Schema):
    message: str
    errors: dict[str, str] | None = None


class ThrottledOut(Schema):
    message: str
    retry_after: int


def throttled_response(error: Throttled) -> JsonResponse:
    response = JsonResponse(
        {"message": str(error.message), "retry_after": error.retry_after}, status=429
    )
    response["Retry-After"] = str(error.retry_after)
    return response


class ShortageOut(Schema):
    product: str
    name: str
    requested: int
    available: int


class OutOfStockOut(Schema):
    message: str
    product: str
    available: int
    requested: int
    shortages: list[ShortageOut]


def _inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """A JSON schema with its `$defs` written in place (OpenAPI would not resolve them)."""
    definitions = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return inline(dict(definitions[node["$ref"].rsplit("/", 1)[-1]]))
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(item) for item in node]
        return node

    return inline(schema)


def request_language(request: HttpRequest) -> str:
    supported = dict(settings.LANGUAGES)
    asked = request.GET.get("lang", "")
    if asked in supported:
        return asked
    for part in request.headers.get("Accept-Language", "").split(","):
        code = part.split(";")[0].strip().lower().split("-")[0]
        if code in supported:
            return code
        if code and code != "*":
            break  # the first preference is another language: keep the site language
    return translation.get_language() or settings.LANGUAGE_CODE


def _invalid(errors: dict[str, str], message: str | None = None) -> JsonResponse:
    return JsonResponse(
        {"message": message or _("Please correct the marked fields."), "errors": errors},
        status=422,
    )


def _inputs(data: dict[str, Any]) -> dict[str, Any]:
    """JSON → the service's plain inputs; the service reports what is wrong, field by field."""
    lines = data.get("lines")
    if isinstance(lines, list):
        lines = [
            LineInput(product=line.get("product"), quantity=line.get("quantity"))
            if isinstance(line, dict)
            else LineInput(product=None, quantity=None)
            for line in lines
        ]
    buyer = data.get("buyer") if isinstance(data.get("buyer"), dict) else {}
    delivery = data.get("delivery") if isinstance(data.get("delivery"), dict) else {}
    return {
        "lines": lines,
        "buyer": BuyerInput(name=buyer.get("name"), phone=buyer.get("phone")),
        "delivery": DeliveryInput(
            method=delivery.get("method"),
            address=delivery.get("address", ""),
            commune=delivery.get("commune"),
            carrier_address=delivery.get("carrier_address"),
        ),
        "payment_method": data.get("payment"),
        "channel": data.get("channel", "eco"),
        "source": data.get("source", "") or "",
        "source_ref": data.get("source_ref", "") if isinstance(data.get("source_ref"), str) else "",
    }


@router.post(
    "",
    # 422: the fields' messages (ErrorOut), or {detail, code} from the API's own checks.
    response={
        **ERRORS,
        201: OrdersOut,
        409: OutOfStockOut,
        422: ErrorOut | ApiInvalidOut,
        429: ThrottledOut,
    },
    summary="Place an order (one per seller)",
    openapi_extra={
        "requestBody": {
            "content": {"application/json": {"schema": _inline_refs(OrderIn.model_json_schema())}},
            "required": True,
        },
        "parameters": [
            {
                "in": "header",
                "name": "Idempotency-Key",
                "required": True,
                "schema": {"type": "string", "maxLength": 100},
                "description": "One key per checkout; a retry with the same key and body "
                "returns the first answer.",
            }
        ],
    },
)
def order_create(request: HttpRequest):
    """Reserve stock and create one order per seller, with its payment. See module doc."""
    with translation.override(request_language(request)):
        try:
            data = json.loads(request.body or b"null")
        except ValueError:
            data = None
        if not isinstance(data, dict):
            return _invalid({"body": _("Send the order as a JSON object.")})
        key = request.headers.get("Idempotency-Key", "")
        user = request.user if getattr(request, "user", None) is not None else None
        inputs = _inputs(data)
        taken = []
        if not placement_exists(key):  # a replay is neither throttled nor counted
            try:
                taken = throttles.placement_take(request, _phone(inputs["buyer"].phone))
            except Throttled as error:
                return throttled_response(error)
        try:
            result = order_place(
                **inputs,
                idempotency_key=key,
                user=user if user is not None and user.is_authenticated else None,
            )
        except InvalidOrder as error:
            throttles.placement_give_back(taken)
            errors = dict(error.errors)
            if "idempotency_key" in errors:
                errors["Idempotency-Key"] = errors.pop("idempotency_key")
            return _invalid(errors, error.message)
        except IdempotencyConflict as error:
            throttles.placement_give_back(taken)
            return _invalid({"Idempotency-Key": error.message}, error.message)
        except OutOfStock as error:
            throttles.placement_give_back(taken)
            first = error.shortages[0]
            return JsonResponse(
                {
                    "message": error.message,
                    "product": first.product,
                    "available": first.available,
                    "requested": first.requested,
                    "shortages": [s.__dict__ for s in error.shortages],
                },
                status=409,
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
    response={**ERRORS, 200: dict, 404: ErrorOut | ApiErrorOut, 429: ThrottledOut},
    summary="Track an order",
)
def order_track(request: HttpRequest, code: str, phone: str = ""):
    """The order's state for its buyer: the code and the buyer's phone number must match."""
    with translation.override(request_language(request)):
        try:
            throttles.tracking_take(request, code)
        except Throttled as error:
            return throttled_response(error)
        e164 = _phone(phone)
        order = order_for_tracking(code, e164)
        if order is None:
            throttles.tracking_failed(code)
            return JsonResponse(
                {
                    "message": _(
                        "We found no order with this code and phone number. "
                        "Please check both and try again."
                    )
                },
                status=404,
            )
        return JsonResponse(order_tracking(order))
