"""Whole-page cache for the public catalogue pages (home, product list, product page).

What is cached: the page as an anonymous visitor without a basket sees it, per language, path
and query string, under the catalogue's version (hoaban.core.pagecache: every write service
that changes a product, its stock, its price, its seller or its place bumps it, so the next
page shows the change). What is never shared between visitors: the CSRF token and the
Content-Security-Policy nonce are taken out before storing (placeholders) and put back per
response; and a request that carries a session (a basket, a login, flash messages) or a
messages cookie is never served from the cache nor stored in it — it renders as before.
The basket and checkout are not cached at all (their prices and stock are read fresh).

The cache is Django's default cache: Redis when `REDIS_URL` is set, else local memory (one
per worker process).
"""

import hashlib
import re
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers

from hoaban.core.pagecache import catalog_version

PAGE_CACHE_SECONDS = 600
CSRF_PLACEHOLDER = "\x00hb-csrf\x00"
NONCE_PLACEHOLDER = "\x00hb-nonce\x00"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MESSAGES_COOKIE = "messages"


def shareable(request) -> bool:
    """True when nothing in this request is the visitor's own: no session, no messages."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
        and not request.headers.get("HX-Request")
    )


def page_key(request, name: str) -> str:
    # Sorted by name only: a name's values keep their order, since the view reads the last
    # (`?after=A&after=B` is not the page of `?after=B&after=A`).
    pairs = sorted(request.GET.urlencode().split("&"), key=lambda pair: pair.split("=")[0])
    query = "&".join(pairs)
    raw = f"{request.path}?{query}"
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"hoaban:page:{name}:{request.LANGUAGE_CODE}:{catalog_version()}:{digest}"


def _nonce(request) -> str:
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce is not None else ""


def _store(response: HttpResponse, request) -> tuple[str, str] | None:
    html = response.content.decode(response.charset or "utf-8")
    tokens = set(CSRF_FIELD.findall(html))
    for token in tokens:
        html = html.replace(token, CSRF_PLACEHOLDER)
    nonce = _nonce(request)
    if nonce:
        html = html.replace(nonce, NONCE_PLACEHOLDER)
    elif NONCE_PLACEHOLDER in html:  # cannot happen; never store a page we cannot refill
        return None
    return (response["Content-Type"], html)


def _refill(entry: tuple[str, str], request) -> HttpResponse:
    content_type, html = entry
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    if NONCE_PLACEHOLDER in html:
        html = html.replace(NONCE_PLACEHOLDER, _nonce(request))
    response = HttpResponse(html, content_type=content_type)
    patch_vary_headers(response, ["Cookie"])  # as the uncached page (its session was read)
    return response


def cached_page(name: str):
    """Serve the view's page from the cache for shareable requests (see the module)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not shareable(request):
                return view(request, *args, **kwargs)
            key = page_key(request, name)
            entry = cache.get(key)
            if entry is not None:
                return _refill(entry, request)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                entry = _store(response, request)
                if entry is not None:
                    cache.set(key, entry, PAGE_CACHE_SECONDS)
            return response

        return wrapper

    return decorator
