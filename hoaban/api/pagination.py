"""`limit`/`offset` pagination answering `{"items": [...], "count": N}` (at most 100 a page).

Both are bounded (422 beyond), so no value reaches the database's integers (PostgreSQL's OFFSET
is a bigint: 2**63 was a 500)."""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000  # far beyond any list here; keeps OFFSET + LIMIT within bigint


class LimitOffset(PaginationBase):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="At most 100")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="0 to 1000000")

    class Output(Schema):
        items: list[Any]
        count: int

    def paginate_queryset(self, queryset, pagination: Input, **params) -> dict:
        return {
            "items": queryset[pagination.offset : pagination.offset + pagination.limit],
            "count": self._items_count(queryset),
        }
