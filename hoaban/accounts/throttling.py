"""Login lock-out (django-axes), per phone and per address.

- A phone is locked after AXES_FAILURE_LIMIT failures, from any address (so changing address
  does not help); an address is locked after LOGIN_ADDRESS_FAILURE_LIMIT failures across phones
  (so trying many phones does not help). The address limit is higher: many people share one
  address behind a carrier's NAT or a cooperative's Wi-Fi.
- Failures count for AXES_COOLOFF_TIME after each one; failures while locked are not counted, so
  the lock ends at a time we can tell the person (`locked_until`).
- A successful login clears only that phone's failures from that address: another person's
  success (or the attacker's own account) never resets a lock.
- The same person typing `0912 345 678` and `+84912345678` hits the same counter
  (settings.AXES_USERNAME_CALLABLE); the address is `hoaban.core.clientip.client_address`,
  an IPv6 one counted by its /64 network (settings.AXES_CLIENT_IP_CALLABLE).
"""

import datetime
import ipaddress
from dataclasses import dataclass

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

from hoaban.core.clientip import client_address

from .phone import InvalidPhone, normalize_phone


def axes_client_address(request) -> str:
    """The client's address; for IPv6, the first address of its /64 network: one home or phone
    gets a whole /64, so counting single IPv6 addresses would let one person try from many."""
    address = client_address(request)
    parsed = ipaddress.ip_address(address)
    if parsed.version == 6 and not parsed.ipv4_mapped:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return address


def axes_username(request, credentials: dict | None = None) -> str:
    """The phone in E.164 when it is one, else what was typed."""
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = getattr(request, "POST", {}).get("username")
    raw = raw or ""
    try:
        return normalize_phone(raw)
    except InvalidPhone:
        return raw


def address_failure_limit() -> int:
    return int(getattr(settings, "LOGIN_ADDRESS_FAILURE_LIMIT", 20))


@dataclass(frozen=True)
class Lock:
    phone_locked: bool
    address_locked: bool
    until: datetime.datetime | None


def _release(rows: list[tuple[datetime.datetime, int]], limit: int, cool_off):
    """When the failures in `rows` (time of the last failure, count) fall below `limit`."""
    total = sum(count for _at, count in rows)
    if total < limit:
        return None
    for at, count in sorted(rows):
        total -= count
        if total < limit:
            return at + cool_off
    return None


class LockoutHandler(AxesDatabaseHandler):
    """axes' database handler with a limit per phone and another per address."""

    def _recent(self, request):
        return AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))

    def _counts(self, request, credentials) -> tuple[int, int]:
        recent = self._recent(request)
        username = get_client_username(request, credentials)
        by_phone = (
            recent.filter(username=username).aggregate(n=Sum("failures_since_start"))["n"] or 0
            if username
            else 0
        )
        by_address = (
            recent.filter(ip_address=request.axes_ip_address).aggregate(
                n=Sum("failures_since_start")
            )["n"]
            or 0
        )
        return by_phone, by_address

    def get_failures(self, request, credentials: dict | None = None) -> int:
        """In units of the phone limit (AXES_FAILURE_LIMIT): a locked address counts as full."""
        by_phone, by_address = self._counts(request, credentials)
        limit = get_failure_limit(request, credentials)
        return max(by_phone, limit if by_address >= address_failure_limit() else 0)

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """After a success: only this phone's failures from this address."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return count

    def lock(self, request, credentials: dict | None = None) -> Lock:
        """Which lock holds (phone, address) and until when."""
        recent = self._recent(request)
        username = get_client_username(request, credentials)
        cool_off = get_cool_off(request)
        phone_rows = (
            list(
                recent.filter(username=username).values_list("attempt_time", "failures_since_start")
            )
            if username
            else []
        )
        address_rows = list(
            recent.filter(ip_address=request.axes_ip_address).values_list(
                "attempt_time", "failures_since_start"
            )
        )
        phone_until = _release(phone_rows, get_failure_limit(request, credentials), cool_off)
        address_until = _release(address_rows, address_failure_limit(), cool_off)
        times = [t for t in (phone_until, address_until) if t is not None]
        return Lock(
            phone_locked=phone_until is not None,
            address_locked=address_until is not None,
            until=max(times) if times else None,
        )
