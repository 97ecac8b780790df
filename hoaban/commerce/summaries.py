"""The JSON shapes of an order: the placement answer (stored for idempotent replays) and the
state a buyer sees when tracking an order. Plain dicts, used by the API and by pages."""

from django.utils.translation import gettext as _

from .models import Order


def order_summary(order: Order) -> dict:
    """What `POST /api/v1/orders` answers for one order (needs `seller` and `payment`)."""
    payment = order.payment
    return {
        "code": order.code,
        "seller": order.seller.name,
        "seller_slug": order.seller.slug,
        "status": order.status,
        "subtotal": order.subtotal,
        "shipping_fee": order.shipping_fee,
        "total": order.total,
        "payment": {
            "method": payment.method,
            "status": payment.status,
            "amount": payment.amount,
            "vietqr": payment.vietqr or None,
        },
    }


def payment_summary(payment) -> dict:
    """One of an order's payments (the charge, a deposit, the rest, a refund), oldest first."""
    return {
        "kind": payment.kind,
        "kind_label": payment.get_kind_display(),
        "method": payment.method,
        "method_label": payment.get_method_display(),
        "status": payment.status,
        "status_label": payment.get_status_display(),
        "amount": payment.amount,
        "vietqr": (payment.vietqr or None) if payment.status == "pending" else None,
        "recorded_at": payment.created_at.isoformat(),
        "received_at": payment.received_at.isoformat() if payment.received_at else None,
    }


def placement_response(orders: list[Order]) -> dict:
    return {"orders": [order_summary(order) for order in orders]}


def order_tracking(order: Order) -> dict:
    """The state of an order for its buyer (needs `order_for_tracking()`'s joins).

    Labels are in the active language."""
    summary = order_summary(order)
    shipment = order.shipments.all()[0] if order.shipments.all() else None
    summary.update(
        {
            "status_label": order.get_status_display(),
            "placed_at": order.created_at.isoformat(),
            "channel": order.channel.code,
            "buyer": {"name": order.buyer_name},
            "delivery": {
                "method": order.delivery_method,
                "address": order.address,
                "commune": order.commune_id,
                "commune_name": order.commune.name if order.commune_id else "",
                "province_name": order.commune.province.name if order.commune_id else "",
            },
            "lines": [
                {
                    "product": line.product_code,
                    "name": line.product_name,
                    "quantity": line.quantity,
                    "unit_price": line.unit_price,
                    "line_total": line.line_total,
                }
                for line in order.lines.all()
            ],
            "shipment": None
            if shipment is None
            else {
                "carrier": shipment.carrier,
                "carrier_name": shipment.carrier_name,
                "tracking_code": shipment.tracking_code,
                "status": shipment.status,
            },
            "events": [
                {"kind": event.kind, "label": event.get_kind_display(), "at": event.at.isoformat()}
                for event in order.events.all()
            ],
        }
    )
    summary["payments"] = [payment_summary(payment) for payment in order.payments.all()]
    summary["payment_state"] = order.payment_state
    summary["payment_state_label"] = order.get_payment_state_display()
    summary["payment"]["status_label"] = order.payment.get_status_display()
    summary["payment"]["method_label"] = order.payment.get_method_display()
    summary["payment"]["note"] = (
        _("Transfer %(amount)s đồng with the note %(code)s.")
        % {"amount": f"{order.payment.amount:,}".replace(",", "."), "code": order.code}
        if order.payment.method == "vietqr" and order.payment.status == "pending"
        else ""
    )
    return summary
