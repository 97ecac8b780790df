"""Error pages (400, 403, 404, 500, CSRF failure) and the 503 of a database outage.

- Web pages are rendered in the site's layout (base.html) and in the visitor's language (the
  language cookie, as `LanguageMiddleware` reads it), each saying what happened, what to do
  next, with a link home.
- The 400, 500 and 503 pages are rendered WITHOUT context processors (the cart one reads the
  session, which may live in the very database that failed) and make no query.
- Under `/api/` every error is JSON `{"code", "message", "errors"}` (hoaban.api.errors), never
  HTML; `ApiErrorJson` turns any other HTML error there (405, a 400 of Django's) into that shape.
- `DatabaseOutage` answers OperationalError / InterfaceError from any view with 503 and
  `Retry-After`; `server_error` does the same for one raised elsewhere (a middleware).
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _

from .bounds import MAX_SEARCH_LENGTH
from .middleware import request_language

logger = logging.getLogger("hoaban.errors")

RETRY_AFTER_SECONDS = 30
OUTAGE_ERRORS = (OperationalError, InterfaceError)
API_PREFIX = "/api/"
TEMPLATE = "errors/error.html"

# Stable codes of the JSON errors, by HTTP status: the same codes the services raise
# (`not_allowed`, `invalid_field`, `throttled`), so a caller branches on one name per case.
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "not_allowed",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid_field",
    429: "throttled",
    500: "server_error",
    503: "unavailable",
}


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def visitor_language(request: HttpRequest) -> str:
    return request_language(request)


def api_error(
    status: int,
    message,
    code: str | None = None,
    errors: dict | None = None,
    *,
    extra: dict | None = None,
) -> JsonResponse:
    """The API's one error shape: `{"code", "message", "errors": {field: message}}` (+ extra
    machine-readable data of some codes, e.g. `retry_after`)."""
    return JsonResponse(
        {
            "code": code or CODES.get(status, "error"),
            "message": str(message),
            "errors": {path: str(text) for path, text in (errors or {}).items()},
            **(extra or {}),
        },
        status=status,
    )


def _texts(status: int) -> dict[str, str]:
    """Title, what happened, what to do next — and the API's one-line detail."""
    if status == 400:
        return {
            "title": _("Bad request"),
            "message": _("We could not understand this request."),
            "next_step": _("Go back and try again, or start again from the home page."),
            "detail": _("We could not understand this request."),
        }
    if status == 403:
        return {
            "title": _("Not allowed"),
            "message": _("You may not open this page."),
            "next_step": _(
                "If you think you should, log in with the right account "
                "or ask your cooperative's manager."
            ),
            "detail": _("You may not do this."),
        }
    if status == 404:
        return {
            "title": _("Page not found"),
            "message": _("We could not find this page."),
            "next_step": _(
                "The address may be mistyped, or the page was removed. "
                "Search for a product or go to the home page."
            ),
            "detail": _("Nothing is at this address. See /api/v1/docs."),
        }
    if status == 503:
        return {
            "title": _("Hoa Ban is unavailable for a moment"),
            "message": _("We cannot reach our data right now."),
            "next_step": _("Please try again in a minute."),
            "detail": _("The service is unavailable for a moment. Please try again in a minute."),
        }
    return {
        "title": _("Something went wrong"),
        "message": _("Something went wrong on our side, not yours. We have been told about it."),
        "next_step": _("Please try again in a few minutes."),
        "detail": _("Something went wrong on our side. Please try again in a few minutes."),
    }


def _csrf_texts() -> dict[str, str]:
    return {
        "title": _("This form has expired"),
        "message": _(
            "For your safety we could not accept this form: it was open too long, "
            "or your browser blocks cookies."
        ),
        "next_step": _(
            "Go back, reload the page and send the form again. "
            "If it happens again, allow cookies for this site."
        ),
        "detail": _("The CSRF check failed: send the CSRF token with the request."),
    }


def _page(
    request: HttpRequest, status: int, texts: dict[str, str], *, static: bool
) -> HttpResponse:
    """The error page in the layout. `static`: no context processors, hence no query."""
    context = {**texts, "status": status, "search_max_length": MAX_SEARCH_LENGTH}
    if static:
        # Only what base.html needs, computed here without the database: the request (nonce,
        # current path) and the CSRF token of the language switcher.
        context.update(request=request, csrf_token=get_token(request))
        html = loader.get_template(TEMPLATE).render(context)
    else:
        html = loader.get_template(TEMPLATE).render(context, request)
    return HttpResponse(html, status=status)


def not_found_page(request: HttpRequest, texts: dict[str, str], **context) -> HttpResponse:
    """A 404 page of one's own words and extra context (e.g. catalog.missing: a product that is
    no longer sold and its cooperative's other products); always with search and the catalogue."""
    return _page(request, 404, {**_texts(404), **texts, **context}, static=False)


def error_response(request: HttpRequest, status: int, *, static: bool = False) -> HttpResponse:
    with translation.override(visitor_language(request)):
        texts = _texts(status)
        if is_api(request):
            response = api_error(status, texts["detail"])
        else:
            response = _page(request, status, texts, static=static)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def outage_response(request: HttpRequest, error: Exception) -> HttpResponse:
    logger.error("database unreachable: %s %s: %r", request.method, request.path, error)
    return error_response(request, 503, static=True)


# --- handlers named in urls.py (handler400 …) and settings.CSRF_FAILURE_VIEW -----------------


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 400, static=True)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    error = sys.exc_info()[1]
    if isinstance(error, OUTAGE_ERRORS):
        return outage_response(request, error)
    return error_response(request, 500, static=True)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    with translation.override(visitor_language(request)):
        texts = _csrf_texts()
        if is_api(request):
            return api_error(403, texts["detail"], "csrf_failed")
        return _page(request, 403, texts, static=False)


# --- middleware --------------------------------------------------------------------------


class DatabaseOutage:
    """OperationalError / InterfaceError from a view → 503 with Retry-After (no query)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OUTAGE_ERRORS):
            return outage_response(request, exception)
        return None


class ApiErrorJson:
    """Under /api/, an error answered in anything but JSON becomes `{"code", "message", …}`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and is_api(request)
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            json_response = self._as_json(request, response)
            for header in ("Allow", "Retry-After"):
                if header in response:
                    json_response[header] = response[header]
            return json_response
        return response

    def _as_json(self, request, response) -> JsonResponse:
        status = response.status_code
        with translation.override(visitor_language(request)):
            if status == 405:
                detail = _("This method is not allowed here.")
            elif status in (400, 403, 404, 503):
                detail = _texts(status)["detail"]
            else:
                detail = _texts(500)["detail"] if status >= 500 else _("The request was refused.")
        return api_error(status, detail)
