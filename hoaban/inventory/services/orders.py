"""The order pipeline's writes: sale, cancellation, release of a hold, return.

`commerce.services.lifecycle` already checked who may change the order.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from ..models import StockMovement
from .ledger import Item, K, StockError, _add, _move, _prepare, _row


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
    otherwise only its hold is released (`stock_release`)."""
    if not taken:
        stock_release(items=items, by=by, order_code=order_code, note=note)
        return
    moves: list[StockMovement] = []
    products, rows = _store_rows(items, moves)
    for item in items:
        row = rows[item.product_id]
        _add(row, products[item.product_id], item.quantity)
        moves.append(
            _move(
                item.product_id,
                row.location_id,
                K.CANCELLATION,
                item.quantity,
                row.quantity,
                by,
                note,
                item=item,
                order_code=order_code,
            )
        )
    StockMovement.objects.bulk_create(moves)


@transaction.atomic
def stock_release(*, items: list[Item], by, order_code: str = "", note: str = "", at=None) -> None:
    """A hold on units ended without a sale (cancelled, or not confirmed in time): the stock
    does not change, the history shows it (a movement of 0 at `at`, by default now)."""
    if not items:
        return
    moves: list[StockMovement] = []
    _products, rows = _store_rows(items, moves)
    for item in items:
        row = rows[item.product_id]
        moves.append(
            _move(
                item.product_id,
                row.location_id,
                K.RESERVATION_RELEASED,
                0,
                row.quantity,
                by,
                note,
                item=item,
                order_code=order_code,
                at=at,
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
