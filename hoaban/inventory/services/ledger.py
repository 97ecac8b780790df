"""The ledger's shared steps: lock in primary-key order, reconcile, change a row, write a move.

Private to `inventory.services`: its manager and pipeline writes are built from these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoaban.catalog.models import Product
from hoaban.core.bounds import MAX_STOCK, STOCK_TOO_HIGH
from hoaban.core.errors import ServiceError
from hoaban.core.pagecache import catalog_changed
from hoaban.orgs.models import Organisation

from ..models import Location, Stock, StockMovement

MAX_QUANTITY = MAX_STOCK  # core.bounds: what Product.stock may hold, so one place too
OPENING_NOTE = gettext_lazy("Opening balance (stock before the ledger)")
K = StockMovement.Kind
Held = Callable[[Iterable[int]], dict[int, int]]


class StockError(ServiceError):
    """A stock change was refused; `available` is what the location had (for shortages)."""

    def __init__(
        self,
        message,
        *,
        field: str | None = None,
        available: int | None = None,
        product_id: int | None = None,
    ):
        super().__init__(message, field=field)
        self.available = available
        self.product_id = product_id


@dataclass(frozen=True)
class Item:
    """One order line's part in a sale, a cancellation or a return."""

    product_id: int
    quantity: int
    line_id: int | None = None


def _actor(by):
    return by if getattr(by, "is_authenticated", False) else None


def _quantity(value, *, field: str, allow_zero: bool, negative=None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise StockError(_("Write the quantity as a whole number."), field=field)
    if value < 0:
        raise StockError(
            negative or _("The quantity cannot be negative. Write 0 or more."), field=field
        )
    if value == 0 and not allow_zero:
        raise StockError(_("The quantity must be more than 0."), field=field)
    if value > MAX_QUANTITY:
        raise StockError(STOCK_TOO_HIGH, field=field)
    return value


def location_store(organisation: Organisation | int) -> Location:
    """The organisation's store, made the first time it is needed."""
    organisation_id = getattr(organisation, "pk", organisation)
    location = Location.objects.filter(
        organisation_id=organisation_id, kind=Location.Kind.STORE
    ).first()
    if location is None:
        location, _created = Location.objects.get_or_create(
            organisation_id=organisation_id, kind=Location.Kind.STORE
        )
    return location


def _lock_products(ids: Iterable[int]) -> dict[int, Product]:
    return {
        p.pk: p
        for p in Product.objects.select_for_update(of=("self",))
        .filter(pk__in=sorted(set(ids)))
        .order_by("pk")
    }


def _lock_rows(product_ids: Iterable[int]) -> dict[tuple[int, int], Stock]:
    rows = Stock.objects.select_for_update().filter(product_id__in=list(product_ids)).order_by("pk")
    return {(row.product_id, row.location_id): row for row in rows}


def _move(
    product_id, location_id, kind, delta, balance, by, note="", item=None, order_code="", at=None
):
    return StockMovement(
        product_id=product_id,
        location_id=location_id,
        kind=kind,
        quantity=delta,
        balance=balance,
        actor=_actor(by),
        at=at or timezone.now(),
        note=str(note or "")[:255],
        order_code=(order_code or "")[:20],
        order_line_id=getattr(item, "line_id", None),
    )


def _reconcile(products: dict[int, Product], rows: dict, store_of: dict[int, Location], moves):
    """A product whose total has no ledger behind it (stock set before the ledger existed, or
    by a test factory) gets it now, on its store, as an opening recount."""
    totals: dict[int, int] = {}
    for (product_id, _location), row in rows.items():
        totals[product_id] = totals.get(product_id, 0) + row.quantity
    for product in products.values():
        missing = product.stock - totals.get(product.pk, 0)
        if missing <= 0:
            continue
        store = store_of[product.organisation_id]
        key = (product.pk, store.pk)
        row = rows.get(key)
        if row is None:
            row = rows[key] = Stock.objects.create(product=product, location=store, quantity=0)
        Stock.objects.filter(pk=row.pk).update(quantity=F("quantity") + missing)
        row.quantity += missing
        moves.append(
            _move(product.pk, store.pk, K.RECOUNT, missing, row.quantity, None, OPENING_NOTE)
        )


def _prepare(product_ids: Iterable[int], moves: list):
    products = _lock_products(product_ids)
    store_of = {
        o: location_store(o) for o in sorted({p.organisation_id for p in products.values()})
    }
    rows = _lock_rows(products)
    _reconcile(products, rows, store_of, moves)
    return products, rows, store_of


def _row(rows: dict, product: Product, location: Location) -> Stock:
    key = (product.pk, location.pk)
    if key not in rows:
        rows[key] = Stock.objects.create(product=product, location=location, quantity=0)
    return rows[key]


def _add(row: Stock, product: Product, delta: int) -> None:
    """Change one row and the product's total by `delta` (never below zero)."""
    if delta < 0:
        taken = Stock.objects.filter(pk=row.pk, quantity__gte=-delta).update(
            quantity=F("quantity") + delta
        )
        if taken != 1:  # cannot happen under the lock; the guard stays anyway
            raise StockError(_("There is not enough in stock."), available=row.quantity)
        Product.objects.filter(pk=product.pk, stock__gte=-delta).update(
            stock=F("stock") + delta, updated_at=timezone.now()
        )
    elif delta > 0:
        if product.stock + delta > MAX_STOCK:  # the product's CheckConstraint would refuse
            raise StockError(STOCK_TOO_HIGH, field="quantity", product_id=product.pk)
        Stock.objects.filter(pk=row.pk).update(quantity=F("quantity") + delta)
        Product.objects.filter(pk=product.pk).update(
            stock=F("stock") + delta, updated_at=timezone.now()
        )
    row.quantity += delta
    product.stock += delta
    catalog_changed()  # cached public pages show the stock (hoaban.core.pagecache)


def _location(product: Product, location: Location | None, store_of) -> Location:
    if location is None:
        return store_of[product.organisation_id]
    if location.organisation_id != product.organisation_id:
        raise StockError(_("This place belongs to another organisation."), field="location")
    return location
