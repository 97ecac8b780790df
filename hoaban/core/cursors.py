"""Opaque cursors for keyset pagination (the API's `cursor`, the product list's `after` and
`before`): the ordering values of one row, as URL-safe base64 of JSON."""

import base64
import json

from django.utils.translation import gettext as _

from .bounds import BIGINT_MAX
from .edge import storable
from .errors import InvalidInput

MAX_CURSOR_LENGTH = 1000  # a 200-character Vietnamese name and an id: ~820


def encode_cursor(values: list) -> str:
    """The opaque cursor of a row whose ordering values are `values` (e.g. [name, pk])."""
    raw = json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, types: tuple[type, ...]) -> list:
    """The values in `cursor`, checked against `types`; InvalidInput when it is not ours."""
    values = None
    if len(cursor) <= MAX_CURSOR_LENGTH:
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            values = json.loads(raw.decode())
        except (ValueError, UnicodeDecodeError, RecursionError):
            values = None
    if (
        not isinstance(values, list)
        or len(values) != len(types)
        or not all(type(v) is t for v, t in zip(values, types, strict=True))
        or not all(_fits(v) for v in values)
    ):
        raise InvalidInput(
            _("This cursor is not valid: use the “next” link of a page."), field="cursor"
        )
    return values


def _fits(value) -> bool:
    """A value the database can compare: text without NUL or a lone surrogate ("\\ud800" in
    the JSON: the driver cannot encode it, a 500), a number within a bigint."""
    if isinstance(value, str):
        return storable(value)
    if type(value) is int:
        return -BIGINT_MAX <= value <= BIGINT_MAX
    return True
