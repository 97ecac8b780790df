"""The catalogue's version: one number that every cached public page is keyed by.

Cached pages (hoaban.storefront.page_cache) hold what a product, its stock, its price, its
seller or its place looks like. They are never invalidated one by one: each write service that
changes any of it calls `catalog_changed()`, which bumps the version, and every cached page of
the old version is simply not found again (they expire on their own, `PAGE_CACHE_SECONDS`).

The bump happens twice: at once (so the rest of this request and the tests see it) and again
once the transaction commits (so a reader that rendered the old rows between the first bump
and the commit cannot have stored them under the new version). Callers today:
`catalog.services.record_event` (every product write: details, status, images, certificates,
lots), `inventory.services.ledger._add` (every stock movement), `commerce.services.placement`
(an order's holds: what is left to buy), `orgs.services._record` (every organisation write:
name, place, phone, active), `catalog.reference.reference_data_load` (places, categories,
ethnic groups), the admin's saves of those models (`CatalogChangeAdmin`) and the demo loader
(through the same services). A hold that runs out changes nothing here: until the next bump
a cached page shows less left to buy, never more.

`catalog_cached` keeps other things under the same version: aggregates (counts of a list,
counts by place, top sellers, the filters' choices) worked out once per version.
"""

import hashlib
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "hoaban:catalog:version"
PROCESS_LOCAL = ("LocMemCache", "DummyCache")
AGGREGATE_SECONDS = 600  # as long as a cached page: a version nobody reads again expires
T = TypeVar("T")
_MISSING = object()


def version_file() -> Path | None:
    """Where the version lives when the cache is one process's own (no `REDIS_URL`): a file
    under `HOABAN_VAR_DIR`, so a change made by another process (a second worker, a command,
    a Celery worker) is seen too. None with a shared cache (Redis): the version is a key."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.rsplit(".", 1)[-1] in PROCESS_LOCAL:
        return Path(settings.VAR_DIR) / "catalog.version"
    return None


def catalog_version() -> str:
    """The current version (a cache read, or a small file read without Redis)."""
    path = version_file()
    if path is not None:
        try:
            return path.read_text() or "0"
        except OSError:  # never bumped yet
            return "0"
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return str(version)


def _bump() -> None:
    path = version_file()
    if path is not None:  # a new value no one has seen, written whole (rename is atomic)
        value = f"{time.time_ns()}-{secrets.token_hex(4)}"
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        temporary.write_text(value)
        os.replace(temporary, path)
        return
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there (a fresh or flushed cache): any new value is unseen
        cache.add(VERSION_KEY, 2, timeout=None)


def catalog_changed() -> None:
    """Call after any write that changes what a public catalogue page shows."""
    _bump()
    transaction.on_commit(_bump)


def catalog_cached(name: str, compute: Callable[[], T]) -> T:
    """`compute()` for the current catalogue version: worked out once per version, then read
    from the cache (aggregates over the whole catalogue, such as counts, that every list or
    home page would otherwise recompute). Exact: any write that could change it bumps the
    version first. `name` says what it is (any text: it is hashed into the key)."""
    digest = hashlib.blake2b(name.encode(), digest_size=16).hexdigest()
    key = f"hoaban:catalog:{catalog_version()}:{digest}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, AGGREGATE_SECONDS)
    return value


class CatalogChangeAdmin:
    """Mixin for a ModelAdmin whose saves and deletes change public pages."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        catalog_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        catalog_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        catalog_changed()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        catalog_changed()
