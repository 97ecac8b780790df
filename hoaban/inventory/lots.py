"""Recording a lot, with its units added to the stock (a receipt) unless the manager says no.

A lot recorded as produced is, for most managers, goods that came in: `lot_record` records it
(`catalog.services.lot_create`) and, with `add_to_stock` (the form's default), receives its
quantity at the organisation's store in the same transaction (`stock_receive`, the ledger's
note naming the lot). Untick it when the units are already counted in the stock (a lot recorded
late, after the stock was set by hand): the lot is then only the trace record.
"""

from django.db import transaction

from hoaban.catalog.models import Lot
from hoaban.catalog.services import lot_create

from .services import stock_receive


@transaction.atomic
def lot_record(*, by, add_to_stock: bool = True, **lot) -> Lot:
    """`lot_create(by=by, **lot)`, then a receipt of its quantity when `add_to_stock`."""
    created = lot_create(by=by, **lot)
    if add_to_stock:
        stock_receive(product=created.product, quantity=created.quantity, by=by, note=created.code)
    return created
