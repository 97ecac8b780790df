"""`limit`/`offset` pagination answering `{"items": [...], "count": N}` (at most 100 a page),
and `Keyset`: the same with a cursor and a `next` link.

Both are bounded (422 beyond), so no value reaches the database's integers (PostgreSQL's OFFSET
is a bigint: 2**63 was a 500).

Keyset (cursor) pagination: `{"items": [...], "count": N, "next": URL | null}`. A page is
read from where the previous one ended (`WHERE (name, id) > (last name, last id)`, in the
order of an index), so the last page costs what the first does, and rows added or removed
between two pages never make a row appear twice or go missing. Follow `next` (it carries
`cursor=…`) until it is null. `limit` (1–100) and `offset` (same bound) still work; a page
reached by offset gives its `next` cursor too. `count` is the number of matching rows.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import Q, Subquery
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from hoaban.core.cursors import MAX_CURSOR_LENGTH, decode_cursor, encode_cursor
from hoaban.core.errors import InvalidInput
from hoaban.core.pagecache import catalog_cached

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000  # far beyond any list here; keeps OFFSET + LIMIT within bigint
__all__ = ["Keyset", "LimitOffset", "after", "decode_cursor", "encode_cursor"]


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


def after(ordering: tuple[str, str], values: list) -> Q:
    """Rows after `values` in ascending `ordering` (two fields, the last one unique), written
    so an index on both serves it: `a >= x AND (a > x OR b > y)`."""
    first, second = ordering
    return Q(**{f"{first}__gte": values[0]}) & (
        Q(**{f"{first}__gt": values[0]}) | Q(**{f"{second}__gt": values[1]})
    )


class Keyset(PaginationBase):
    """`@paginate(Keyset, ordering=("name", "pk"), types=(str, int))`.

    `count_name`, given, is a function of the view's parameters naming the list when its count
    depends only on them and the catalogue (None otherwise): that count is then counted once
    per catalogue version (`core.pagecache.catalog_cached`).
    """

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="At most 100")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="0 to 1000000 (or follow `next`)")
        cursor: str | None = Field(
            None,
            max_length=MAX_CURSOR_LENGTH,
            description="From a page's `next` link: the page after it",
        )

    class Output(Schema):
        items: list[Any]
        count: int
        next: str | None = Field(None, description="The next page's address; null on the last")

    def __init__(
        self,
        *,
        ordering: tuple[str, str],
        types: tuple[type, type],
        count_name: Callable[..., str | None] | None = None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.ordering = ordering
        self.types = types
        self.count_name = count_name

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> dict:
        name = self.count_name(**params) if self.count_name else None
        if name is None:
            count = self._items_count(queryset)
        else:
            count = catalog_cached(f"api-count:{name}", lambda: self._items_count(queryset))
        page = queryset.order_by(*self.ordering)
        if pagination.cursor:
            if pagination.offset:
                raise InvalidInput(
                    _("Give either a cursor or an offset, not both."), field="offset"
                )
            page = page.filter(after(self.ordering, decode_cursor(pagination.cursor, self.types)))
        start = 0 if pagination.cursor else pagination.offset
        # The page's ids first (narrow, in the index's order), then their full rows.
        ids = page.values("pk")[start : start + pagination.limit + 1]
        rows = list(queryset.filter(pk__in=Subquery(ids)).order_by(*self.ordering))
        items, more = rows[: pagination.limit], len(rows) > pagination.limit
        return {"items": items, "count": count, "next": self.next_url(request, items, more)}

    def next_url(self, request, items: list, more: bool) -> str | None:
        if not more:
            return None
        last = items[-1]
        values = [getattr(last, name) for name in self.ordering]
        query = request.GET.copy()
        query.pop("offset", None)
        query["cursor"] = encode_cursor(values)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
