"""django-axes counts failed logins per phone number: the same person typing `0912 345 678`
and `+84912345678` must hit the same counter (settings.AXES_USERNAME_CALLABLE)."""

from .phone import InvalidPhone, normalize_phone


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
