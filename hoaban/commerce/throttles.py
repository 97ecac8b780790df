"""The throttles of the order pipeline's public doors (web checkout and tracking, the API).

- Placing: per client address and per buyer phone (settings.THROTTLE_RATES
  `order_place_address`, default 10 per 10 minutes: a family or an office behind one address
  placing a few baskets; `order_place_phone`, default 5 per hour: nobody needs more orders
  under one phone number in an hour, and each order holds stock). Only orders actually placed
  count: a refused basket, or a replay of an order already placed (same idempotency key),
  gives its count back.
- Tracking: every lookup per client address (`order_track_address`, 30 per 10 minutes), and
  every failed lookup per order code, whatever phone was tried (`order_track_code_failures`,
  10 per hour): after that the code answers 429 for everyone until the hour slides on, so
  guessing a buyer's phone takes years instead of minutes. A code that does not exist counts
  exactly as one that does: the answers stay the same.

Views raise nothing themselves: they catch `Throttled` (message + retry_after) and answer 429.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import ngettext

from hoaban.core import throttle
from hoaban.core.clientip import client_address
from hoaban.core.throttle import Taken, Throttled

from . import codes


def _placement_refused(seconds: int) -> Throttled:
    minutes = throttle.retry_after_minutes(seconds)
    return Throttled(
        ngettext(
            "You have placed many orders in a short time. "
            "Please wait %(minutes)d minute, then try again.",
            "You have placed many orders in a short time. "
            "Please wait %(minutes)d minutes, then try again.",
            minutes,
        )
        % {"minutes": minutes},
        retry_after=seconds,
    )


def _tracking_refused(seconds: int) -> Throttled:
    minutes = throttle.retry_after_minutes(seconds)
    return Throttled(
        ngettext(
            "There were too many tries to find this order. "
            "Please wait %(minutes)d minute, then try again.",
            "There were too many tries to find this order. "
            "Please wait %(minutes)d minutes, then try again.",
            minutes,
        )
        % {"minutes": minutes},
        retry_after=seconds,
    )


def placement_take(request: HttpRequest, phone_e164: str) -> list[Taken]:
    """Count one placement for the client's address and the buyer's phone, or raise
    Throttled (counting nothing). Give the counts back with `placement_give_back` when no
    new order was placed."""
    subjects = [("order_place_address", throttle.address_subject(client_address(request)))]
    if phone_e164:
        subjects.append(("order_place_phone", phone_e164))
    taken: list[Taken] = []
    for name, subject in subjects:
        one = throttle.take(throttle.rate(name), subject)
        if not one.allowed:
            placement_give_back(taken)
            raise _placement_refused(one.retry_after)
        taken.append(one)
    return taken


def placement_give_back(taken: list[Taken]) -> None:
    for one in taken:
        throttle.give_back(one)


def _code_subject(code: str) -> str:
    # The code as stored when it can be one; else what was typed (still counted per text).
    return codes.order_code_clean(code) or (code or "").strip().upper()[:20]


def tracking_take(request: HttpRequest, code: str) -> None:
    """Before looking an order up: count the lookup for the address, and refuse while the
    address is over its limit or the code is locked by failures. Raises Throttled."""
    code_wait = throttle.wait(throttle.rate("order_track_code_failures"), _code_subject(code))
    if code_wait:
        raise _tracking_refused(code_wait)
    address = throttle.address_subject(client_address(request))
    taken = throttle.take(throttle.rate("order_track_address"), address)
    if not taken.allowed:
        raise _tracking_refused(taken.retry_after)


def tracking_failed(code: str) -> None:
    """A lookup found nothing (wrong phone or no such code): count it against the code."""
    throttle.take(throttle.rate("order_track_code_failures"), _code_subject(code))
