"""Public order codes: `HB-` and five characters that cannot be misread (no 0/O, no 1/I).

No Django imports. 32 symbols, 5 places: 33,554,432 codes, drawn with `secrets`.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PREFIX = "HB-"
LENGTH = 5
_CODE = re.compile(rf"^{PREFIX}[{ALPHABET}]{{{LENGTH}}}$")


def order_code_new() -> str:
    """A random order code such as `HB-7K3Q2`."""
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def placement_token_new() -> str:
    """The random part of an order-placed page's address: 128 bits, URL-safe (22 characters)."""
    return secrets.token_urlsafe(16)


def order_code_clean(text: str) -> str | None:
    """The code as stored, from what a person typed (`hb 7k3q2`, `HB-7K3Q2 `), or None when
    it cannot be one of ours (wrong length, or a character outside the alphabet)."""
    raw = re.sub(r"[\s\-_.]", "", (text or "").upper())
    if raw.startswith("HB"):
        raw = raw[2:]
    code = PREFIX + raw
    return code if _CODE.match(code) else None
