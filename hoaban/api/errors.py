"""The API's error answers: always `{"detail": …, "code": …}` (core.error_pages.CODES).

`detail` is a sentence in the caller's language, or, for a 422 from schema validation, the
list of what is wrong (`loc`, `msg`, `type`). The schemas below document them in OpenAPI.
"""

from typing import Any

from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from hoaban.core.error_pages import CODES, outage_response


class ApiErrorOut(Schema):
    """An error: what happened (a sentence) and a stable code (`not_found`, `invalid`…)."""

    detail: str
    code: str


class ValidationItem(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ApiInvalidOut(Schema):
    """422: a sentence, or (schema validation) the list of what is wrong, field by field."""

    detail: str | list[ValidationItem]
    code: str


# The error answers every operation may give, for `response={200: …, **ERRORS}`: 400 (a
# request refused at the edge, e.g. a NUL byte), 422 (a value out of its bounds), 503 (the
# database is unreachable; with Retry-After).
ERRORS: dict[int, Any] = {400: ApiErrorOut, 422: ApiInvalidOut, 503: ApiErrorOut}
NOT_FOUND: dict[int, Any] = {404: ApiErrorOut}
UNAUTHORIZED: dict[int, Any] = {401: ApiErrorOut}


def not_found(message: str) -> HttpError:
    """A 404 to raise from a router, saying what was not found (`{"detail", "code"}`)."""
    return HttpError(404, message)


def install_error_handlers(api: NinjaAPI) -> None:
    def answer(request, status: int, detail: Any):
        return api.create_response(
            request, {"detail": detail, "code": CODES.get(status, "error")}, status=status
        )

    @api.exception_handler(AuthenticationError)
    def unauthorized(request, exc):
        return answer(request, 401, _("Send your API token: Authorization: Bearer hb_…"))

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return answer(request, exc.status_code, str(exc))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return answer(request, 404, _("Nothing is at this address. See /api/v1/docs."))

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        return answer(request, 422, exc.errors)

    @api.exception_handler(OperationalError)
    @api.exception_handler(InterfaceError)
    def unavailable(request, exc):
        return outage_response(request, exc)  # 503, Retry-After
