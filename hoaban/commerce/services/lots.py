"""Which lot an order line was packed from, so income can be traced to the members who made it.

The proposal is the lot of the line's product that will expire first among those with units
left. A lot has no expiry date of its own (catalog `Lot` records `produced_on`), and the lots
of one product keep equally long, so the first to expire is the OLDEST one (first produced,
first out). Units left = the lot's quantity minus the units of the order lines packed from it
(cancelled and returned orders do not count).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from hoaban.catalog.models import Lot

from ..errors import NotAllowed
from ..models import Order, OrderLine
from .lifecycle import _order_for_update, user_can_manage
from .payments import PaymentRefused

S = Order.Status
# The packing step: a lot can be chosen once the order is confirmed, until it leaves.
LOT_STATUSES = frozenset({S.CONFIRMED, S.PACKED})
NOT_COUNTED = (S.CANCELLED, S.RETURNED)


class LotRefused(PaymentRefused):
    """A lot rule refused the request (same shape: message, stable `code`, field)."""


def lots_with_units_left(product_ids):
    """Lots of these products, each annotated `packed` (units packed from it in orders that
    still count), first to expire first."""
    packed = (
        OrderLine.objects.filter(lot=OuterRef("pk"))
        .exclude(order__status__in=NOT_COUNTED)
        .values("lot")
        .annotate(units=Sum("quantity"))
        .values("units")
    )
    return (
        Lot.objects.filter(product_id__in=list(product_ids))
        .annotate(
            packed=Coalesce(Subquery(packed, output_field=IntegerField()), Value(0)),
        )
        .order_by("produced_on", "pk")
    )


def lot_proposals(lines) -> dict[int, Lot | None]:
    """For each line (by pk) the lot to propose: its own if set, else the first-expiring lot
    of its product with units left (one query for any number of lines)."""
    lines = list(lines)
    lots = list(lots_with_units_left({line.product_id for line in lines}))
    proposals: dict[int, Lot | None] = {}
    for line in lines:
        if line.lot_id:
            proposals[line.pk] = next((lot for lot in lots if lot.pk == line.lot_id), line.lot)
            continue
        proposals[line.pk] = next(
            (
                lot
                for lot in lots
                if lot.product_id == line.product_id and lot.quantity - lot.packed > 0
            ),
            None,
        )
    return proposals


def order_lots_propose(order: Order) -> None:
    """At packing (order locked): every line without a lot gets the proposed one."""
    lines = [line for line in order.lines.order_by("pk") if not line.lot_id]
    for line_pk, lot in lot_proposals(lines).items():
        if lot is not None:
            OrderLine.objects.filter(pk=line_pk, lot__isnull=True).update(lot=lot)


def order_line_lot_set(*, line: OrderLine, lot_code: str, by) -> OrderLine:
    """The manager packs this line from another lot (its code), or clears it (empty code)."""
    with transaction.atomic():
        order = _order_for_update(Order(pk=line.order_id))
        if not user_can_manage(by, order.seller_id):
            raise NotAllowed()
        if order.status not in LOT_STATUSES:
            raise LotRefused(
                _("The lot can be chosen while order %(code)s is confirmed or packed.")
                % {"code": order.code},
                code="not_packing",
            )
        locked = OrderLine.objects.select_for_update().get(pk=line.pk, order=order)
        code = (lot_code or "").strip()
        lot = None
        if code:
            lot = (
                Lot.objects.select_related("product")
                .filter(
                    Q(code=code) & Q(product_id=locked.product_id),
                    product__organisation_id=order.seller_id,
                )
                .first()
                if len(code) <= 20 and code.isprintable()
                else None
            )
            if lot is None:  # no such lot, another product's, or another organisation's
                raise LotRefused(
                    _("This is not a lot of %(product)s. Choose a lot of this product.")
                    % {"product": locked.product_name},
                    code="lot_of_another_product",
                    field="lot",
                )
        locked.lot = lot
        locked.save(update_fields=["lot"])
    return locked
