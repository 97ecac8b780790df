"""The API's one error shape and its one handler, installed once on the NinjaAPI.

Every error answer, whatever raised it, is

    {"code": "invalid_field", "message": "Please correct the marked fields.",
     "errors": {"lines.0.quantity": "The quantity must be at least 1."}}

- `code`: stable and machine-readable (`invalid_field`, `not_found`, `not_allowed`,
  `out_of_stock`, `idempotency_conflict`, `throttled`, `unauthorized`, `bad_request`, …);
- `message`: one sentence in the caller's language (`core.middleware.request_language`);
- `errors`: a message per field path (`lines.0.quantity`, `buyer.phone`, `limit`,
  `Idempotency-Key`), empty when the error is about the request as a whole;
- some codes add data: `out_of_stock` its `shortages`, `throttled` its `retry_after` (seconds,
  also in the `Retry-After` header).

A `core.errors.ServiceError` (any app's) carries its code and HTTP status; a schema validation
error becomes `invalid_field` with one translated message per field; ninja's `HttpError`, a
404 and a missing token get their status' code (`core.error_pages.CODES`). No router maps
exceptions itself. The schemas below document the shape in OpenAPI.
"""

from __future__ import annotations

from typing import Any

from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from hoaban.core.error_pages import CODES, api_error, outage_response
from hoaban.core.errors import NotFound, ServiceError
from hoaban.core.throttle import Throttled


class ErrorOut(Schema):
    """An error: a stable `code`, a `message` for a person, and a message per field."""

    code: str
    message: str
    errors: dict[str, str] = {}


class ShortageOut(Schema):
    product: str  # the product's code
    name: str
    requested: int
    available: int


class OutOfStockOut(ErrorOut):
    """409 `out_of_stock`: what is short, product by product."""

    shortages: list[ShortageOut]


class ThrottledOut(ErrorOut):
    """429 `throttled`: seconds to wait (also the `Retry-After` header)."""

    retry_after: int


# The error answers every operation may give, for `response={200: …, **ERRORS}`: 400 (a
# request refused at the edge, e.g. a NUL byte), 422 (a value out of its bounds), 503 (the
# database is unreachable; with Retry-After).
ERRORS: dict[int, Any] = {400: ErrorOut, 422: ErrorOut, 503: ErrorOut}
NOT_FOUND: dict[int, Any] = {404: ErrorOut}
UNAUTHORIZED: dict[int, Any] = {401: ErrorOut}


def _field_message(error: dict[str, Any]) -> str:
    """A pydantic error as a short sentence in the active language."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind in ("greater_than_equal", "greater_than"):
        return _("Too small: at least %(min)s.") % {"min": ctx.get("ge", ctx.get("gt"))}
    if kind in ("less_than_equal", "less_than"):
        return _("Too large: at most %(max)s.") % {"max": ctx.get("le", ctx.get("lt"))}
    if kind.startswith("int_"):
        return _("Write a whole number.")
    if kind.startswith("bool_"):
        return _("Write true or false.")
    if kind in ("literal_error", "enum"):
        return _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind == "string_too_long":
        return _("Too long: at most %(max)s characters.") % {"max": ctx.get("max_length")}
    if kind == "string_too_short":
        return _("Too short: at least %(min)s characters.") % {"min": ctx.get("min_length")}
    if kind.startswith("string_"):
        return _("Write text here.")
    if kind in ("list_type", "too_long", "too_short"):
        return _("Send a list here (see /api/v1/docs).")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _("Send an object here (see /api/v1/docs).")
    if kind in ("json_invalid", "json_type"):
        return _("Send the body as JSON (see /api/v1/docs).")
    return _("This value is not valid.")


# Where ninja says a value came from: dropped from the field path (`body.order.lines.0` →
# `lines.0`); a body schema's parameter name is dropped too.
SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


def field_path(loc: list | tuple, body_names: set[str] = frozenset()) -> str:
    parts = list(loc)
    if parts and parts[0] in SOURCES:
        source = parts.pop(0)
        if source == "body" and parts and parts[0] in body_names:
            parts.pop(0)
    return ".".join(str(part) for part in parts) or "body"


def validation_errors(errors: list[dict[str, Any]], body_names: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for error in errors:
        out.setdefault(field_path(error.get("loc", ()), body_names), _field_message(error))
    return out


# The names of the body parameters the routers use for a whole-body schema.
BODY_NAMES = {"order", "data", "payload"}


def not_found(message: str) -> NotFound:
    """A 404 to raise from a router, saying what was not found (`not_found`)."""
    return NotFound(message)


def install_error_handlers(api: NinjaAPI) -> None:
    """Register the one handler of each kind of error (once, on the assembled API)."""

    @api.exception_handler(ServiceError)
    def service_error(request, exc: ServiceError):
        response = api_error(exc.status, exc.message, exc.code, exc.errors, extra=exc.extra())
        if isinstance(exc, Throttled):
            response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(AuthenticationError)
    def unauthorized(request, exc):
        return api_error(401, _("Send your API token: Authorization: Bearer hb_…"))

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            message = _("Send the body as JSON (see /api/v1/docs).")
            return api_error(422, message, "invalid_field", {"body": message})
        return api_error(exc.status_code, str(exc), CODES.get(exc.status_code, "error"))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api_error(404, _("Nothing is at this address. See /api/v1/docs."))

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        return api_error(
            422,
            _("Please correct the marked fields."),
            "invalid_field",
            validation_errors(exc.errors, BODY_NAMES),
        )

    @api.exception_handler(OperationalError)
    @api.exception_handler(InterfaceError)
    def unavailable(request, exc):
        return outage_response(request, exc)  # 503, Retry-After
