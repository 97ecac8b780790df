"""SMS, Zalo and e-mail behind one interface.

`notify(Message(...))` hands the message to the backend named by the setting
`NOTIFICATION_BACKEND` (dotted path). The default writes to the log (console); `LocmemBackend`
keeps messages in `outbox` for tests. A real SMS gateway or Zalo ZNS backend is a class with a
`send(message)` method. Texts are written in the buyer's language (`order.language`, vi default).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from hoaban.accounts.phone import display_phone
from hoaban.core.money import format_vnd

from .models import Order

logger = logging.getLogger("hoaban.commerce.notifications")

DEFAULT_BACKEND = "hoaban.commerce.notifications.ConsoleBackend"


@dataclass(frozen=True)
class Message:
    channel: str  # "sms", "zalo" or "email"
    to: str  # E.164 phone, or an e-mail address
    text: str
    subject: str = ""


class ConsoleBackend:
    def send(self, message: Message) -> None:
        logger.info("[%s → %s] %s", message.channel, message.to, message.text)


class LocmemBackend:
    """Keeps every message in `LocmemBackend.outbox` (tests clear it)."""

    outbox: list[Message] = []

    def send(self, message: Message) -> None:
        type(self).outbox.append(message)


def backend():
    return import_string(getattr(settings, "NOTIFICATION_BACKEND", "") or DEFAULT_BACKEND)()


def notify(message: Message) -> None:
    backend().send(message)


def _order_text(order: Order, kind: str) -> str:
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
