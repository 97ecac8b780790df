"""The client's address, the one thing throttles and lock-outs count by.

Without a proxy it is REMOTE_ADDR. Behind a reverse proxy every request comes from the proxy, so
the address is read from the one header the proxy sets (settings.CLIENT_IP_HEADER, e.g.
`X-Forwarded-For`), and only from it: a header the client sent itself is never trusted. For
X-Forwarded-For, each trusted proxy appends the address it saw, so the client is the entry
CLIENT_IP_PROXY_COUNT places from the right.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "0.0.0.0"  # noqa: S104 (a placeholder key, never bound)


def _valid(candidate: str) -> str | None:
    try:
        return str(ipaddress.ip_address(candidate.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        meta_key = "HTTP_" + header.upper().replace("-", "_")
        entries = [e for e in request.META.get(meta_key, "").split(",") if e.strip()]
        count = max(1, int(getattr(settings, "CLIENT_IP_PROXY_COUNT", 1)))
        if len(entries) >= count:
            found = _valid(entries[-count])
            if found:
                return found
    return _valid(request.META.get("REMOTE_ADDR", "")) or UNKNOWN
