"""Accent-insensitive text for Vietnamese search: `Miến dong` and `mien dong` match."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# đ/Đ are letters of their own, not d plus a combining mark, so NFD leaves them alone.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics and collapse spaces: the form stored in `search_text`."""
    if not text:
        return ""
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def fold_join(*parts: str | None) -> str:
    """Fold several fields into one searchable string."""
    return " ".join(p for p in (fold(part) for part in parts) if p)


def search_terms(query: str | None) -> list[str]:
    """Split a folded query into words; every word must match (AND). Each word once: a
    repeated word matches nothing more, and `xa xa xa …` (100 characters) made a search of
    33 conditions (and rank 2 wrote out the sellers' ids 33 times)."""
    return list(dict.fromkeys(term for term in fold(query).split(" ") if term))
