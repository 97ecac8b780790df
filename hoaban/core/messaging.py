"""SMS, Zalo and e-mail behind one interface, for every app (orders, invitations…).

`send(Message(...))` hands the message to the backend named by the setting
`NOTIFICATION_BACKEND` (dotted path). The default writes to the log (console); `LocmemBackend`
keeps messages in `outbox` for tests. A real SMS gateway or Zalo ZNS backend is a class with a
`send(message)` method. Callers write the text in the reader's language.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("hoaban.messaging")

DEFAULT_BACKEND = "hoaban.core.messaging.ConsoleBackend"
CHANNELS = ("sms", "zalo", "email")


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


def send(message: Message) -> None:
    backend().send(message)
