"""Requests the database cannot take are refused at the edge, before any view runs.

PostgreSQL refuses the NUL character (U+0000) in text: a NUL in a query string, a path, a form
value, a cookie, a header or a JSON string would otherwise reach a query and end as a 500. A JSON
body nested deeper than `MAX_JSON_DEPTH` would make the parser (and anything that walks the
result) recurse until `RecursionError`. A JSON string may also carry a lone surrogate
(`"\\ud800"`), which no database can encode. All of these are refused with a 400 and a clear
message in the visitor's language: JSON `{"code": "bad_request", "message", "errors"}` under
/api/, a small HTML page elsewhere.

Only NUL is refused among the control characters: it is the one the database refuses; tabs and
line breaks are ordinary in a text area, and the services already drop other control characters
where they would harm (e.g. `commerce.services.validation.printable`).

This middleware sits before the session and authentication middleware (a NUL in the session
cookie would otherwise reach the session query), so its page is the static 400 page of
`core.error_pages` (no session, user or context processor).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.translation import gettext as _

from . import error_pages

MAX_JSON_DEPTH = 32
API_PREFIX = "/api/"
NUL = "\x00"


class BadInput(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def json_depth_exceeds(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when the JSON text nests arrays/objects deeper than `limit` (no recursion: one pass
    over the bytes, skipping strings and their escapes)."""
    depth = 0
    in_string = False
    escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # closing quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return False


def json_strings(value: Any) -> Iterator[str]:
    """Every string (keys and values) in a parsed JSON value, walked without recursion."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def storable(text: str) -> bool:
    """False for text a database cannot store: a NUL, or a lone surrogate (not UTF-8)."""
    if NUL in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _nul_message() -> str:
    return _(
        "The address or the form contains an invalid character (NUL). "
        "Please type the text again without it."
    )


def _json_nul_message() -> str:
    return _(
        "The JSON body contains an invalid character (NUL, \\u0000). Send the text without it."
    )


def _check_texts(texts: Iterable[str]) -> None:
    for text in texts:
        if NUL in text:
            raise BadInput(_nul_message())


def _query_and_form_texts(request: HttpRequest) -> Iterator[str]:
    yield request.path
    for data in (request.GET, request.POST):
        for key, values in data.lists():
            yield key
            yield from values
    for key, uploads in request.FILES.lists():
        yield key
        for upload in uploads:
            yield upload.name or ""


def _header_texts(request: HttpRequest) -> Iterator[str]:
    for key, value in request.META.items():
        if key.startswith("HTTP_") and isinstance(value, str):
            yield value
    for key, value in request.COOKIES.items():
        yield key
        yield value


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _may_be_json(request: HttpRequest) -> bool:
    """Any body that is not a form: the orders API reads its body as JSON whatever the
    Content-Type says (text/plain, none), so its depth is checked all the same."""
    return (request.content_type or "").lower() not in FORM_TYPES


def _check_json_body(request: HttpRequest) -> None:
    body = request.body
    if not body:
        return
    if json_depth_exceeds(body):
        raise BadInput(
            _(
                "The JSON body is nested too deeply (more than %(max)d levels). "
                "Send a flatter structure."
            )
            % {"max": MAX_JSON_DEPTH}
        )
    if b"\x00" in body:
        raise BadInput(_json_nul_message())
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return  # not JSON: the view answers with its own message
    for text in json_strings(data):
        if NUL in text:
            raise BadInput(_json_nul_message())
        if not storable(text):
            raise BadInput(
                _(
                    "The JSON body contains an invalid character (a lone surrogate such as "
                    "\\ud800). Send the text as valid UTF-8."
                )
            )


def check_request(request: HttpRequest) -> None:
    """Raise BadInput when the request carries what the database cannot take."""
    _check_texts(_header_texts(request))
    try:
        _check_texts(_query_and_form_texts(request))
    except MultiPartParserError:
        raise BadInput(_("The form could not be read. Please send it again.")) from None
    if request.method in ("POST", "PUT", "PATCH", "DELETE") and _may_be_json(request):
        _check_json_body(request)


def _language(request: HttpRequest, api: bool) -> str:
    """`?lang=`, then (API only) the first Accept-Language, then the language cookie, else vi."""
    supported = {code for code, _name in settings.LANGUAGES}
    asked = request.GET.get("lang", "")
    if asked in supported:
        return asked
    if api:
        first = request.headers.get("Accept-Language", "").split(",")[0]
        code = first.split(";")[0].strip().lower().split("-")[0]
        if code in supported:
            return code
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in supported else settings.LANGUAGE_CODE


def bad_request_response(request: HttpRequest, message: str, *, api: bool) -> HttpResponse:
    """The site's 400 (core.error_pages, static: no session, no query) with this message."""
    if api:
        return error_pages.api_error(400, message, "bad_request")
    texts = {
        "title": _("The request could not be read"),
        "message": message,
        "next_step": _("Go back and try again, or start again from the home page."),
    }
    return error_pages._page(request, 400, texts, static=True)  # noqa: SLF001 - same app


class EdgeMiddleware:
    """Refuse NUL characters, over-deep JSON and unencodable JSON text with a 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        api = request.path.startswith(API_PREFIX)
        language = _language(request, api)
        with translation.override(language):
            try:
                check_request(request)
            except BadInput as error:
                response = bad_request_response(request, error.message, api=api)
                response.headers["Content-Language"] = language
                response.headers["Cache-Control"] = "no-store"
                return response
        return self.get_response(request)
