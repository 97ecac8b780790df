"""The only writer of stock: receipts, sales, cancellations, returns, recounts, transfers.

Every function opens (or joins) a transaction, locks the products' rows in primary-key order
(the order pipeline locks them in the same order, so the two never deadlock), then the stock
rows in primary-key order, changes the quantities with F() expressions behind a conditional
update (never below zero, backed by the CheckConstraint), keeps `Product.stock` equal to the
sum over locations, and writes the movement with the change.

Sales, cancellations and returns are called by `commerce.services.lifecycle`, which already
checked who may change the order. Receipts, recounts and transfers check that `by` manages the
product's organisation. The sale takes from the organisation's store (the default location).

The demo's bulk opening stock is in `inventory.opening` (the same rules, in a fixed number
of queries). Inventory sits below commerce: what orders hold
(commerce.stock.reserved_quantities) is passed in by the caller of `stock_recount` as `held`,
and called here under the lock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoaban.catalog.models import Product
from hoaban.core.bounds import MAX_STOCK, STOCK_TOO_HIGH
from hoaban.core.errors import ServiceError
from hoaban.core.pagecache import catalog_changed
from hoaban.orgs.models import Organisation
from hoaban.orgs.services import require_manager

from .models import Location, Stock, StockMovement

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


def _move(product_id, location_id, kind, delta, balance, by, note="", item=None, order_code=""):
    return StockMovement(
        product_id=product_id,
        location_id=location_id,
        kind=kind,
        quantity=delta,
        balance=balance,
        actor=_actor(by),
        at=timezone.now(),
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


# --- a manager's writes ---------------------------------------------------------------


@transaction.atomic
def stock_receive(
    *, product: Product, quantity: int, by, note: str = "", location: Location | None = None
) -> StockMovement:
    """Goods came in (harvested, made, bought): add them at `location` (the store)."""
    quantity = _quantity(
        quantity,
        field="quantity",
        allow_zero=False,
        negative=_("A receipt cannot be negative. To take goods out, count them again."),
    )
    require_manager(by, product.organisation)
    moves: list[StockMovement] = []
    products, rows, store_of = _prepare([product.pk], moves)
    locked = products[product.pk]
    place = _location(locked, location, store_of)
    row = _row(rows, locked, place)
    _add(row, locked, quantity)
    moves.append(_move(locked.pk, place.pk, K.RECEIPT, quantity, row.quantity, by, note))
    StockMovement.objects.bulk_create(moves)
    product.stock = locked.stock
    return moves[-1]


@transaction.atomic
def stock_recount(
    *,
    product: Product,
    counted: int,
    by,
    held: Held,
    note: str = "",
    location: Location | None = None,
) -> StockMovement:
    """The manager counted `counted` units at `location` (the store): the difference is
    written as a recount adjustment. Refused if the new total would be below the units held
    by orders not yet confirmed (`held`: commerce.stock.reserved_quantities)."""
    counted = _quantity(counted, field="stock", allow_zero=True)
    require_manager(by, product.organisation)
    moves: list[StockMovement] = []
    products, rows, store_of = _prepare([product.pk], moves)
    locked = products[product.pk]
    place = _location(locked, location, store_of)
    row = _row(rows, locked, place)
    delta = counted - row.quantity
    reserved = held([locked.pk]).get(locked.pk, 0)
    if locked.stock + delta < reserved:
        raise StockError(
            _(
                "%(counted)s is fewer than the %(held)s units held for orders not yet "
                "confirmed. Count again, or cancel some of those orders first."
            )
            % {"counted": counted, "held": reserved},
            field="stock",
        )
    _add(row, locked, delta)
    moves.append(_move(locked.pk, place.pk, K.RECOUNT, delta, row.quantity, by, note))
    StockMovement.objects.bulk_create(moves)
    product.stock = locked.stock
    return moves[-1]


@transaction.atomic
def stock_transfer(
    *,
    product: Product,
    source: Location,
    destination: Location,
    quantity: int,
    by,
    note: str = "",
) -> list[StockMovement]:
    """Move units between two places of the same organisation (the total stays the same)."""
    quantity = _quantity(quantity, field="quantity", allow_zero=False)
    require_manager(by, product.organisation)
    if source.pk == destination.pk:
        raise StockError(_("Choose two different places."), field="destination")
    moves: list[StockMovement] = []
    products, rows, store_of = _prepare([product.pk], moves)
    locked = products[product.pk]
    source = _location(locked, source, store_of)
    destination = _location(locked, destination, store_of)
    have = rows[(locked.pk, source.pk)].quantity if (locked.pk, source.pk) in rows else 0
    if have == 0:
        raise StockError(
            _("There is no %(name)s at %(place)s to move.")
            % {"name": locked.name, "place": source},
            field="source",
            available=0,
        )
    if have < quantity:
        raise StockError(
            _("There are only %(have)s of %(name)s at %(place)s.")
            % {"have": have, "name": locked.name, "place": source},
            field="quantity",
            available=have,
        )
    out_row, in_row = rows[(locked.pk, source.pk)], _row(rows, locked, destination)
    for row, delta in sorted(((out_row, -quantity), (in_row, quantity)), key=lambda x: x[0].pk):
        _add(row, locked, delta)
        place = source if row is out_row else destination
        moves.append(_move(locked.pk, place.pk, K.TRANSFER, delta, row.quantity, by, note))
    StockMovement.objects.bulk_create(moves)
    return moves[-2:]


# --- the order pipeline's writes (commerce.services.lifecycle checked who) ----------------


def _store_rows(items: list[Item], moves: list):
    products, rows, store_of = _prepare([i.product_id for i in items], moves)
    return products, {
        item.product_id: _row(
            rows, products[item.product_id], store_of[products[item.product_id].organisation_id]
        )
        for item in items
    }


@transaction.atomic
def stock_sell(*, items: list[Item], by, order_code: str = "") -> None:
    """An order was confirmed: its units leave the store (conditional: never below zero).
    Raises StockError (nothing changed) if a line is short."""
    moves: list[StockMovement] = []
    products, rows = _store_rows(items, moves)
    needed: dict[int, int] = {}
    for item in items:
        needed[item.product_id] = needed.get(item.product_id, 0) + item.quantity
    for product_id, quantity in needed.items():  # check every line before changing any
        if rows[product_id].quantity < quantity:
            raise StockError(
                _("There is not enough %(name)s in stock.") % {"name": products[product_id].name},
                available=rows[product_id].quantity,
                product_id=product_id,
            )
    for item in items:
        row = rows[item.product_id]
        _add(row, products[item.product_id], -item.quantity)
        moves.append(
            _move(
                item.product_id,
                row.location_id,
                K.SALE,
                -item.quantity,
                row.quantity,
                by,
                item=item,
                order_code=order_code,
            )
        )
    StockMovement.objects.bulk_create(moves)


@transaction.atomic
def stock_cancel(
    *, items: list[Item], by, taken: bool, order_code: str = "", note: str = ""
) -> None:
    """An order was cancelled. `taken`: it was confirmed, so its units go back to the store;
    otherwise only its reservation is released (a movement of 0, for the history)."""
    moves: list[StockMovement] = []
    products, rows = _store_rows(items, moves)
    for item in items:
        row = rows[item.product_id]
        if taken:
            _add(row, products[item.product_id], item.quantity)
        moves.append(
            _move(
                item.product_id,
                row.location_id,
                K.CANCELLATION if taken else K.RESERVATION_RELEASED,
                item.quantity if taken else 0,
                row.quantity,
                by,
                note,
                item=item,
                order_code=order_code,
            )
        )
    StockMovement.objects.bulk_create(moves)


@transaction.atomic
def stock_return(*, items: list[Item], by, order_code: str = "", note: str = "") -> None:
    """Sound goods came back from a buyer: back on sale in the store."""
    moves: list[StockMovement] = []
    products, rows = _store_rows(items, moves)
    for item in items:
        row = rows[item.product_id]
        _add(row, products[item.product_id], item.quantity)
        moves.append(
            _move(
                item.product_id,
                row.location_id,
                K.RETURN,
                item.quantity,
                row.quantity,
                by,
                note,
                item=item,
                order_code=order_code,
            )
        )
    StockMovement.objects.bulk_create(moves)


def stock_total(product_id: int) -> int:
    """The sum of a product's movements (what `Product.stock` must equal): for tests and checks."""
    return (
        StockMovement.objects.filter(product_id=product_id).aggregate(n=Sum("quantity"))["n"] or 0
    )
