"""The texts of order notifications; sending goes through `hoaban.core.messaging`.

`notify(Message(...))` hands a message to the configured backend (setting
`NOTIFICATION_BACKEND`). Texts are written in the buyer's language (`order.language`, vi default).
The names below are re-exported so existing imports and dotted paths keep working.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from hoaban.accounts.phone import display_phone
from hoaban.core.messaging import (  # noqa: F401 (re-exported)
    DEFAULT_BACKEND,
    ConsoleBackend,
    LocmemBackend,
    Message,
    backend,
)
from hoaban.core.messaging import send as notify
from hoaban.core.money import format_vnd

from .models import Order

__all__ = ["ConsoleBackend", "LocmemBackend", "Message", "notify", "order_message"]


# Where the buyer follows her order (the marketplace's tracking page, `?code=` fills the code
# in; she adds her phone). The path is the storefront's `shop:track`, named here by address:
# commerce does not import the channels.
TRACKING_PATH = "/track/?code="
WITH_LINK = frozenset({"placed", "shipped"})  # short SMS: the two that matter


def tracking_link(order: Order) -> str:
    return f"{settings.SITE_URL}{TRACKING_PATH}{order.code}"


def _order_text(order: Order, kind: str) -> str:
    text = _order_sentence(order, kind)
    if kind in WITH_LINK:
        text += " " + _("Follow it: %(link)s") % {"link": tracking_link(order)}
    return text


def _order_sentence(order: Order, kind: str) -> str:
    values = {
        "code": order.code,
        "seller": order.seller.name,
        "total": format_vnd(order.total),
        "phone": display_phone(order.seller.contact_phone) if order.seller.contact_phone else "",
    }
    if kind == "placed":
        if order.payment.method == "vietqr":
            return (
                _(
                    "Hoa Ban: order %(code)s from %(seller)s is placed. Please transfer %(total)s "
                    "with the note %(code)s."
                )
                % values
            )
        return (
            _(
                "Hoa Ban: order %(code)s from %(seller)s is placed. Total %(total)s. "
                "The seller will call you to confirm."
            )
            % values
        )
    texts = {
        "confirmed": _("Hoa Ban: %(seller)s confirmed your order %(code)s."),
        "shipped": _("Hoa Ban: your order %(code)s is on its way."),
        "delivered": _("Hoa Ban: your order %(code)s was delivered. Thank you!"),
        "cancelled": _(
            "Hoa Ban: order %(code)s was cancelled. Questions? Call %(seller)s: %(phone)s."
        ),
        "paid": _("Hoa Ban: %(seller)s received your payment of %(total)s for order %(code)s."),
    }
    return texts[kind] % values


def order_message(order: Order, kind: str) -> Message:
    """The SMS to the buyer about an order event, in the buyer's language."""
    language = order.language if order.language in dict(settings.LANGUAGES) else "vi"
    with translation.override(language):
        text = _order_text(order, kind)
    return Message(channel="sms", to=order.buyer_phone, text=text)


def seller_message(order: Order) -> Message | None:
    """The SMS telling the seller a new order arrived (Vietnamese), if it has a phone."""
    if not order.seller.contact_phone:
        return None
    with translation.override("vi"):
        text = _("Hoa Ban: new order %(code)s, %(total)s. Please confirm it.") % {
            "code": order.code,
            "total": format_vnd(order.total),
        }
    return Message(channel="sms", to=order.seller.contact_phone, text=text)
