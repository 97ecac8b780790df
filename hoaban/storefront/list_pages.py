"""The product list's pages without a search: by cursor, so the last page costs the first's.

"Next" carries `after` (the cursor of the page's last row) and "Previous" `before` (of its
first row): a page is read from there in the order of the index `product_list_order`
(featured first, then name, then id), not by skipping every row before it, and products
added or removed between two clicks never make a product appear twice or go missing.
`page` only numbers the page ("Page 5 of 3,958"). A page asked by number alone (a bookmark,
a hand-typed `?page=`) is read by OFFSET, as before; a cursor that is not ours is ignored.

Searches keep numbered pages: their results are capped (catalog.search), so no offset is deep.
"""

from django.core.paginator import Paginator
from django.db.models import Q

from hoaban.catalog.queries import LIST_ORDER
from hoaban.core.cursors import decode_cursor, encode_cursor
from hoaban.core.errors import InvalidInput

ORDERING = LIST_ORDER  # the list's order (the index product_list_order serves it)
REVERSED = ("is_featured", "-name", "-pk")
CURSOR_TYPES = (bool, str, int)


def cursor_of(product) -> str:
    return encode_cursor([product.is_featured, product.name, product.pk])


def _within_featured(featured: bool, name: str, pk: int, *, forward: bool) -> Q:
    """Rows of the same `is_featured` after (or before) (name, pk), written so the index's
    range starts there: `is_featured = f AND name >= n AND (name > n OR pk > id)`."""
    if forward:
        return Q(is_featured=featured, name__gte=name) & (Q(name__gt=name) | Q(pk__gt=pk))
    return Q(is_featured=featured, name__lte=name) & (Q(name__lt=name) | Q(pk__lt=pk))


class KeysetPage:
    """One page of a product list, with what the template's links need (as Django's Page:
    `number`, `paginator.count`, `paginator.num_pages`, `has_previous`, `has_next`,
    `previous_page_number`, `next_page_number`, plus `previous_cursor`, `next_cursor`)."""

    def __init__(self, pages, params, per_page: int):
        """`pages`: a catalog.queries.NarrowPages (its count, and its queryset)."""
        self.pages = pages
        self.per_page = per_page
        self.paginator = Paginator(pages, per_page)
        self.number = self._number(params.get("page"))
        self.has_previous = self.has_next = False
        rows = self._by_cursor(params)
        if rows is None:  # by number (OFFSET), as Django's Paginator
            page = self.paginator.get_page(self.number)
            self.number = page.number
            rows = list(page.object_list)
            self.has_previous, self.has_next = page.has_previous(), page.has_next()
        self.object_list = rows

    def _by_cursor(self, params) -> list | None:
        """The page after `after` or before `before`; None to read it by number instead (no
        cursor, one not ours, or nothing left on that side of it)."""
        after, before = self._cursor(params.get("after")), self._cursor(params.get("before"))
        if after is not None:
            rows, self.has_next = self._read(after, forward=True)
            self.has_previous = True
            self.number = max(self.number, 2)
        elif before is not None:
            rows, self.has_previous = self._read(before, forward=False)
            self.has_next = True
            if not self.has_previous:  # it reached the beginning: the first page, by number
                self.number, rows = 1, None
        else:
            return None
        if rows == []:  # every row after the cursor went away: the last page, by number
            self.number, rows = self.paginator.num_pages, None
        return rows

    @staticmethod
    def _cursor(raw) -> list | None:
        if not raw:
            return None
        try:
            return decode_cursor(str(raw), CURSOR_TYPES)
        except InvalidInput:  # not ours (edited, or from another list): read by number
            return None

    def _number(self, raw) -> int:
        try:
            number = int(str(raw))
        except (TypeError, ValueError):
            return 1
        return max(1, min(number, self.paginator.num_pages))

    def _read(self, cursor: list, *, forward: bool) -> tuple[list, bool]:
        """The page after (or before) `cursor`, and whether more rows lie beyond it: the
        ids within the cursor's `is_featured` (and, only when they are too few, across its
        boundary: featured products come first), then the page's cards."""
        featured, name, pk = cursor
        queryset = self.pages.queryset
        wanted = self.per_page + 1
        ordering = ORDERING if forward else REVERSED
        ids = list(
            queryset.filter(_within_featured(featured, name, pk, forward=forward))
            .order_by(*ordering)
            .values_list("pk", flat=True)[:wanted]
        )
        other = (not featured) if forward == featured else None  # featured rows come first
        if len(ids) < wanted and other is not None:
            ids += list(
                queryset.filter(is_featured=other)
                .order_by(*ordering)
                .values_list("pk", flat=True)[: wanted - len(ids)]
            )
        more = len(ids) > self.per_page
        return list(queryset.filter(pk__in=ids[: self.per_page]).order_by(*ORDERING)), more

    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    def previous_page_number(self) -> int:
        return max(self.number - 1, 1)

    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_cursor(self) -> str:
        """`before` for "Previous" (none to the first page: its plain address)."""
        if self.number <= 2 or not self.object_list:
            return ""
        return cursor_of(self.object_list[0])

    @property
    def next_cursor(self) -> str:
        return cursor_of(self.object_list[-1]) if self.object_list else ""
