"""A manager's writes: receipts, recounts, transfers (each checks that `by` manages the product)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from hoaban.catalog.models import Product
from hoaban.orgs.services import require_manager

from ..models import Location, StockMovement
from .ledger import Held, K, StockError, _add, _location, _move, _prepare, _quantity, _row


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
