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

from .ledger import MAX_QUANTITY, OPENING_NOTE, Item, StockError, location_store
from .manager import stock_receive, stock_recount, stock_transfer
from .orders import stock_cancel, stock_release, stock_return, stock_sell, stock_total

__all__ = [
    "MAX_QUANTITY",
    "OPENING_NOTE",
    "Item",
    "StockError",
    "location_store",
    "stock_cancel",
    "stock_receive",
    "stock_recount",
    "stock_release",
    "stock_return",
    "stock_sell",
    "stock_total",
    "stock_transfer",
]
