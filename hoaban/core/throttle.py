"""Rate limits counted in Django's cache: "at most N events per period" for one subject.

One small helper for every throttle (order placement, order tracking, later the channels):

    limit = throttle.rate("order_place_address")      # settings.THROTTLE_RATES or the default
    taken = throttle.take(limit, throttle.address_subject(client_address(request)))
    if not taken.allowed:
        ... answer 429 with Retry-After: taken.retry_after
    ...
    throttle.give_back(taken)                          # the event did not happen after all

Sliding window, approximated with two fixed-window counters (this period's and the previous
one's, weighted by how much of it still overlaps the last `period` seconds): no burst of 2 N
across a window boundary, and only two cache keys per subject. Counting is atomic in every
backend (`cache.add` creates the counter, `cache.incr` adds one): Redis in scale-out, one
process's local memory in embedded mode. An event over the limit is not counted (a person
who tries again during the wait does not make the wait longer).

Subjects (addresses, phone numbers, order codes) are stored only as keyed hashes: the cache
holds no personal data. Time comes from `clock` (seconds), which tests replace.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import ipaddress
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from .errors import ServiceError

clock: Callable[[], float] = time.time  # tests: monkeypatch `hoaban.core.throttle.clock`

# name → "events/period" (period: a number of seconds, or with s, m, h, d: "10/10m", "5/h").
DEFAULT_RATES = {
    # Placing orders without an account (web checkout, POST /api/v1/orders).
    "order_place_address": "10/10m",
    "order_place_phone": "5/h",
    # Tracking an order by code and phone (web /track/, GET /api/v1/orders/{code}).
    "order_track_address": "30/10m",
    "order_track_code_failures": "10/h",
}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd]?)\s*$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Limit:
    name: str
    events: int
    period: int  # seconds


@dataclass(frozen=True)
class Taken:
    """The answer of `take`: `retry_after` seconds to wait (0: allowed and counted)."""

    limit: Limit
    retry_after: int
    counted_key: str = ""  # the counter that was increased (for `give_back`)

    @property
    def allowed(self) -> bool:
        return self.retry_after == 0


def parse_rate(name: str, text: str) -> Limit:
    """`"10/10m"` → Limit(name, 10, 600). Raises ValueError for anything else."""
    found = _RATE.match(text or "")
    if not found:
        raise ValueError(f"throttle rate {name!r}: {text!r} is not like '10/10m'")
    events, amount, unit = found.groups()
    period = int(amount or 1) * _UNIT[unit]
    if int(events) < 1 or period < 1:
        raise ValueError(f"throttle rate {name!r}: {text!r} must allow at least 1 per second")
    return Limit(name=name, events=int(events), period=period)


def rate(name: str) -> Limit:
    """The limit called `name`: settings.THROTTLE_RATES[name], else DEFAULT_RATES[name]."""
    configured = getattr(settings, "THROTTLE_RATES", {}) or {}
    return parse_rate(name, configured.get(name) or DEFAULT_RATES[name])


def address_subject(address: str) -> str:
    """What to count a client address as: an IPv4 address itself, an IPv6 address by its /64
    network (one home or phone gets a whole /64: counting single IPv6 addresses would let
    anyone step around a limit)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _subject_hash(subject: str) -> str:
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, subject.encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:32]


def _keys(limit: Limit, subject: str, now: float) -> tuple[str, str, float]:
    window = int(now // limit.period)
    base = f"throttle:{limit.name}:{limit.period}:{_subject_hash(subject)}"
    elapsed = now - window * limit.period
    return f"{base}:{window}", f"{base}:{window - 1}", elapsed


def _counts(limit: Limit, subject: str, now: float) -> tuple[str, int, int, float]:
    current_key, previous_key, elapsed = _keys(limit, subject, now)
    found = cache.get_many([current_key, previous_key])
    return current_key, int(found.get(current_key, 0)), int(found.get(previous_key, 0)), elapsed


def _wait(limit: Limit, current: int, previous: int, elapsed: float) -> int:
    """Seconds until one more event fits, given this window's and the previous one's counts.

    Estimate at elapsed e of a window: previous × (1 − e/period) + current."""
    period, events = limit.period, limit.events
    if previous * (1 - elapsed / period) + current + 1 <= events:
        return 0
    if current + 1 <= events:
        # Later in this window, once enough of the previous one has slid out.
        fits_at = period * (1 - (events - current - 1) / previous)
        return max(1, math.ceil(fits_at - elapsed))
    # Not in this window: in the next one, this window's count is the one sliding out.
    fits_at = period * (1 - (events - 1) / current)
    return max(1, math.ceil(period - elapsed + fits_at))


def wait(limit: Limit, subject: str, *, now: float | None = None) -> int:
    """Seconds before one more event is allowed (0: now). Counts nothing."""
    _key, current, previous, elapsed = _counts(limit, subject, clock() if now is None else now)
    return _wait(limit, current, previous, elapsed)


def take(limit: Limit, subject: str, *, now: float | None = None) -> Taken:
    """Count one event if it fits (`Taken.allowed`); else count nothing and say how long to
    wait. Atomic: of N concurrent takes, at most the limit's worth are allowed."""
    now = clock() if now is None else now
    current_key, previous_key, elapsed = _keys(limit, subject, now)
    previous = int(cache.get(previous_key, 0))
    # Keep each counter for two periods: while it is this window's and the previous one's.
    cache.add(current_key, 0, timeout=2 * limit.period + 1)
    try:
        current = cache.incr(current_key)
    except ValueError:  # expired between add and incr (only at a window's very end)
        cache.add(current_key, 0, timeout=2 * limit.period + 1)
        current = cache.incr(current_key)
    wait_for = _wait(limit, current - 1, previous, elapsed)
    if wait_for:
        _decrement(current_key)
        return Taken(limit=limit, retry_after=wait_for)
    return Taken(limit=limit, retry_after=0, counted_key=current_key)


def give_back(taken: Taken) -> None:
    """Undo a counted event that did not happen after all (a replay, a refused order)."""
    if taken.counted_key:
        _decrement(taken.counted_key)


def _decrement(key: str) -> None:
    with contextlib.suppress(ValueError):  # already expired: nothing to undo
        cache.decr(key)


def retry_after_minutes(seconds: int) -> int:
    """Whole minutes for a message ("try again in 3 minutes"), at least 1."""
    return max(1, math.ceil(seconds / 60))


class Throttled(ServiceError):
    """Too many events: answer 429 with `Retry-After: retry_after` and the message."""

    code = "throttled"
    status = 429

    def __init__(self, message, *, retry_after: int):
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))

    def extra(self) -> dict:
        return {"retry_after": self.retry_after}
